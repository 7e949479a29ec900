import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Observable, Subject } from 'rxjs';
import { catchUpThenFollow } from './catch-up-then-follow';
import { ConcurrencyConflictError, EventStoreError } from './event-store.errors';
import {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
} from './event-store.port';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position  INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id  TEXT    NOT NULL UNIQUE,
  stream_id TEXT    NOT NULL,
  revision  INTEGER NOT NULL,
  type      TEXT    NOT NULL,
  data      TEXT    NOT NULL,
  metadata  TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
);
`;

interface Row {
  position: bigint;
  event_id: string;
  stream_id: string;
  revision: bigint;
  type: string;
  data: string;
  metadata: string;
}

/** Other processes may append to the same file; a follower looks for their events this often. */
const POLL_INTERVAL_MS = 500;

/**
 * The embedded default store: one SQLite file in WAL mode, one transaction per append, and
 * synchronous=FULL so that an append acknowledged to the user survives a crash or power loss.
 */
export class SqliteEventStore implements EventStore {
  readonly description: string;
  private readonly db: Database.Database;
  private readonly appended = new Subject<void>();
  private readonly statements;

  constructor(readonly path: string) {
    this.description = `sqlite:${path}`;
    try {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      this.db = new Database(path);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.db.pragma('busy_timeout = 5000');
      this.db.exec(SCHEMA);
    } catch (error) {
      throw new EventStoreError(
        'STORE_UNAVAILABLE',
        `cannot open the SQLite store at ${path}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    this.db.defaultSafeIntegers(true);
    this.statements = {
      head: this.db.prepare<[string], { revision: bigint | null }>(
        'SELECT MAX(revision) AS revision FROM events WHERE stream_id = ?',
      ),
      insert: this.db.prepare<[string, string, bigint, string, string, string]>(
        'INSERT INTO events (event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      hasEvent: this.db.prepare<[string], { found: bigint }>('SELECT 1 AS found FROM events WHERE event_id = ?'),
      readStream: this.db.prepare<[string, bigint, bigint], Row>(
        'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
      ),
      readAll: this.db.prepare<[bigint, bigint], Row>(
        'SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?',
      ),
    };
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    const append = this.db.transaction((): AppendResult => {
      const head = this.statements.head.get(streamId)?.revision ?? null;
      const actual = head === null ? 'no_stream' : head;
      if (actual !== expectedRevision) throw new ConcurrencyConflictError(streamId, expectedRevision, actual);
      let revision = head === null ? -1n : head;
      let position = 0n;
      for (const event of events) {
        if (this.statements.hasEvent.get(event.eventId))
          throw new EventStoreError('DUPLICATE_EVENT', `event ${event.eventId} is already stored`);
        revision += 1n;
        const info = this.statements.insert.run(
          event.eventId,
          streamId,
          revision,
          event.type,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
        );
        position = BigInt(info.lastInsertRowid);
      }
      return { nextExpectedRevision: revision, position };
    });
    let result: AppendResult;
    try {
      result = append.immediate();
    } catch (error) {
      if (error instanceof EventStoreError) throw error;
      throw new EventStoreError(
        'STORE_FAILURE',
        `append to ${streamId} in ${this.description} failed: ${(error as Error).message}`,
        { cause: error },
      );
    }
    if (events.length > 0) this.appended.next();
    return result;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const limit = BigInt(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    return this.statements.readStream.all(streamId, options.fromRevision ?? 0n, limit).map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = BigInt(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    return this.statements.readAll.all(options.after ?? 0n, limit).map(toRecorded);
  }

  subscribeToAll(options?: SubscribeOptions): Observable<RecordedEvent> {
    return catchUpThenFollow((read) => this.readAll(read), this.appended, options, POLL_INTERVAL_MS);
  }

  async close(): Promise<void> {
    this.appended.complete();
    if (this.db.open) this.db.close();
  }
}

function toRecorded(row: Row): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
  };
}
