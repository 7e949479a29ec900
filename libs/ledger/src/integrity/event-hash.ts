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
  // the five members are already in canonical order; an absent one is left out, as RFC 8785 does
  const members: string[] = [];
  if (event.data !== undefined) members.push(`"data":${canonicalJson(event.data)}`);
  if (event.eventId !== undefined) members.push(`"id":${JSON.stringify(event.eventId)}`);
  members.push(`"metadata":${canonicalJson(metadata)}`, `"revision":${JSON.stringify(Number(event.revision))}`);
  if (event.type !== undefined) members.push(`"type":${JSON.stringify(event.type)}`);
  return `{${members.join(',')}}`;
}

/**
 * An event whose data and metadata (without "hash") were copied in canonical order by sortedCopy: the
 * ledger copies an event's data once for its hash and its fact's given content.
 */
export type SortedEvent = Omit<HashedEvent, 'data' | 'metadata'> & {
  readonly data: unknown;
  readonly metadata: unknown;
};

/**
 * canonicalContent of an event in sorted copies: one JSON.stringify of the five members, whose names are
 * in canonical order already (an undefined one is left out, as RFC 8785 does).
 */
export function canonicalContentOfSorted(event: SortedEvent): string {
  return JSON.stringify({
    data: event.data,
    id: event.eventId,
    metadata: event.metadata,
    revision: Number(event.revision),
    type: event.type,
  });
}

/**
 * An event's link in its stream's chain: SHA-256, as 64 lowercase hex digits, of the previous
 * event's hash (64 ASCII hex digits; `GENESIS_HASH` for the first event) followed directly by the
 * event's canonical content, both as UTF-8.
 */
export function eventHash(previous: string, event: HashedEvent): string {
  return sha256Hex(previous + canonicalContent(event));
}

/** eventHash of an event in sorted copies (see SortedEvent). */
export function sortedEventHash(previous: string, event: SortedEvent): string {
  return sha256Hex(previous + canonicalContentOfSorted(event));
}

/** One-shot hashing where Node has it (20.12 and later): a hash per event read is a cost of every fold. */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

export function storedHash(event: Pick<RecordedEvent, 'metadata'>): unknown {
  return (event.metadata as { hash?: unknown } | undefined)?.hash;
}
