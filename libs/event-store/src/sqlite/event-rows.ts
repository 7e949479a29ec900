import Database from 'better-sqlite3';
import { ConcurrencyConflictError, EventStoreError } from '../event-store.errors';
import { AppendResult, ExpectedRevision, NewEvent } from '../event-store.port';
import { rowJson } from './row-json';

/** An event as the `events` table holds it, its data and metadata as the JSON texts stored. */
export interface EventRow {
  readonly eventId: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/** The rows of one append to a stream, with the head it expects. */
export interface StreamRows {
  readonly streamId: string;
  readonly expectedRevision: ExpectedRevision;
  readonly rows: readonly EventRow[];
}

/** The last revision of each stream a transaction read or appended to (null: the stream has no events). */
export type Heads = Map<string, bigint | null>;

/** The statements an insert runs, prepared once on the connection that inserts. */
export interface InsertStatements {
  readonly head: Database.Statement<[string], { revision: bigint | null }>;
  readonly insert: Database.Statement<[string, string, bigint, string, string, string]>;
}

export const HEAD_SQL = 'SELECT MAX(revision) AS revision FROM events WHERE stream_id = ?';
export const INSERT_SQL =
  'INSERT INTO events (event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)';

/**
 * The row an event is stored as (its texts from rowJson): one function for the store's own appends and
 * for the rows a batch writer thread inserts, so that both store the same bytes.
 */
export function eventRow(event: NewEvent): EventRow {
  const { data, metadata } = rowJson(event);
  return { eventId: event.eventId, type: event.type, data, metadata };
}

/**
 * Inserts the rows of one append to a stream whose head is as expected, inside the caller's
 * transaction. `heads` holds the heads this transaction read or moved already: with the write lock held
 * nobody else moves them, and a batch appends to one stream many times.
 */
export function insertRows(statements: InsertStatements, append: StreamRows, heads: Heads): AppendResult {
  const { streamId, expectedRevision, rows } = append;
  const known = heads.get(streamId);
  const head = known !== undefined ? known : (statements.head.get(streamId)?.revision ?? null);
  const actual = head ?? 'no_stream';
  if (actual !== expectedRevision) throw new ConcurrencyConflictError(streamId, expectedRevision, actual);
  let revision = head ?? -1n;
  let position = 0n;
  for (const row of rows) {
    revision += 1n;
    let info: Database.RunResult;
    try {
      info = statements.insert.run(row.eventId, streamId, revision, row.type, row.data, row.metadata);
    } catch (error) {
      // the unique index on event_id says it: no look-up before every insert
      // read by shape, not instanceof: better-sqlite3's errors come from another realm under jest
      const message = (error as { message?: unknown } | null)?.message;
      if (typeof message === 'string' && message.includes('UNIQUE constraint failed: events.event_id'))
        throw new EventStoreError('DUPLICATE_EVENT', `event ${row.eventId} is already stored`);
      throw error;
    }
    position = BigInt(info.lastInsertRowid);
  }
  if (rows.length > 0) heads.set(streamId, revision);
  return { nextExpectedRevision: revision, position };
}
