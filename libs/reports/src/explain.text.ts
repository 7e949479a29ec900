import { formatEuroNl } from '@libs/money';
import { Explanation, PostingBasis } from '@libs/projections';
import { derivationText } from './derivation/derivation';
import { WORDS } from './derivation/locale-words';
import { Locale } from './locale';

/**
 * An account's postings for a year, one block per posting, for a controller to check by hand: Dutch
 * (the default), or with `en` in the words of the JSON.
 */
export function renderExplanationText(explanation: Explanation<PostingBasis>, locale: Locale = 'nl'): string {
  const { account, regionId, year } = explanation;
  const words = WORDS[locale].text;
  const lines = [words.accountHeading({ account, regionId, year, asOf: explanation.asOf }), ''];
  if (explanation.postings.length === 0) lines.push(`  ${words.noPostings}`);
  const indent = ' '.repeat(22);
  for (const posting of explanation.postings) {
    lines.push(`${formatEuroNl(posting.amount).padStart(20)}  ${words.eventType(posting.eventType)}`);
    lines.push(`${indent}${derivationText(posting, account, locale)}`);
    const { actor, source, eventId } = posting;
    lines.push(`${indent}${words.recorded({ moment: words.moment(posting.recordedAt), actor, source, eventId })}`);
  }
  lines.push('');
  const carried = explanation.carried;
  if (carried) {
    lines.push(`${formatEuroNl(carried.opening).padStart(20)}  ${words.opening(year)}`);
    lines.push(
      `${formatEuroNl(carried.movement).padStart(20)}  ${words.movements(year, carried.movement !== explanation.balance)}`,
    );
    lines.push(`${formatEuroNl(carried.closing).padStart(20)}  ${words.closing(year)}`);
  } else {
    lines.push(`${formatEuroNl(explanation.balance).padStart(20)}  ${words.balance(year)}`);
  }
  return lines.join('\n');
}
