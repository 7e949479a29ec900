import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
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
  return canonicalize({
    id: event.eventId,
    type: event.type,
    revision: Number(event.revision),
    data: event.data,
    metadata,
  });
}

/**
 * An event's link in its stream's chain: SHA-256, as 64 lowercase hex digits, of the previous
 * event's hash (64 ASCII hex digits; `GENESIS_HASH` for the first event) followed directly by the
 * event's canonical content, both as UTF-8.
 */
export function eventHash(previous: string, event: HashedEvent): string {
  return createHash('sha256').update(previous, 'utf8').update(canonicalContent(event), 'utf8').digest('hex');
}

export function storedHash(event: Pick<RecordedEvent, 'metadata'>): unknown {
  return (event.metadata as { hash?: unknown } | undefined)?.hash;
}
