import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ConcurrencyConflictError, EventStoreError, EventStoreErrorCode } from '../event-store.errors';
import { AppendResult, ExpectedRevision, StreamAppend } from '../event-store.port';
import { FlatAppends, flatAppends } from './event-rows';
import { FileIdentity } from './file-identity';
import { sqliteFailure, storeUnavailable } from './sqlite-failure';

/** What the writer thread is started with. */
export interface WriterSetup {
  readonly path: string;
  readonly identity: FileIdentity;
  readonly busyTimeoutMs: number;
  readonly checkpointPages: number;
  readonly pageCacheKib: number;
}

export type WriterRequest =
  { readonly kind: 'commit'; readonly id: number; readonly appends: FlatAppends } | { readonly kind: 'close' };

/** Why the thread did not commit a batch, as plain data (errors do not cross threads as themselves). */
export type WriterFailure =
  | { kind: 'conflict'; streamId: string; expected: ExpectedRevision; actual: ExpectedRevision }
  | { kind: 'store'; code: EventStoreErrorCode; message: string }
  | { kind: 'file'; what: string; committed: boolean }
  | { kind: 'sqlite'; code: string | undefined; message: string };

export type WriterResponse =
  { readonly id: number; readonly results: AppendResult[] } | { readonly id: number; readonly failure: WriterFailure };

/** What a batch's read-back needs of each append: its expected head and the id of its last event. */
interface AppendEnd {
  readonly expectedRevision: ExpectedRevision;
  readonly lastEventId: string | undefined;
}

interface Pending {
  readonly ends: readonly AppendEnd[];
  readonly resolve: (results: AppendResult[]) => void;
  readonly reject: (error: unknown) => void;
}

const WORKER_FILE = 'sqlite-batch-writer.worker.js';

/**
 * The thread's script: beside this module once compiled — dist/libs/… for the compiled modules, and
 * dist/apps/cli beside the CLI's bundle (the build bundles the script there too). Run from the
 * TypeScript sources (jest), the build's copy is used: `npm test` builds first.
 */
function workerScript(): string {
  const candidates = [
    join(__dirname, WORKER_FILE),
    join(__dirname, '../../../../dist/libs/event-store/src/sqlite', WORKER_FILE),
  ];
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new Error(`the batch writer's script ${WORKER_FILE} is missing: run npm run build`);
  return found;
}

/**
 * Commits batches of appends to a SQLite store on a thread of its own (apply --batch), so that the
 * inserts, the commit and its sync run while the calling thread decides the next batch. The rows' texts
 * are taken here (rowJson, as the store takes its own) and sent as flat lists (flatAppends), from which
 * the thread makes the rows; it checks every stream's head with the write
 * lock held, stores a batch whole or not at all, and answers once it is on the disk: `appendMany`
 * resolves only then. Batches are committed in the order sent.
 *
 * A batch that fails tells why as the store would (a conflict, STORE_UNAVAILABLE); when the thread
 * itself stops, whether its last batch was committed is read back from the file, so that the caller
 * is told exactly what is recorded.
 */
export class SqliteBatchWriter {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private stopped: string | undefined;

  constructor(private readonly setup: WriterSetup) {
    this.worker = new Worker(workerScript(), { workerData: setup });
    this.worker.on('message', (response: WriterResponse) => this.answer(response));
    this.worker.on('error', (error: Error) => this.stop(`the writer thread failed: ${error.message}`));
    this.worker.on('exit', (code) => this.stop(`the writer thread stopped (exit code ${code})`));
  }

  /** Commits the appends as one batch on the writer thread: all or none, each against its expected head. */
  appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    if (this.stopped !== undefined)
      return Promise.reject(this.unavailable(this.stopped, '; nothing of this batch was recorded'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const ends = appends.map(({ expectedRevision, events }) => ({
        expectedRevision,
        lastEventId: events[events.length - 1]?.eventId,
      }));
      this.pending.set(id, { ends, resolve, reject });
      const request: WriterRequest = { kind: 'commit', id, appends: flatAppends(appends) };
      this.worker.postMessage(request);
    });
  }

  /** Lets the thread finish what it was sent, then closes its connection and ends it. */
  async close(): Promise<void> {
    if (this.stopped !== undefined) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    const request: WriterRequest = { kind: 'close' };
    this.worker.postMessage(request);
    await exited;
  }

  /** Ends the thread at once: a batch it was committing is stored whole or not at all (its caller is told which). */
  async terminate(): Promise<void> {
    await this.worker.terminate();
  }

  private answer(response: WriterResponse): void {
    const pending = this.pending.get(response.id);
    if (!pending) return;
    this.pending.delete(response.id);
    if ('results' in response) pending.resolve(response.results);
    else pending.reject(this.failure(response.failure));
  }

  private failure(failure: WriterFailure): EventStoreError {
    switch (failure.kind) {
      case 'conflict':
        return new ConcurrencyConflictError(failure.streamId, failure.expected, failure.actual);
      case 'store':
        return new EventStoreError(failure.code, failure.message);
      case 'file':
        return this.unavailable(
          failure.what,
          failure.committed
            ? '; what was just written went to the old file and is not in the store'
            : '; nothing of this batch was recorded',
        );
      case 'sqlite':
        return sqliteFailure({ code: failure.code, message: failure.message }, this.setup.path, 'cannot record in', {
          busyTimeoutMs: this.setup.busyTimeoutMs,
          suffix: '; nothing of this batch was recorded',
        });
    }
  }

  /** The thread is gone: each batch it was sent is answered from what the file holds. */
  private stop(why: string): void {
    if (this.stopped !== undefined) return;
    this.stopped = why;
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      let results: AppendResult[] | undefined;
      try {
        results = this.readBack(pending.ends);
      } catch (error) {
        pending.reject(
          this.unavailable(
            `${why}, and whether it recorded its last batch cannot be read back (${(error as Error).message})`,
            '; this batch may or may not be recorded',
          ),
        );
        continue;
      }
      if (results) pending.resolve(results);
      else pending.reject(this.unavailable(why, '; nothing of this batch was recorded'));
    }
  }

  /**
   * Where the batch's appends ended in the file, or undefined when it is not there: a batch is one
   * transaction, so its last row is stored exactly when all of it is.
   */
  private readBack(batch: readonly AppendEnd[]): AppendResult[] | undefined {
    const db = new Database(this.setup.path, { fileMustExist: true, readonly: true });
    try {
      db.defaultSafeIntegers(true);
      const find = db.prepare<[string], { position: bigint; revision: bigint }>(
        'SELECT position, revision FROM events WHERE event_id = ?',
      );
      const results: AppendResult[] = [];
      for (const { lastEventId, expectedRevision } of batch) {
        if (lastEventId === undefined) {
          results.push({
            nextExpectedRevision: expectedRevision === 'no_stream' ? -1n : expectedRevision,
            position: 0n,
          });
          continue;
        }
        const row = find.get(lastEventId);
        if (!row) return undefined;
        results.push({ nextExpectedRevision: row.revision, position: row.position });
      }
      return results;
    } finally {
      db.close();
    }
  }

  private unavailable(what: string, suffix: string): EventStoreError {
    return storeUnavailable(this.setup.path, 'cannot record in', what, undefined, suffix);
  }
}
