import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';
import { describeEventStoreContract, newEvent } from './testing/event-store.contract.spec-helper';

describeEventStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'contract-'));
  const path = join(dir, 'events.db');
  let store = new SqliteEventStore(path);
  return {
    store,
    reopen: async () => {
      await store.close();
      store = new SqliteEventStore(path);
      return store;
    },
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SQLite store specifics', () => {
  it('runs in WAL mode with synchronous=FULL and refuses a duplicate event id in one append', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sqlite-'));
    const path = join(dir, 'events.db');
    const store = new SqliteEventStore(path);
    const event = newEvent('A');
    await expect(store.appendToStream('region-x', [event, event], 'no_stream')).rejects.toMatchObject({ code: 'DUPLICATE_EVENT' });
    expect(await store.readAll()).toEqual([]);
    await store.close();
    const db = new Database(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says where it could not open a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sqlite-'));
    const file = join(dir, 'a-file');
    new Database(file).close();
    expect(() => new SqliteEventStore(join(file, 'events.db'))).toThrow(/cannot open the SQLite store at .*a-file\/events\.db/);
    rmSync(dir, { recursive: true, force: true });
  });
});
