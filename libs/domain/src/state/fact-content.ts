import { encodeEventData } from '../events/codec/event.codecs';
import { FactEvent } from '../events/fact.events';
import { canonicalJson, canonicalJsonRenamed } from './canonical-json';

/**
 * The member names most facts hold (the national set's commonest first), each kept as one control
 * character in a given content: a region's state keeps one content per fact, and these names were a
 * third of their bytes. Canonical JSON holds no raw control character (JSON.stringify escapes every
 * one), so the rewrite is one to one — every control character in the kept form stands for exactly
 * one name — and two contents are equal exactly when their kept forms are. Snapshots hold the kept
 * form: the list changes only together with STATE_SNAPSHOT_FORMAT.
 */
export const SHORT_MEMBER_NAMES: readonly string[] = [
  'regionId',
  'scheme',
  'amount',
  'year',
  'municipality',
  'reference',
  'category',
  'provider',
  'advanceId',
  'costId',
  'date',
  'executionCosts',
  'recipient',
  'paymentId',
  'expenditureId',
  'coPaymentId',
  'careCosts',
  'basis',
  'description',
  'version',
  'label',
  'validFrom',
  'objectivePct',
  'components',
  'weights',
  'keyId',
  'unit',
  'justification',
  'correctionId',
  'name',
  'code',
];

/** Each name → its control character (U+0001 for the first name, and so on up to U+001F). */
const SHORT_FORM = new Map(SHORT_MEMBER_NAMES.map((name, index) => [name, String.fromCharCode(index + 1)]));

/** The member prefix each short name replaces (`"name":`) → its control character. */
const SHORT_PREFIX: ReadonlyMap<string, string> = SHORT_FORM;

/**
 * Canonical JSON with every `"name":` of a name in SHORT_MEMBER_NAMES written as its control character.
 * A scan for `":` rather than a regular expression with a replacer: it is on every fact a fold reads,
 * and takes half the time. The parts are joined, not concatenated, so that the string kept is flat (a
 * concatenation would keep a tree of its parts, larger than the text it saves).
 */
export function shortened(json: string): string {
  const parts: string[] = [];
  let from = 0;
  for (let colon = json.indexOf('":'); colon !== -1; colon = json.indexOf('":', colon + 2)) {
    const open = json.lastIndexOf('"', colon - 1);
    if (open < from) continue;
    const short = SHORT_FORM.get(json.slice(open + 1, colon));
    if (short === undefined) continue;
    parts.push(json.slice(from, open), short);
    from = colon + 2;
  }
  if (from === 0) return json;
  parts.push(json.slice(from));
  return parts.join('');
}

/**
 * A fact's given content: its stored data without the postings derived from it, as canonical JSON
 * with its commonest member names shortened (see SHORT_MEMBER_NAMES). Two facts with one identity say
 * the same when their given contents are equal — as stored, so that a rule that later derives other
 * postings does not turn a repeated fact into a conflict.
 *
 * Every fact recorded or read comes through here: the canonical text is written with the short names
 * in place, in one pass without a copy of the data; data that is not plain JSON, or has a key that
 * needs escaping, is written canonically and then shortened (the two give the same text otherwise).
 */
export function givenContentOf(storedData: Readonly<Record<string, unknown>>): string {
  return (
    (isPlainData(storedData) ? canonicalJsonRenamed(storedData, SHORT_PREFIX, 'postings') : undefined) ??
    byScan(storedData)
  );
}

/**
 * givenContentOf for stored data already copied in canonical order by sortedCopy (the ledger copies
 * an event's data so once, for its hash and for this): the same text, however the data is ordered.
 */
export function givenContentOfSorted(sortedData: Readonly<Record<string, unknown>>): string {
  return givenContentOf(sortedData);
}

/** The given content of a fact event, from its stored form. */
export function givenContent(event: FactEvent): string {
  return givenContentOf(encodeEventData(event));
}

function isPlainData(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The general road: the data without its postings as canonical JSON, then its names shortened. */
function byScan(storedData: Readonly<Record<string, unknown>>): string {
  const { postings: _postings, ...given } = storedData;
  return shortened(canonicalJson(given));
}
