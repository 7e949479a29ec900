import { parseCommand } from '@libs/domain';
import { EventStore, MemoryEventStore, SqliteEventStore } from '@libs/event-store';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ledger } from '../ledger';
import { allEvents, appendInOrder, CopiedEvent } from '../transfer/copy-events';
import { eventHash, GENESIS_HASH } from './event-hash';
import { HistoryBrokenError } from './history-broken.error';
import { verifyStore } from './verify-chain';

const register = (regionId: string) =>
  parseCommand({
    command: 'RegisterRegion',
    regionId,
    name: `Regio ${regionId}`,
    centralMunicipality: 'GM0100',
    municipalities: [
      { code: 'GM0100', name: 'Centrum' },
      { code: 'GM0200', name: 'Rand' },
    ],
  });
const payment = (paymentId: string, amount = '1.00', regionId = 'west') =>
  parseCommand({
    command: 'RecordRijkPayment',
    regionId,
    paymentId,
    year: 2024,
    scheme: 'BW',
    basis: 'objective',
    recipient: 'GM0200',
    amount,
  });
const context = { actor: 'test', source: 'ledger-chain.int-spec' };

async function recordWest(store: EventStore, payments = 3): Promise<Ledger> {
  const ledger = new Ledger(store);
  await ledger.execute(register('west'), context);
  for (let index = 0; index < payments; index += 1) await ledger.execute(payment(`p${index}`), context);
  return ledger;
}

/** The same events as a store written before the chain existed: no hash in the metadata. */
async function unchainedCopy(store: EventStore): Promise<MemoryEventStore> {
  const legacy = new MemoryEventStore();
  for await (const event of allEvents(store)) {
    const { hash: _hash, ...metadata } = event.metadata;
    const head = (await legacy.readStream(event.streamId)).length;
    await legacy.appendToStream(
      event.streamId,
      [{ eventId: event.eventId, type: event.type, data: event.data, metadata }],
      head === 0 ? 'no_stream' : BigInt(head - 1),
    );
  }
  return legacy;
}

describe('the ledger keeps a hash chain per region', () => {
  it('gives every event it appends the hash of the one before it and its own content', async () => {
    const store = new MemoryEventStore();
    const ledger = await recordWest(store);
    const events = await store.readStream('region-west');
    let previous = GENESIS_HASH;
    for (const event of events) {
      previous = eventHash(previous, event);
      expect(event.metadata.hash).toBe(previous);
    }
    expect((await ledger.regionView('west')).ledgerHash).toBe(previous);
    expect(await verifyStore(store)).toEqual([
      { streamId: 'region-west', regionId: 'west', events: 4, unchained: 0, ledgerHash: previous },
    ]);
  });

  it('as of a moment, the ledger hash is that of the last event recorded by then', async () => {
    let now = new Date('2026-01-01T10:00:00Z');
    const store = new MemoryEventStore();
    const ledger = new Ledger(store, { clock: () => now });
    await ledger.execute(register('west'), context);
    await ledger.execute(payment('p1'), context);
    now = new Date('2026-02-01T10:00:00Z');
    await ledger.execute(payment('p2'), context);
    const events = await store.readStream('region-west');
    expect((await ledger.regionView('west', new Date('2026-01-15T00:00:00Z'))).ledgerHash).toBe(
      events[1].metadata.hash,
    );
    expect((await ledger.regionView('west')).ledgerHash).toBe(events[2].metadata.hash);
  });

  it('a dry run computes the same chain it would have stored', async () => {
    const stored = new MemoryEventStore();
    const dry = new Ledger(new MemoryEventStore(), { dryRun: true, clock: () => new Date('2026-01-01T00:00:00Z') });
    const real = new Ledger(stored, { clock: () => new Date('2026-01-01T00:00:00Z') });
    for (const ledger of [dry, real]) {
      await ledger.execute(register('west'), { ...context, commandId: 'c1' });
      await ledger.execute(payment('p1'), { ...context, commandId: 'c2' });
    }
    expect((await dry.regionView('west')).ledgerHash).toBe((await real.regionView('west')).ledgerHash);
    // the events a dry run holds read as the stored ones do, but for the position they do not have yet
    const dryEvents = await dry.regionEvents('west');
    const realEvents = await real.regionEvents('west');
    expect(dryEvents.map((event) => event.position)).toEqual([-1n, -1n]);
    expect(dryEvents.map(({ position: _position, ...event }) => event)).toEqual(
      realEvents.map(({ position: _position, ...event }) => event),
    );
  });

  describe('on a SQLite file edited behind its back', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ledger-chain-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('refuses new events and answers nothing for the broken region, naming it and the revision; other regions go on', async () => {
      const path = join(dir, 'ledger.db');
      const store = new SqliteEventStore(path);
      const ledger = await recordWest(store);
      await ledger.execute(register('east'), context);
      const db = new Database(path);
      db.prepare(
        'UPDATE events SET data = replace(data, \'"amount":"1.00"\', \'"amount":"1000.00"\') WHERE stream_id = \'region-west\' AND revision = 2',
      ).run();
      db.close();

      const fresh = new Ledger(store);
      const refusal = fresh.execute(payment('p9'), context);
      await expect(refusal).rejects.toBeInstanceOf(HistoryBrokenError);
      await expect(refusal).rejects.toThrow(
        /^region west: revision 2 edited: its content does not match its hash: it was edited, or written outside the ledger; it accepts no new events/,
      );
      await expect(fresh.regionState('west')).rejects.toMatchObject({
        regionId: 'west',
        revision: 2n,
        fault: 'edited',
      });
      await fresh.execute(payment('e1', '1.00', 'east'), context);
      expect((await store.readStream('region-west')).length).toBe(4);
      await store.close();
    });
  });

  it('continues a history recorded before the chain existed: folds it, and chains what it appends after it', async () => {
    const legacy = await unchainedCopy(await recordWest(new MemoryEventStore()).then((ledger) => ledger.store));
    const ledger = new Ledger(legacy);
    const before = (await ledger.regionView('west')).ledgerHash;
    await ledger.execute(payment('p9'), context);
    const [last] = await legacy.readStream('region-west', { fromRevision: 4n });
    expect(last.metadata.hash).toBe(eventHash(before!, last));
    expect(await verifyStore(legacy)).toEqual([
      { streamId: 'region-west', regionId: 'west', events: 5, unchained: 4, ledgerHash: last.metadata.hash },
    ]);
  });
});

describe('copying events (import, migrate)', () => {
  it('chains a history recorded before the chain existed as it copies it, to the same ledger hash', async () => {
    const original = new MemoryEventStore();
    await recordWest(original);
    const legacy = await unchainedCopy(original);
    const target = new MemoryEventStore();
    expect(await appendInOrder(target, allEvents(legacy))).toEqual({ events: 4, skipped: 0, streams: 1 });
    expect(await verifyStore(target)).toEqual(await verifyStore(original));
    expect((await target.readAll()).map((event) => event.metadata)).toEqual(
      (await original.readAll()).map((event) => event.metadata),
    );
  });

  it('refuses a broken history', async () => {
    const original = new MemoryEventStore();
    await recordWest(original);
    const events = await original.readAll();
    const tampered = events.map((event, index) =>
      index === 2 ? { ...event, data: { ...(event.data as object), paymentId: 'forged' } } : event,
    );
    await expect(appendInOrder(new MemoryEventStore(), tampered)).rejects.toThrow(
      /region west: revision 2 edited: .*; a broken history is not copied/,
    );
  });

  it('writes all or nothing in one transaction where the target has one', async () => {
    const original = new MemoryEventStore();
    await recordWest(original);
    await new Ledger(original).execute(register('east'), context);
    const target = new MemoryEventStore();
    await target.appendToStream('region-east', [(await original.readStream('region-west'))[0]], 'no_stream');
    const events = await original.readAll();
    await expect(appendInOrder(target, events, { atomic: true })).rejects.toThrow(/holds other events/);
    expect((await target.readAll()).length).toBe(1);
  });

  it('without multi-stream transactions, a re-run completes a copy that was cut off, skipping what is there', async () => {
    const original = new MemoryEventStore();
    await recordWest(original, 700);
    await new Ledger(original).execute(register('east'), context);
    const events: CopiedEvent[] = await original.readAll();

    /** A store like EventStoreDB (appends stream by stream, no appendMany), here one that dies after an append. */
    const target = new MemoryEventStore();
    const streamByStream = (beforeAppend: () => void): EventStore => ({
      description: 'stream by stream',
      appendToStream: async (streamId, batch, expected) => {
        beforeAppend();
        return target.appendToStream(streamId, batch, expected);
      },
      readStream: (streamId, options) => target.readStream(streamId, options),
      readAll: (options) => target.readAll(options),
      subscribeToAll: (options) => target.subscribeToAll(options),
      close: () => target.close(),
    });
    let appendsLeft = 1;
    const dying = streamByStream(() => {
      if (appendsLeft-- <= 0) throw new Error('killed');
    });
    await expect(appendInOrder(dying, events, { atomic: true })).rejects.toThrow('killed');
    expect((await target.readAll()).length).toBe(500);

    const resumed = streamByStream(() => undefined);
    const counts = new Map([
      ['region-west', 701],
      ['region-east', 1],
    ]);
    expect(await appendInOrder(resumed, events, { sourceCounts: counts })).toEqual({
      events: 202,
      skipped: 500,
      streams: 2,
    });
    expect(await verifyStore(target)).toEqual(await verifyStore(original));
    expect(await appendInOrder(resumed, events, { sourceCounts: counts })).toEqual({
      events: 0,
      skipped: 702,
      streams: 2,
    });
  });
});
