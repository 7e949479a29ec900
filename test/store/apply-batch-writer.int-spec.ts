import { EventStoreError, SqliteBatchWriter, SqliteEventStore } from '@libs/event-store';
import { applyCommandFile, Ledger, verifyStore } from '@libs/ledger';
import { buildStatement } from '@libs/projections';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NATIONAL_SET, syntheticLines } from '../../apps/cli/src/generate/synthetic-set';
import { recordedWithoutRunFields } from '../support/recorded-events';

const context = { actor: 'test', correlationId: 'apply-batch-writer.int-spec' };
const lines = [...syntheticLines({ ...NATIONAL_SET, regions: 2, years: 2, seed: 's12' })];
const text = lines.join('\n');
const BATCH = 50;
/** The file's line of each command (the set starts with a comment line) */
const commandLines = lines.flatMap((line, index) => (line.startsWith('{') ? [index + 1] : []));
/** The line the commands of a batch start at (batches counted from 0) */
const batchStart = (batch: number) => commandLines[batch * BATCH];

/** Every statement of every region and year, as JSON, read by a ledger that holds nothing (snapshots and events). */
async function statements(store: SqliteEventStore): Promise<string> {
  const ledger = new Ledger(store);
  const all: Record<string, unknown> = {};
  for (const regionId of await ledger.regionIds()) {
    const state = await ledger.regionState(regionId);
    for (const year of state.activeYears) all[`${regionId}/${year}`] = buildStatement(state, year);
  }
  return JSON.stringify(all);
}

async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

/** The line the run says it stopped at: the commands before it are recorded, none from it on. */
function stoppedAt(error: unknown, file: string): number {
  expect(error).toBeInstanceOf(EventStoreError);
  const message = (error as EventStoreError).message;
  expect(message).not.toContain('\n');
  const found = new RegExp(
    `the commands before line (\\d+) of ${file} are recorded \\(\\d+ by this run\\): apply the same file again to record the rest`,
  ).exec(message);
  expect(found).not.toBeNull();
  return Number(found![1]);
}

describe('apply --batch with the commits on a writer thread', () => {
  let dir: string;
  const opened: SqliteEventStore[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'geldstroom-writer-'));
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const open = (name: string, options?: ConstructorParameters<typeof SqliteEventStore>[1]) => {
    const store = new SqliteEventStore(join(dir, name), options);
    opened.push(store);
    return store;
  };
  const writerOf = (store: SqliteEventStore): SqliteBatchWriter => {
    const writer = store.batchWriter();
    if (!writer) throw new Error('a store in a file has a batch writer');
    return writer;
  };
  /** apply --batch as the CLI runs it: the writer closed, then the snapshots written, whatever happened. */
  const applyWithWriter = async (store: SqliteEventStore, file: string, body: string, writer = writerOf(store)) => {
    const ledger = new Ledger(store, { snapshotEvery: 20 });
    try {
      return await applyCommandFile(ledger, file, body, context, { batchSize: BATCH, writer });
    } finally {
      await writer.close();
      await ledger.persist();
    }
  };
  /** The file's lines before `line`, applied one command at a time. */
  const before = async (line: number) => {
    const store = open(`before-${line}.db`);
    await applyCommandFile(new Ledger(store), 'set.jsonl', lines.slice(0, line - 1).join('\n'), context, {
      batchSize: 1,
    });
    return store;
  };

  /** The same file applied again completes a stopped run: its chains hold and it states what plain apply does. */
  const expectCompletedByApplyingAgain = async (store: SqliteEventStore) => {
    await applyWithWriter(store, 'set.jsonl', text);
    const plain = await before(lines.length + 1);
    expect((await verifyStore(store)).filter((chain) => chain.problem !== undefined)).toEqual([]);
    expect(await statements(store)).toBe(await statements(plain));
  };

  it('records what the store records itself, the commits off the deciding thread', async () => {
    const plain = open('plain.db');
    const expected = await applyCommandFile(new Ledger(plain), 'set.jsonl', text, context, { batchSize: 1 });

    const store = open('writer.db');
    const inThread = jest.spyOn(store, 'appendMany');
    const writer = writerOf(store);
    const commits = jest.spyOn(writer, 'appendMany');
    expect(await applyWithWriter(store, 'set.jsonl', text, writer)).toEqual(expected);
    expect(commits).toHaveBeenCalledTimes(Math.ceil(lines.length / BATCH));
    expect(inThread).not.toHaveBeenCalled();
    // the same events in the same order, every chain whole, the same statements from snapshots and events
    expect(await recordedWithoutRunFields(store)).toEqual(await recordedWithoutRunFields(plain));
    expect((await verifyStore(store)).filter((chain) => chain.problem !== undefined)).toEqual([]);
    expect(await statements(store)).toBe(await statements(plain));
  });

  it('a commit that fails mid-run leaves the first batches whole, says so, and the same file again completes it', async () => {
    const path = join(dir, 'locked.db');
    const store = open('locked.db', { busyTimeoutMs: 50 });
    const writer = writerOf(store);
    const commit = writer.appendMany.bind(writer);
    let calls = 0;
    jest.spyOn(writer, 'appendMany').mockImplementation(async (appends) => {
      calls += 1;
      if (calls !== 3) return commit(appends);
      // another connection holds the write lock for longer than the writer waits: its commit fails
      const other = new Database(path);
      other.exec('BEGIN IMMEDIATE');
      try {
        return await commit(appends);
      } finally {
        other.exec('ROLLBACK');
        other.close();
      }
    });
    const error = await failureOf(() => applyWithWriter(store, 'set.jsonl', text, writer));
    expect((error as EventStoreError).code).toBe('STORE_UNAVAILABLE');
    expect((error as EventStoreError).message).toMatch(
      /cannot record in the SQLite store at .*locked\.db: another connection holds a lock on it \(still locked after 50 ms\); nothing of this batch was recorded; /,
    );
    expect(stoppedAt(error, 'set.jsonl')).toBe(batchStart(2));
    expect(await recordedWithoutRunFields(store)).toEqual(await recordedWithoutRunFields(await before(batchStart(2))));
    expect((await verifyStore(store)).filter((chain) => chain.problem !== undefined)).toEqual([]);

    await expectCompletedByApplyingAgain(store);
  });

  it('a writer thread that stops mid-run: the run reports exactly what it had committed, and the same file again completes it', async () => {
    const store = open('stopped.db');
    const writer = writerOf(store);
    const commit = writer.appendMany.bind(writer);
    let calls = 0;
    jest.spyOn(writer, 'appendMany').mockImplementation((appends) => {
      calls += 1;
      const committing = commit(appends);
      // the thread ends while it commits the third batch, which it may or may not have finished
      if (calls === 3) void writer.terminate();
      return committing;
    });
    const error = await failureOf(() => applyWithWriter(store, 'set.jsonl', text, writer));
    expect((error as EventStoreError).message).toMatch(/the writer thread stopped/);
    const line = stoppedAt(error, 'set.jsonl');
    expect([batchStart(2), batchStart(3)]).toContain(line);
    expect(await recordedWithoutRunFields(store)).toEqual(await recordedWithoutRunFields(await before(line)));

    await expectCompletedByApplyingAgain(store);
  });

  it('another writer between batches is a conflict that stops the run, never a fork; the same file again completes it', async () => {
    const store = open('shared.db');
    const other = open('shared.db');
    const writer = writerOf(store);
    const commit = writer.appendMany.bind(writer);
    let calls = 0;
    jest.spyOn(writer, 'appendMany').mockImplementation(async (appends) => {
      calls += 1;
      // a second process records the second batch's first command before that batch is committed
      if (calls === 2) await applyCommandFile(new Ledger(other), 'other.jsonl', lines[batchStart(1) - 1], context);
      return commit(appends);
    });
    const error = await failureOf(() => applyWithWriter(store, 'set.jsonl', text, writer));
    expect((error as EventStoreError).code).toBe('CONCURRENCY_CONFLICT');
    expect((error as EventStoreError).message).toMatch(/someone else wrote to it first; /);
    expect(stoppedAt(error, 'set.jsonl')).toBe(batchStart(1));
    // the first batch and the other process's command, nothing of the batch that met it
    expect((await recordedWithoutRunFields(store)).length).toBe(
      (await recordedWithoutRunFields(await before(batchStart(1) + 1))).length,
    );
    expect((await verifyStore(store)).filter((chain) => chain.problem !== undefined)).toEqual([]);

    await expectCompletedByApplyingAgain(store);
  });
});
