import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Observable } from 'rxjs';
import { AppendSignal } from './append-signal';
import { catchUpThenFollow } from './catch-up-then-follow';
import { EventStoreError } from './event-store.errors';
import {
  AppendResult,
  EventStore,
  ExpectedRevision,
  ListStreamsOptions,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  StreamInfo,
  SubscribeOptions,
} from './event-store.port';
import { eventRow, HEAD_SQL, Heads, INSERT_SQL, insertRows } from './sqlite/event-rows';
import { fileChange, FileIdentity, identityOf } from './sqlite/file-identity';
import { SqliteBatchWriter } from './sqlite/sqlite-batch-writer';
import { prepareSchema } from './sqlite/schema';
import { SqliteDerivedDocuments } from './sqlite/sqlite-derived-documents';
import { SqliteAction, sqliteFailure, storeUnavailable } from './sqlite/sqlite-failure';
import { WalSync } from './sqlite/wal-sync';

interface Row {
  position: bigint;
  event_id: string;
  stream_id: string;
  revision: bigint;
  type: string;
  data: string;
  metadata: string;
}

/**
 * What is checked at open. 'whole-file' runs `PRAGMA quick_check` over every page: needed before
 * writing (an insert into a damaged b-tree spreads the damage) and by `verify`, but it reads the whole
 * file (70 ms of a 90k-event store, most of a cold statement). 'index' checks only the small tables that
 * decide whether a region exists at all (the index of streams, the checkpoints), so that a damaged file
 * is never answered with "region not registered" — the rest is checked as it is read: SQLite reports
 * SQLITE_CORRUPT for a damaged page it reads (which becomes "it is damaged", exit 3 / 503), every event
 * read is parsed and checked against its stream's hash chain, and a derived document that does not read
 * is derived again. What quick_check would find beyond that lies in pages the command does not read.
 */
export type SqliteCheck = 'whole-file' | 'index';

/** The small tables checked at open with check 'index'. */
const INDEX_TABLES = ['streams', 'checkpoints'] as const;

export interface SqliteStoreOptions {
  /** Create the file (and its directory) when it does not exist; commands that only read pass false. */
  readonly create?: boolean;
  /** How long a write waits for another connection's lock before it fails (default 5000 ms). */
  readonly busyTimeoutMs?: number;
  /** how much of the file is checked at open (default 'whole-file') */
  readonly check?: SqliteCheck;
  /** the process records many commands at once (apply): a page cache of BULK_PAGE_CACHE_KIB */
  readonly bulk?: boolean;
}

/** Other processes may append to the same file; a follower looks for their events this often. */
const POLL_INTERVAL_MS = 500;
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;
/**
 * SQLite's page cache per connection, in KiB. better-sqlite3 sets 16 MiB, and a whole-file check at open
 * (the service's, apply's) reads every page through it, so such a process held 16 MiB of pages it never
 * read again (measured: 14 MiB more resident memory for the service). Pages that are not cached come from the operating
 * system's file cache; reads are mostly one pass over a stream, which a larger cache does not speed up.
 */
export const PAGE_CACHE_KIB = 2048;
/**
 * The page cache of a connection that records many commands at once (apply, its batch writer). Each group
 * commit inserts into the indexes of event ids (random) and of streams all over the file, and with 2 MiB
 * those pages were read back from the operating system again and again (measured on the national set's rows
 * in groups of 100 commands: half the pread calls, a quarter less system time, the same user time with 16
 * MiB). A run's process holds it only while it runs; the service keeps PAGE_CACHE_KIB.
 */
export const BULK_PAGE_CACHE_KIB = 16384;

/**
 * Pages the write-ahead log grows to before a commit copies it into the file (SQLite's default is 1000).
 * A checkpoint copies every page the log holds and syncs the file, on the committing thread; an apply of
 * the national set rewrites the same index pages over and over (event ids are random), so a larger log
 * copies each of them fewer times (measured: an eighth less SQLite CPU for the set's rows in groups of 100
 * commands). The log takes up to 64 MiB of disk meanwhile; it is checkpointed and removed at close.
 */
export const WAL_CHECKPOINT_PAGES = 16384;

const LIST_STREAMS =
  'SELECT * FROM streams WHERE stream_id >= ? AND stream_id < ? || char(1114111) AND position > ? ORDER BY stream_id';
/** The same from the events themselves, for a store without the index that this process may not add it to. */
const LIST_STREAMS_UNINDEXED = `
SELECT stream_id, MAX(revision) AS revision, MAX(position) AS position,
       (SELECT type FROM events AS first WHERE first.stream_id = e.stream_id ORDER BY revision LIMIT 1) AS first_type
  FROM events AS e WHERE stream_id >= ? AND stream_id < ? || char(1114111)
  GROUP BY stream_id HAVING MAX(position) > ? ORDER BY stream_id`;

/** The statements the store runs, prepared once. */
function prepareStatements(db: Database.Database, indexed: boolean) {
  return {
    head: db.prepare<[string], { revision: bigint | null }>(HEAD_SQL),
    insert: db.prepare<[string, string, bigint, string, string, string]>(INSERT_SQL),
    readStream: db.prepare<[string, bigint, bigint], Row>(
      'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
    ),
    readAll: db.prepare<[bigint, bigint], Row>('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?'),
    streams: db.prepare<[string, string, bigint], StreamRow>(indexed ? LIST_STREAMS : LIST_STREAMS_UNINDEXED),
    // changes when another connection commits to the file; this connection's own commits are counted apart
    dataVersion: db.prepare<[], bigint>('PRAGMA data_version').pluck(),
  };
}

/** An append waiting for the next commit, with the caller to answer once it is durable (or refused). */
interface Queued {
  readonly appends: readonly StreamAppend[];
  readonly resolve: (results: AppendResult[]) => void;
  readonly reject: (error: unknown) => void;
}

interface StreamRow {
  stream_id: string;
  revision: bigint;
  position: bigint;
  first_type: string;
}

/**
 * The embedded default store: one SQLite file in WAL mode, whose log is synced before an append is
 * acknowledged, so that an acknowledged append survives a crash or power loss. The sync runs off the
 * event loop (synchronous=NORMAL and WalSync), not inside the commit as synchronous=FULL would.
 *
 * Group commit: appends are queued and committed together by the next turn of the event loop — one
 * transaction and one fsync for every append that arrived meanwhile (concurrent HTTP requests, the
 * commands of other regions). Each append is still checked against its own expected revision in a
 * savepoint of its own: one that is refused leaves the others to commit. Every caller is answered
 * after the commit and the sync of the log that followed it, so an acknowledged append is durable.
 *
 * It refuses to work on a file it cannot trust: at open it runs `PRAGMA quick_check` (see SqliteCheck), and around every
 * commit and before every read it checks that the file at its path is still the file it opened (a
 * deleted or replaced file would swallow every later write). Every SQLite failure becomes
 * STORE_UNAVAILABLE.
 */
export class SqliteEventStore implements EventStore {
  readonly description: string;
  /** absent for a store older than the derived tables, opened from a file this process may not write */
  readonly derived: SqliteDerivedDocuments | undefined;
  private readonly db: Database.Database;
  private readonly appended = new AppendSignal();
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly identity: FileIdentity | undefined;
  private readonly busyTimeoutMs: number;
  private readonly commitGroup: Database.Transaction<
    (queued: readonly Queued[]) => (AppendResult[] | EventStoreError)[]
  >;
  private queue: Queued[] = [];
  private flushScheduled = false;
  /** absent for an in-memory store, which has no log to sync */
  private readonly walSync: WalSync | undefined;
  /** group commits of this connection that stored an event (PRAGMA data_version does not count them) */
  private commits = 0;

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
    let indexed: boolean;
    try {
      if (!inMemory) mkdirSync(dirname(path), { recursive: true });
      db = new Database(path, { fileMustExist: options.create === false });
      db.pragma(`busy_timeout = ${this.busyTimeoutMs}`);
      db.pragma('journal_mode = WAL');
      // the log is synced by WalSync after each group commit, off the event loop
      db.pragma('synchronous = NORMAL');
      db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
      db.pragma(`cache_size = -${options.bulk ? BULK_PAGE_CACHE_KIB : PAGE_CACHE_KIB}`);
      const check = quickCheck(db, options.check ?? 'whole-file');
      if (check !== 'ok') {
        const first =
          String(check)
            .split('\n')
            .find((line) => line.trim() && !line.startsWith('***')) ?? check;
        throw storeUnavailable(path, 'cannot open', `it is damaged (quick_check: ${String(first).trim()}, …)`);
      }
      indexed = prepareSchema(db);
      this.identity = inMemory ? undefined : identityOf(path);
      this.walSync = inMemory ? undefined : new WalSync(`${path}-wal`);
    } catch (error) {
      if (db?.open) db.close();
      throw this.failure(error, 'cannot open');
    }
    this.db = db;
    this.db.defaultSafeIntegers(true);
    this.statements = prepareStatements(this.db, indexed);
    // one savepoint per queued append inside the group's transaction: a refused one is rolled back alone,
    // and the heads it would have moved stay where they were
    const appendOne = this.db.transaction((appends: readonly StreamAppend[], heads: Heads) => {
      const moved: Heads = new Map(heads);
      const results = this.appendAll(appends, moved);
      for (const [streamId, head] of moved) heads.set(streamId, head);
      return results;
    });
    this.commitGroup = this.db.transaction((queued: readonly Queued[]) => {
      // checked with the write lock held, so nothing can be written to a file that left its path
      this.requireSameFile('cannot record in', '; nothing was recorded');
      const heads: Heads = new Map();
      // an append alone needs no savepoint (whose journal copies every page it touches): refused, it
      // rolls the whole transaction back, and flush answers it with the refusal
      if (queued.length === 1) return [this.appendAll(queued[0].appends, heads)];
      return queued.map(({ appends }) => {
        try {
          return appendOne(appends, heads);
        } catch (error) {
          if (error instanceof EventStoreError) return error;
          throw error;
        }
      });
    });
    this.derived = indexed
      ? new SqliteDerivedDocuments(this.db, () => !this.fileChanged(), this.busyTimeoutMs)
      : undefined;
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    const [result] = await this.appendMany([{ streamId, events, expectedRevision }]);
    return result;
  }

  /** Several appends as one: all are stored or none, committed with whatever else is queued. */
  appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ appends, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const limit = BigInt(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    return this.read(() => this.statements.readStream.all(streamId, options.fromRevision ?? 0n, limit));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = BigInt(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    return this.read(() => this.statements.readAll.all(options.after ?? 0n, limit));
  }

  async listStreams(options: ListStreamsOptions = {}): Promise<StreamInfo[]> {
    this.requireSameFile('cannot read');
    const prefix = options.prefix ?? '';
    let rows: StreamRow[];
    try {
      rows = this.statements.streams.all(prefix, prefix, options.after ?? 0n);
    } catch (error) {
      throw this.failure(error, 'cannot read');
    }
    return rows.map((row) => ({
      streamId: row.stream_id,
      revision: row.revision,
      position: row.position,
      firstType: row.first_type,
    }));
  }

  changeStamp(): string {
    this.requireSameFile('cannot read');
    let version: bigint | undefined;
    try {
      version = this.statements.dataVersion.get();
    } catch (error) {
      throw this.failure(error, 'cannot read');
    }
    return `${version}:${this.commits}`;
  }

  /**
   * A writer that commits batches on a thread of its own, over its own connection to this file (apply
   * --batch); undefined for an in-memory store, which no other connection can reach.
   */
  batchWriter(): SqliteBatchWriter | undefined {
    if (!this.identity) return undefined;
    return new SqliteBatchWriter({
      path: this.path,
      identity: this.identity,
      busyTimeoutMs: this.busyTimeoutMs,
      checkpointPages: WAL_CHECKPOINT_PAGES,
      // a writer of batches records many commands at once
      pageCacheKib: BULK_PAGE_CACHE_KIB,
    });
  }

  subscribeToAll(options?: SubscribeOptions): Observable<RecordedEvent> {
    return catchUpThenFollow((read) => this.readAll(read), this.appended, options, POLL_INTERVAL_MS);
  }

  async close(): Promise<void> {
    // what is queued is committed (or refused) before the file is closed
    if (this.queue.length > 0) this.flush();
    await this.walSync?.close();
    this.appended.complete();
    if (this.db.open) this.db.close();
  }

  /** Commits every queued append in one IMMEDIATE transaction (one fsync), then answers each caller. */
  private flush(): void {
    this.flushScheduled = false;
    const queued = this.queue;
    this.queue = [];
    if (queued.length === 0) return;
    let outcomes: (AppendResult[] | EventStoreError)[];
    try {
      if (!this.db.open) throw storeUnavailable(this.path, 'cannot record in', 'the store was closed');
      outcomes = this.commitGroup.immediate(queued);
      // a file swapped during the commit would have taken the events with it: say so rather than acknowledge them
      this.requireSameFile('cannot record in', '; what was just written went to the old file and is not in the store');
    } catch (error) {
      const failure =
        error instanceof EventStoreError ? error : this.failure(error, 'cannot record in', '; nothing was recorded');
      for (const { reject } of queued) reject(failure);
      return;
    }
    const stored = outcomes.some((outcome) => !(outcome instanceof Error));
    // a refusal recorded nothing and is answered now; a stored append when the log is on the disk
    queued.forEach(({ reject }, index) => {
      const outcome = outcomes[index];
      if (outcome instanceof Error) reject(outcome);
    });
    if (!stored) return;
    this.commits += 1;
    const acknowledge = () => {
      this.appended.next();
      queued.forEach(({ resolve }, index) => {
        const outcome = outcomes[index];
        if (!(outcome instanceof Error)) resolve(outcome);
      });
    };
    if (!this.walSync) {
      acknowledge();
      return;
    }
    this.walSync.sync().then(acknowledge, (error: unknown) => {
      const failure = storeUnavailable(
        this.path,
        'cannot record in',
        // the code only: the message names the log's path, which an answer over HTTP must not show
        `the disk did not confirm the write (${(error as NodeJS.ErrnoException).code ?? 'no error code'})`,
        error,
        '; the command may or may not be recorded: read it back before sending it again',
      );
      queued.forEach(({ reject }, index) => {
        if (!(outcomes[index] instanceof Error)) reject(failure);
      });
    });
  }

  private appendAll(appends: readonly StreamAppend[], heads: Heads): AppendResult[] {
    return appends.map(({ streamId, events, expectedRevision }) =>
      this.appendNow(streamId, events, expectedRevision, heads),
    );
  }

  /** Appends to a stream whose head is as expected (see insertRows). */
  private appendNow(
    streamId: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision,
    heads: Heads,
  ): AppendResult {
    return insertRows(this.statements, { streamId, expectedRevision, rows: events.map(eventRow) }, heads);
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

  private fileChanged(): string | undefined {
    return this.identity ? fileChange(this.path, this.identity) : undefined;
  }

  private requireSameFile(action: SqliteAction, suffix = ''): void {
    const change = this.fileChanged();
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

/** 'ok', or what quick_check found first: over the whole file, or over the index tables (see SqliteCheck). */
function quickCheck(db: Database.Database, check: SqliteCheck): unknown {
  const present =
    check === 'index'
      ? INDEX_TABLES.filter((name) =>
          db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name),
        )
      : [];
  // a store without the index (older, or new and empty) is checked whole
  if (present.length < INDEX_TABLES.length) return db.pragma('quick_check', { simple: true });
  for (const table of present) {
    const result: unknown = db.pragma(`quick_check(${table})`, { simple: true });
    if (result !== 'ok') return result;
  }
  return 'ok';
}
