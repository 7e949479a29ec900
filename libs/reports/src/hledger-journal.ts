import { factIdOf, postingsOf, ruleOf, yearOf } from '@libs/domain/model';
import { formatAmount } from '@libs/money';
import { LedgerEvent } from '@libs/projections';

/**
 * The region's money events as an hledger journal: one transaction per event, dated on the last day
 * of its budget year (so `hledger balance -p 2024` gives that year's balances), with the event id,
 * type, rule and recording time as tags. The header carries the ledger hash of the history it was
 * written from.
 */
export function renderHledgerJournal(
  regionId: string,
  events: readonly LedgerEvent[],
  year?: number,
  ledgerHash?: string,
): string {
  const lines = [
    `; Geldstroom journal for region ${regionId}${year ? `, budget year ${year}` : ''}`,
    ...(ledgerHash
      ? [`; ledger hash ${ledgerHash} (check: geldstroom verify --region ${regionId} --expect ${ledgerHash})`]
      : []),
    `; amounts in euro; one transaction per money event`,
    'commodity 1000.00 EUR',
    '',
  ];
  for (const event of events) {
    const eventYear = yearOf(event);
    const postings = postingsOf(event);
    if (postings.length === 0 || eventYear === undefined || (year !== undefined && eventYear !== year)) continue;
    const id = factIdOf(event)?.[1];
    const scheme = 'scheme' in event.data ? event.data.scheme : undefined;
    const rule = ruleOf(event);
    const description = `${event.type}${id ? ` ${id}` : ''}${scheme ? ` ${scheme}` : ''}`.replace(/[;|]/g, ' ');
    lines.push(
      `${eventYear}-12-31 * ${description}  ; event:${event.eventId}, type:${event.type}${rule ? `, rule:${rule}` : ''}, recorded:${event.metadata.recordedAt}`,
    );
    const width = Math.max(...postings.map((posting) => posting.account.length));
    for (const posting of postings) {
      lines.push(`    ${posting.account.padEnd(width)}  ${formatAmount(posting.amount)} EUR`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
