import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConcurrencyConflictError } from '../event-store.errors';
import { SqliteEventStore } from '../sqlite-event-store';

const newEvent = (type: string) => ({
  eventId: randomUUID(),
  type,
  data: {},
  metadata: {
    actor: 'test',
    recordedAt: '2026-01-01T00:00:00.000Z',
    source: 'spec',
    commandId: 'c',
    causationId: 'c',
    correlationId: 'c',
    schemaVersion: 1,
  },
});

describe('the SQLite store beside its events', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'geldstroom-sqlite-index-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps an index of its streams as events are appended, by whoever appends', async () => {
    const path = join(dir, 'events.db');
    const store = new SqliteEventStore(path);
    await store.appendToStream('region-a', [newEvent('RegionRegistered'), newEvent('X')], 'no_stream');
    await store.appendToStream('other-b', [newEvent('Y')], 'no_stream');
    // a second process appends to the same file
    const second = new SqliteEventStore(path);
    await second.appendToStream('region-c', [newEvent('Z')], 'no_stream');
    await second.close();
    const all = await store.listStreams({ prefix: 'region-' });
    expect(all.map(({ streamId, revision, firstType }) => ({ streamId, revision, firstType }))).toEqual([
      { streamId: 'region-a', revision: 1n, firstType: 'RegionRegistered' },
      { streamId: 'region-c', revision: 0n, firstType: 'Z' },
    ]);
    const after = all.find((stream) => stream.streamId === 'region-a')?.position ?? 0n;
    expect((await store.listStreams({ after })).map((stream) => stream.streamId)).toEqual(['other-b', 'region-c']);
    await store.close();
  });

  it('indexes the streams of a store written before the index, once, when it is opened', async () => {
    const path = join(dir, 'old.db');
    const db = new Database(path);
    db.exec(`CREATE TABLE events (
      position INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL,
      revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
      UNIQUE (stream_id, revision))`);
    const insert = db.prepare(
      'INSERT INTO events (event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
    );
    insert.run(randomUUID(), 'region-old', 0, 'RegionRegistered', '{}', '{}');
    insert.run(randomUUID(), 'region-old', 1, 'X', '{}', '{}');
    db.close();
    const store = new SqliteEventStore(path);
    expect(await store.listStreams()).toEqual([
      { streamId: 'region-old', revision: 1n, position: 2n, firstType: 'RegionRegistered' },
    ]);
    await store.close();
  });

  it('commits the appends of one turn of the event loop in one transaction; one refused leaves the others', async () => {
    const store = new SqliteEventStore(join(dir, 'group.db'));
    await store.appendToStream('region-taken', [newEvent('A')], 'no_stream');
    // every flush commits what is queued in one IMMEDIATE transaction
    const commits = jest.spyOn(store as unknown as { flush: () => void }, 'flush');
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 20 }, (_, index) =>
        store.appendToStream(`region-${index}`, [newEvent('A')], 'no_stream'),
      ),
      store.appendToStream('region-taken', [newEvent('B')], 'no_stream'),
    ]);
    expect(commits).toHaveBeenCalledTimes(1);
    expect(outcomes.slice(0, 20).every(({ status }) => status === 'fulfilled')).toBe(true);
    expect(outcomes[20]).toMatchObject({ status: 'rejected', reason: expect.any(ConcurrencyConflictError) });
    expect(await store.readStream('region-taken')).toHaveLength(1);
    expect(await store.listStreams({ prefix: 'region-' })).toHaveLength(21);
    await store.close();
  });

  it('keeps derived documents and checkpoints, and drops a stream’s documents when its events are edited behind its back', async () => {
    const path = join(dir, 'derived.db');
    const store = new SqliteEventStore(path);
    await store.appendToStream('region-a', [newEvent('A')], 'no_stream');
    const derived = store.derived;
    if (!derived) throw new Error('a new SQLite store keeps derived documents');
    const document = { kind: 'snapshot', streamId: 'region-a', key: '', revision: 0n, body: '{"n":1}' };
    expect(await derived.put([document])).toBe(true);
    expect(await derived.setCheckpoint('models', 1n)).toBe(true);
    expect(await derived.get('snapshot', 'region-a', '')).toEqual(document);
    expect(await derived.checkpoint('models')).toBe(1n);
    // several of one kind and stream in one read, each in its key's place
    const parts = ['2024', '2023', "it's"].map((key) => ({ ...document, kind: 'part', key, body: `"${key}"` }));
    expect(await derived.put(parts)).toBe(true);
    expect(await derived.getMany('part', 'region-a', ['2023', 'none', "it's", '2024'])).toEqual([
      parts[1],
      undefined,
      parts[2],
      parts[0],
    ]);
    expect(await derived.getMany('part', 'region-b', ['2023'])).toEqual([undefined]);
    expect(await derived.getMany('part', 'region-a', [])).toEqual([]);

    const db = new Database(path);
    db.prepare("UPDATE events SET data = '{\"edited\":true}' WHERE stream_id = 'region-a'").run();
    db.close();
    expect(await derived.get('snapshot', 'region-a', '')).toBeUndefined();
    expect(await derived.checkpoint('models')).toBeUndefined();
    await store.close();
  });
});
