import * as crypto from 'node:crypto';
import { canonicalJson } from '@libs/domain/model';
import { RecordedEvent } from '@libs/event-store';

/** The "previous hash" of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export const HASH_PATTERN = /^[0-9a-f]{64}$/;

/** What an event's hash covers: its id, type and revision in its stream, its data and its metadata. */
export type HashedEvent = Pick<RecordedEvent, 'eventId' | 'type' | 'data' | 'metadata'> & { readonly revision: bigint };

/**
 * The canonical content of an event: the JSON object
 * `{"data", "id", "metadata" (without "hash"), "revision" (a number), "type"}` in the JSON
 * Canonicalization Scheme of RFC 8785 (keys sorted by UTF-16 code units at every level, no
 * whitespace, numbers and strings as ECMAScript's JSON.stringify writes them).
 */
export function canonicalContent(event: HashedEvent): string {
  const { hash: _hash, ...metadata } = (event.metadata ?? {}) as Record<string, unknown>;
  return canonicalContentOfTexts({
    eventId: event.eventId,
    type: event.type,
    revision: event.revision,
    data: event.data === undefined ? undefined : canonicalJson(event.data),
    metadata: canonicalJson(metadata),
  });
}

/**
 * An event whose data and metadata (without "hash") are given as their canonical JSON: the ledger writes
 * an event's data so once, and the metadata its command's events share once for the command.
 */
export type CanonicalTexts = Omit<HashedEvent, 'data' | 'metadata'> & {
  /** canonicalJson of the data; undefined when the event has none */
  readonly data: string | undefined;
  /** canonicalJson of the metadata without its "hash" */
  readonly metadata: string;
};

/** canonicalContent from the canonical texts of the data and metadata: the five members written around them. */
export function canonicalContentOfTexts(event: CanonicalTexts): string {
  // the members are in canonical order already; an absent one is left out, as RFC 8785 does
  let content = event.data !== undefined ? `{"data":${event.data},` : '{';
  if (event.eventId !== undefined) content += `"id":${JSON.stringify(event.eventId)},`;
  content += `"metadata":${event.metadata},"revision":${JSON.stringify(Number(event.revision))}`;
  if (event.type !== undefined) content += `,"type":${JSON.stringify(event.type)}`;
  return `${content}}`;
}

/**
 * An event's link in its stream's chain: SHA-256, as 64 lowercase hex digits, of the previous
 * event's hash (64 ASCII hex digits; `GENESIS_HASH` for the first event) followed directly by the
 * event's canonical content, both as UTF-8.
 */
export function eventHash(previous: string, event: HashedEvent): string {
  return sha256Hex(previous + canonicalContent(event));
}

/** eventHash of an event given by the canonical texts of its data and metadata (see CanonicalTexts). */
export function eventHashOfTexts(previous: string, event: CanonicalTexts): string {
  return sha256Hex(previous + canonicalContentOfTexts(event));
}

/** One-shot hashing where Node has it (20.12 and later): a hash per event read is a cost of every fold. */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

export function storedHash(event: Pick<RecordedEvent, 'metadata'>): unknown {
  return (event.metadata as { hash?: unknown } | undefined)?.hash;
}
