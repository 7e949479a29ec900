import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEventStore } from './open-event-store';
import { SqliteEventStore } from './sqlite-event-store';
import { describeEventStoreContract } from './testing/event-store.contract-spec-helper';

describeEventStoreContract(
  'SQLite',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'geldstroom-contract-'));
    const path = join(dir, 'events.db');
    let current = new SqliteEventStore(path);
    return {
      store: current,
      reopen: async () => {
        await current.close();
        current = new SqliteEventStore(path);
        return current;
      },
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
  { refusesStoredEventIds: true, reopens: true, appendsAcrossStreams: true },
);

describe('SQLite store file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'geldstroom-sqlite-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is opened by a sqlite: URL, creating its directory, and read back through a second URL handle', async () => {
    const path = join(dir, 'nested', 'deeper', 'events.db');
    const first = await openEventStore(`sqlite:${path}`);
    const eventId = randomUUID();
    await first.appendToStream(
      'region-x',
      [{ eventId, type: 'A', data: { amount: '1.00' }, metadata: metadata() }],
      'no_stream',
    );
    await first.close();

    const second = await openEventStore(`sqlite:${path}`);
    try {
      expect(second.description).toBe(`sqlite:${path}`);
      expect((await second.readAll()).map((event) => [event.eventId, event.revision, event.position])).toEqual([
        [eventId, 0n, 1n],
      ]);
    } finally {
      await second.close();
    }
  });
});

describe('SQLite rows', () => {
  it("hold an event's JSON texts as the writer gives them, and JSON.stringify's text when it gives none", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'geldstroom-rows-'));
    const path = join(dir, 'events.db');
    const store = new SqliteEventStore(path);
    const data = { b: 'cliënten "x"', a: [1, { d: null, c: 2 }] };
    const given = { eventId: randomUUID(), type: 'A', data, metadata: metadata() };
    // texts a writer wrote itself, told apart here by their spacing: they are stored as they are
    const json = { data: JSON.stringify(data, null, 1), metadata: JSON.stringify(metadata(), null, 1) };
    await store.appendToStream('region-x', [given, { ...given, eventId: randomUUID(), json }], 'no_stream');
    await store.close();
    const db = new Database(path, { readonly: true });
    const rows = db.prepare('SELECT data, metadata FROM events ORDER BY position').all();
    db.close();
    rmSync(dir, { recursive: true, force: true });
    expect(rows).toEqual([{ data: JSON.stringify(data), metadata: JSON.stringify(metadata()) }, json]);
  });
});

function metadata() {
  return {
    actor: 'test',
    recordedAt: '2026-01-01T00:00:00.000Z',
    source: 'test',
    commandId: 'c',
    causationId: 'c',
    correlationId: 'c',
    schemaVersion: 1,
  };
}

const newEvent = (type: string) => ({
  eventId: randomUUID(),
  type,
  data: {},
  metadata: {
    actor: 'test',
    recordedAt: new Date().toISOString(),
    source: 'spec',
    commandId: 'c',
    causationId: 'c',
    correlationId: 'c',
    schemaVersion: 1,
  },
});

describe('SQLite store specifics', () => {
  it('runs in WAL mode and refuses a duplicate event id in one append', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sqlite-'));
    const path = join(dir, 'events.db');
    const store = new SqliteEventStore(path);
    const event = newEvent('A');
    await expect(store.appendToStream('region-x', [event, event], 'no_stream')).rejects.toMatchObject({
      code: 'DUPLICATE_EVENT',
    });
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
    expect(() => new SqliteEventStore(join(file, 'events.db'))).toThrow(
      /cannot open the SQLite store at .*a-file\/events\.db/,
    );
    rmSync(dir, { recursive: true, force: true });
  });
});
