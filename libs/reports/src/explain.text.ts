import { formatEuro, parseAmount } from '@libs/money';
import { Explanation } from '@libs/projections';

const euro = (amount: string) => formatEuro(parseAmount(amount));

/** An account's postings for a year, one block per posting, for a controller to check by hand. */
export function renderExplanationText(explanation: Explanation): string {
  const lines = [
    `Rekening ${explanation.account} — ${explanation.regionId} ${explanation.year}${explanation.asOf ? ` (zoals vastgelegd op ${explanation.asOf})` : ''}`,
    '',
  ];
  if (explanation.postings.length === 0) lines.push('  (geen boekingen)');
  for (const posting of explanation.postings) {
    lines.push(`${euro(posting.amount).padStart(20)}  ${posting.eventType}${posting.rule ? ` [${posting.rule}]` : ''}`);
    lines.push(`${' '.repeat(22)}${posting.derivation}`);
    lines.push(
      `${' '.repeat(22)}vastgelegd ${posting.recordedAt} door ${posting.actor}, bron ${posting.source}, event ${posting.eventId}`,
    );
  }
  lines.push('', `${euro(explanation.balance).padStart(20)}  saldo`);
  return lines.join('\n');
}
