import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Observable } from 'rxjs';
import { AppendSignal } from './append-signal';
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
  StreamAppend,
  SubscribeOptions,
} from './event-store.port';
import { fileChange, FileIdentity, identityOf } from './sqlite/file-identity';
import { SqliteAction, sqliteFailure, storeUnavailable } from './sqlite/sqlite-failure';

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

export interface SqliteStoreOptions {
  /** Create the file (and its directory) when it does not exist; commands that only read pass false. */
  readonly create?: boolean;
  /** How long a write waits for another connection's lock before it fails (default 5000 ms). */
  readonly busyTimeoutMs?: number;
}

/** Other processes may append to the same file; a follower looks for their events this often. */
const POLL_INTERVAL_MS = 500;
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * The embedded default store: one SQLite file in WAL mode, one transaction per append, and
 * synchronous=FULL so that an append acknowledged to the user survives a crash or power loss.
 *
 * It refuses to work on a file it cannot trust: at open it runs `PRAGMA quick_check`, and before every
 * read and append it checks that the file at its path is still the file it opened (a deleted or
 * replaced file would swallow every later write). Every SQLite failure becomes STORE_UNAVAILABLE.
 */
export class SqliteEventStore implements EventStore {
  readonly description: string;
  private readonly db: Database.Database;
  private readonly appended = new AppendSignal();
  private readonly statements;
  private readonly identity: FileIdentity | undefined;
  private readonly busyTimeoutMs: number;

  constructor(
    readonly path: string,
    options: SqliteStoreOptions = {},
  ) {
    this.description = `sqlite:${path}`;
    this.busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    const inMemory = path === ':memory:';
    if (!inMemory && options.create === false && !existsSync(path)) {
      throw storeUnavailable(
        path,
        'cannot open',
        'there is no such file, and this command does not create one (apply, import and serve do)',
      );
    }
    let db: Database.Database | undefined;
    try {
      if (!inMemory) mkdirSync(dirname(path), { recursive: true });
      db = new Database(path, { fileMustExist: options.create === false });
      db.pragma(`busy_timeout = ${this.busyTimeoutMs}`);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') {
        const first =
          String(check)
            .split('\n')
            .find((line) => line.trim() && !line.startsWith('***')) ?? check;
        throw storeUnavailable(path, 'cannot open', `it is damaged (quick_check: ${String(first).trim()}, …)`);
      }
      db.exec(SCHEMA);
      this.identity = inMemory ? undefined : identityOf(path);
    } catch (error) {
      if (db?.open) db.close();
      throw this.failure(error, 'cannot open');
    }
    this.db = db;
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
    const [result] = this.write([{ streamId, events, expectedRevision }]);
    return result;
  }

  async appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    return this.write(appends);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const limit = BigInt(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    return this.read(() => this.statements.readStream.all(streamId, options.fromRevision ?? 0n, limit));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = BigInt(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    return this.read(() => this.statements.readAll.all(options.after ?? 0n, limit));
  }

  subscribeToAll(options?: SubscribeOptions): Observable<RecordedEvent> {
    return catchUpThenFollow((read) => this.readAll(read), this.appended, options, POLL_INTERVAL_MS);
  }

  async close(): Promise<void> {
    this.appended.complete();
    if (this.db.open) this.db.close();
  }

  /** All appends in one IMMEDIATE transaction: every one is stored, or none. */
  private write(appends: readonly StreamAppend[]): AppendResult[] {
    const transaction = this.db.transaction((): AppendResult[] => {
      // checked with the write lock held, so nothing can be written to a file that left its path
      this.requireSameFile('cannot record in', '; nothing was recorded');
      return appends.map(({ streamId, events, expectedRevision }) =>
        this.appendNow(streamId, events, expectedRevision),
      );
    });
    let results: AppendResult[];
    try {
      results = transaction.immediate();
    } catch (error) {
      if (error instanceof EventStoreError) throw error;
      throw this.failure(error, 'cannot record in', '; nothing was recorded');
    }
    // a file swapped during the commit would have taken the events with it: say so rather than acknowledge them
    this.requireSameFile('cannot record in', '; what was just written went to the old file and is not in the store');
    if (appends.some(({ events }) => events.length > 0)) this.appended.next();
    return results;
  }

  private appendNow(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): AppendResult {
    const head = this.statements.head.get(streamId)?.revision ?? null;
    const actual = head ?? 'no_stream';
    if (actual !== expectedRevision) throw new ConcurrencyConflictError(streamId, expectedRevision, actual);
    let revision = head ?? -1n;
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
  }

  private read(query: () => Row[]): RecordedEvent[] {
    this.requireSameFile('cannot read');
    let rows: Row[];
    try {
      rows = query();
    } catch (error) {
      throw this.failure(error, 'cannot read');
    }
    return rows.map((row) => this.toRecorded(row));
  }

  private requireSameFile(action: SqliteAction, suffix = ''): void {
    if (!this.identity) return;
    const change = fileChange(this.path, this.identity);
    if (change) throw storeUnavailable(this.path, action, change, undefined, suffix);
  }

  private failure(error: unknown, action: SqliteAction, suffix?: string): EventStoreError {
    return sqliteFailure(error, this.path, action, { busyTimeoutMs: this.busyTimeoutMs, suffix });
  }

  private toRecorded(row: Row): RecordedEvent {
    const parse = (text: string, what: string): unknown => {
      try {
        return JSON.parse(text);
      } catch {
        throw storeUnavailable(
          this.path,
          'cannot read',
          `it is damaged (${row.stream_id} revision ${row.revision} holds ${what} that is not JSON)`,
        );
      }
    };
    return {
      eventId: row.event_id,
      type: row.type,
      data: parse(row.data, 'data'),
      metadata: parse(row.metadata, 'metadata') as RecordedEvent['metadata'],
      streamId: row.stream_id,
      revision: row.revision,
      position: row.position,
    };
  }
}
