import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { ConcurrencyConflictError, EventStoreError } from '../event-store.errors';
import { AppendResult } from '../event-store.port';
import { FlatAppends, HEAD_SQL, Heads, INSERT_SQL, insertRows, InsertStatements, streamRowsOf } from './event-rows';
import { fileChange } from './file-identity';
import type { WriterFailure, WriterRequest, WriterResponse, WriterSetup } from './sqlite-batch-writer';

/**
 * The thread of a SqliteBatchWriter: its own connection to the store's file, which commits each batch
 * it is sent in one IMMEDIATE transaction — every append checked against its stream's head with the
 * write lock held, all stored or none — and answers once the commit is on the disk (synchronous=FULL:
 * SQLite syncs the log inside the commit, which blocks only this thread).
 */
const setup = workerData as WriterSetup;
const port = parentPort;
if (!port) throw new Error('the batch writer runs as a worker thread');

const db = new Database(setup.path, { fileMustExist: true });
db.pragma(`busy_timeout = ${setup.busyTimeoutMs}`);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma(`wal_autocheckpoint = ${setup.checkpointPages}`);
db.pragma(`cache_size = -${setup.pageCacheKib}`);
db.defaultSafeIntegers(true);
const statements: InsertStatements = {
  head: db.prepare<[string], { revision: bigint | null }>(HEAD_SQL),
  insert: db.prepare<[string, string, bigint, string, string, string]>(INSERT_SQL),
};

/** A file that left its path is not written to (SqliteEventStore checks the same around its commits). */
class FileChanged extends Error {}

const requireSameFile = () => {
  const change = fileChange(setup.path, setup.identity);
  if (change) throw new FileChanged(change);
};

const commitBatch = db.transaction((appends: FlatAppends): AppendResult[] => {
  requireSameFile();
  const heads: Heads = new Map();
  return streamRowsOf(appends).map((append) => insertRows(statements, append, heads));
});

function failureOf(error: unknown, committed: boolean): WriterFailure {
  if (error instanceof ConcurrencyConflictError)
    return { kind: 'conflict', streamId: error.streamId, expected: error.expected, actual: error.actual };
  if (error instanceof EventStoreError) return { kind: 'store', code: error.code, message: error.message };
  if (error instanceof FileChanged) return { kind: 'file', what: error.message, committed };
  const fields: { code?: unknown; message?: unknown } = typeof error === 'object' && error !== null ? error : {};
  return {
    kind: 'sqlite',
    code: typeof fields.code === 'string' ? fields.code : undefined,
    message: typeof fields.message === 'string' ? fields.message : String(error),
  };
}

port.on('message', (request: WriterRequest) => {
  if (request.kind === 'close') {
    db.close();
    port.close();
    return;
  }
  let response: WriterResponse;
  let committed = false;
  try {
    const results = commitBatch.immediate(request.appends);
    committed = true;
    // a file swapped during the commit took the rows with it
    requireSameFile();
    response = { id: request.id, results };
  } catch (error) {
    response = { id: request.id, failure: failureOf(error, committed) };
  }
  port.postMessage(response);
});
