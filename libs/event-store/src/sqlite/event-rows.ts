import Database from 'better-sqlite3';
import { ConcurrencyConflictError, EventStoreError } from '../event-store.errors';
import { AppendResult, ExpectedRevision, NewEvent, StreamAppend } from '../event-store.port';
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
 * Appends as flat lists, for a batch sent to another thread: a structured clone of a list of strings costs
 * the sending thread a fraction of one of an object per event (measured on batches of 1000 commands: about
 * a quarter, rows made and serialized), and the receiving thread makes the rows again (streamRowsOf).
 */
export interface FlatAppends {
  readonly streamIds: readonly string[];
  readonly expectedRevisions: readonly ExpectedRevision[];
  /** how many events each append has */
  readonly counts: readonly number[];
  /** each event's id, type, data and metadata (as eventRow gives them), the appends' events in order */
  readonly texts: readonly string[];
}

/** The appends' rows as flat lists (eventRow's texts). */
export function flatAppends(appends: readonly StreamAppend[]): FlatAppends {
  const streamIds: string[] = [];
  const expectedRevisions: ExpectedRevision[] = [];
  const counts: number[] = [];
  const texts: string[] = [];
  for (const { streamId, expectedRevision, events } of appends) {
    streamIds.push(streamId);
    expectedRevisions.push(expectedRevision);
    counts.push(events.length);
    for (const event of events) {
      const { data, metadata } = rowJson(event);
      texts.push(event.eventId, event.type, data, metadata);
    }
  }
  return { streamIds, expectedRevisions, counts, texts };
}

/** The rows of flat appends, as the appends' events give them (flatAppends). */
export function streamRowsOf(flat: FlatAppends): StreamRows[] {
  const { texts } = flat;
  let at = 0;
  return flat.streamIds.map((streamId, index) => {
    const rows: EventRow[] = [];
    for (let event = 0; event < flat.counts[index]; event += 1, at += 4)
      rows.push({ eventId: texts[at], type: texts[at + 1], data: texts[at + 2], metadata: texts[at + 3] });
    return { streamId, expectedRevision: flat.expectedRevisions[index], rows };
  });
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
