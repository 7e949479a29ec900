import { encodeEventData } from '../events/codec/event.codecs';
import { FactEvent } from '../events/fact.events';
import { canonicalJson } from './canonical-json';

/**
 * A fact's given content: its stored data without the postings derived from it, as canonical JSON.
 * Two facts with one identity say the same when their given contents are equal — as stored, so that a
 * rule that later derives other postings does not turn a repeated fact into a conflict.
 */
export function givenContentOf(storedData: Readonly<Record<string, unknown>>): string {
  const { postings: _postings, ...given } = storedData;
  return canonicalJson(given);
}

/**
 * givenContentOf for stored data already copied in canonical order by sortedCopy (the ledger copies
 * an event's data so once, for its hash and for this): the copy without its postings, written as it is.
 */
export function givenContentOfSorted(sortedData: Readonly<Record<string, unknown>>): string {
  const { postings: _postings, ...given } = sortedData;
  return JSON.stringify(given);
}

/** The given content of a fact event, from its stored form. */
export function givenContent(event: FactEvent): string {
  return givenContentOf(encodeEventData(event));
}
