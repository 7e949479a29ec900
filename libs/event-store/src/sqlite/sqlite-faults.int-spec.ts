import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreError } from '../event-store.errors';
import { NewEvent } from '../event-store.port';
import { openEventStore } from '../open-event-store';
import { SqliteEventStore } from '../sqlite-event-store';

const newEvent = (data: unknown = { amount: '1.00' }): NewEvent => ({
  eventId: randomUUID(),
  type: 'Tick',
  data,
  metadata: {
    actor: 'test',
    recordedAt: '2026-01-01T00:00:00.000Z',
    source: 'faults',
    commandId: 'c',
    causationId: 'c',
    correlationId: 'c',
    schemaVersion: 1,
  },
});

/** The store-unavailable error, in one line, naming the file; its reason (for HTTP) without the path. */
function expectUnavailable(error: unknown, path: string, what: RegExp): void {
  expect(error).toBeInstanceOf(EventStoreError);
  const failure = error as EventStoreError;
  expect(failure.code).toBe('STORE_UNAVAILABLE');
  expect(failure.message).toMatch(what);
  expect(failure.message).toContain(path);
  expect(failure.message).not.toContain('\n');
  expect(failure.reason).toMatch(what);
  expect(failure.reason).not.toContain(path);
}

async function failureOf(work: () => unknown): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('SQLite store under faults', () => {
  let dir: string;
  let path: string;
  const opened: SqliteEventStore[] = [];
  const open = (options?: ConstructorParameters<typeof SqliteEventStore>[1]) => {
    const store = new SqliteEventStore(path, options);
    opened.push(store);
    return store;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'geldstroom-faults-'));
    path = join(dir, 'events.db');
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a store that only reads does not create a missing file: it says there is none', async () => {
    expectUnavailable(
      await failureOf(() => openEventStore(`sqlite:${path}`, { create: false })),
      path,
      /cannot open the SQLite store.*there is no such file, and this command does not create one/,
    );
    expect(existsSync(path)).toBe(false);
    expect(existsSync(dir)).toBe(true);
    await (await openEventStore(`sqlite:${path}`, { create: true })).close();
    expect(existsSync(path)).toBe(true);
  });

  it('refuses every append and read once the file was deleted while open, and records nothing', async () => {
    const store = open();
    await store.appendToStream('region-x', [newEvent()], 'no_stream');
    unlinkSync(path);
    expectUnavailable(
      await failureOf(() => store.appendToStream('region-x', [newEvent()], 0n)),
      path,
      /cannot record in the SQLite store.*the file was deleted while it was open; nothing was recorded/,
    );
    expectUnavailable(await failureOf(() => store.readAll()), path, /cannot read .*deleted/);
    expectUnavailable(await failureOf(() => store.readStream('region-x')), path, /deleted/);
  });

  it('does not acknowledge an append whose write-ahead log cannot be synced to the disk', async () => {
    const store = open();
    // the log is synced after the commit, off the event loop: a log it cannot reach must fail the append
    unlinkSync(`${path}-wal`);
    expectUnavailable(
      await failureOf(() => store.appendToStream('region-x', [newEvent()], 'no_stream')),
      path,
      /cannot record in the SQLite store.*the disk did not confirm the write .*ENOENT.*may or may not be recorded/,
    );
  });

  it('refuses to go on when the file was replaced by another (a restored copy moved over it)', async () => {
    const store = open();
    await store.appendToStream('region-x', [newEvent()], 'no_stream');
    const other = join(dir, 'other.db');
    const copy = new SqliteEventStore(other);
    await copy.close();
    renameSync(other, path);
    expectUnavailable(
      await failureOf(() => store.appendToStream('region-x', [newEvent()], 0n)),
      path,
      /the file was replaced by another while it was open; nothing was recorded/,
    );
    expectUnavailable(await failureOf(() => store.readAll()), path, /replaced/);
  });

  /** 400 events of about 500 bytes in one stream (pages enough to damage some), and the store closed. */
  async function closedStoreOf400Events(): Promise<void> {
    const store = open();
    for (let batch = 0; batch < 20; batch += 1)
      await store.appendToStream(
        'region-x',
        Array.from({ length: 20 }, () => newEvent({ text: 'x'.repeat(500) })),
        batch === 0 ? 'no_stream' : BigInt(batch * 20 - 1),
      );
    await store.close();
  }

  it('runs quick_check at open: a file with damaged pages is refused, not read as empty', async () => {
    await closedStoreOf400Events();
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    for (let offset = 4096 * 2; offset < size; offset += 4096 * 3)
      writeSync(fd, Buffer.alloc(4096, 0x41), 0, 4096, offset);
    closeSync(fd);
    expectUnavailable(await failureOf(() => open()), path, /cannot open the SQLite store.*it is damaged/);
  });

  describe("a reading command's check (the index tables at open, the rest as it is read)", () => {
    /** A store of 400 events in one stream, closed, with the index's page or every third other page from the third overwritten. */
    async function damaged(which: 'events' | 'streams'): Promise<void> {
      await closedStoreOf400Events();
      const db = new Database(path, { readonly: true });
      const roots = new Map(
        (
          db.prepare("SELECT name, rootpage FROM sqlite_master WHERE name IN ('streams', 'checkpoints')").all() as {
            name: string;
            rootpage: number;
          }[]
        ).map(({ name, rootpage }) => [name, (rootpage - 1) * 4096]),
      );
      db.close();
      const fd = openSync(path, 'r+');
      if (which === 'streams') writeSync(fd, Buffer.alloc(4096, 0x41), 0, 4096, roots.get('streams'));
      else
        for (let offset = 4096 * 2; offset < statSync(path).size; offset += 4096 * 3)
          if (![...roots.values()].includes(offset)) writeSync(fd, Buffer.alloc(4096, 0x41), 0, 4096, offset);
      closeSync(fd);
    }

    it('refuses a damaged index of streams at open: never "no such region"', async () => {
      await damaged('streams');
      expectUnavailable(
        await failureOf(() => new SqliteEventStore(path, { create: false, check: 'index' })),
        path,
        /cannot open the SQLite store.*it is damaged/,
      );
    });

    it('refuses damaged event pages when it reads them, not read as empty', async () => {
      await damaged('events');
      const store = new SqliteEventStore(path, { create: false, check: 'index' });
      try {
        expectUnavailable(
          await failureOf(() => store.readStream('region-x')),
          path,
          /cannot read the SQLite store.*it is damaged/,
        );
      } finally {
        await store.close();
      }
      // the whole-file check refuses the same file at open
      expectUnavailable(await failureOf(() => open()), path, /cannot open the SQLite store.*it is damaged/);
    });
  });

  it('says when the file is not a SQLite database', async () => {
    const fd = openSync(path, 'w');
    writeSync(fd, Buffer.alloc(8192, 0x42));
    closeSync(fd);
    expectUnavailable(await failureOf(() => open()), path, /the file is not a SQLite database/);
  });

  it('a write lock held by another connection fails the append after the busy timeout, one line', async () => {
    const store = open({ busyTimeoutMs: 100 });
    await store.appendToStream('region-x', [newEvent()], 'no_stream');
    const other = new Database(path);
    other.exec('BEGIN EXCLUSIVE');
    try {
      expectUnavailable(
        await failureOf(() => store.appendToStream('region-x', [newEvent()], 0n)),
        path,
        /another connection holds a lock on it \(still locked after 100 ms\); nothing was recorded/,
      );
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    await store.appendToStream('region-x', [newEvent()], 0n);
  });

  it('a lock that also keeps readers out (exclusive locking mode) fails the open, one line', async () => {
    await open().close();
    const other = new Database(path);
    other.pragma('locking_mode = EXCLUSIVE');
    other.exec('BEGIN EXCLUSIVE');
    try {
      expectUnavailable(
        await failureOf(() => new SqliteEventStore(path, { busyTimeoutMs: 100 })),
        path,
        /cannot open the SQLite store.*another connection holds a lock on it/,
      );
    } finally {
      other.exec('COMMIT');
      other.close();
    }
  });

  it('a full store refuses the append as unavailable and keeps what it had', async () => {
    const store = open();
    await store.appendToStream('region-x', [newEvent()], 'no_stream');
    // the page limit is a setting of the store's own connection: the nearest thing to a full disk in-process
    const db = (store as unknown as { db: Database.Database }).db;
    db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`);
    expectUnavailable(
      await failureOf(() => store.appendToStream('region-x', [newEvent({ text: 'y'.repeat(50_000) })], 0n)),
      path,
      /the disk or file system is full; nothing was recorded/,
    );
    expect((await store.readAll()).length).toBe(1);
  });

  it('a row whose data is no longer JSON is a damaged store, not a crash', async () => {
    const store = open();
    await store.appendToStream('region-x', [newEvent()], 'no_stream');
    const other = new Database(path);
    other.prepare("UPDATE events SET data = '{broken'").run();
    other.close();
    expectUnavailable(
      await failureOf(() => store.readStream('region-x')),
      path,
      /it is damaged \(region-x revision 0 holds data that is not JSON\)/,
    );
  });
});
