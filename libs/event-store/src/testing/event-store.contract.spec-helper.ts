import { randomUUID } from 'node:crypto';
import { firstValueFrom, Observable, take, toArray } from 'rxjs';
import { ConcurrencyConflictError } from '../event-store.errors';
import { EventStore, NewEvent, RecordedEvent } from '../event-store.port';

export interface ContractHarness {
  readonly store: EventStore;
  /** closes the store and opens it again on the same data, where the adapter persists */
  readonly reopen?: () => Promise<EventStore>;
  readonly cleanup: () => Promise<void>;
}

const metadata = (source: string) => ({
  actor: 'contract',
  recordedAt: '2026-01-01T00:00:00.000Z',
  source,
  commandId: randomUUID(),
  causationId: randomUUID(),
  correlationId: randomUUID(),
  schemaVersion: 1,
});

export const newEvent = (type: string, data: unknown = { n: 1 }): NewEvent => ({ eventId: randomUUID(), type, data, metadata: metadata(type) });

/**
 * What every store adapter must do, whatever it stores in: the same suite runs against memory,
 * SQLite and — given a server — EventStoreDB. Streams get a unique prefix per run, so the suite can
 * run against a server that holds other data.
 */
export function describeEventStoreContract(name: string, open: () => Promise<ContractHarness>): void {
  describe(`event store contract: ${name}`, () => {
    let harness: ContractHarness;
    let store: EventStore;
    let prefix: string;
    const stream = (suffix: string) => `${prefix}${suffix}`;
    const ours = (events: RecordedEvent[]) => events.filter((event) => event.streamId.startsWith(prefix));

    beforeEach(async () => {
      harness = await open();
      store = harness.store;
      prefix = `region-contract-${randomUUID().slice(0, 8)}-`;
    });
    afterEach(async () => harness.cleanup());

    it('appends to a new stream with no_stream and reads it back in revision order', async () => {
      const events = [newEvent('A'), newEvent('B'), newEvent('C')];
      const result = await store.appendToStream(stream('a'), events, 'no_stream');
      expect(result.nextExpectedRevision).toBe(2n);
      const read = await store.readStream(stream('a'));
      expect(read.map((event) => [event.eventId, event.type, event.revision, event.streamId])).toEqual(events.map((event, index) => [event.eventId, event.type, BigInt(index), stream('a')]));
      const next = await store.appendToStream(stream('a'), [newEvent('D')], 2n);
      expect(next.nextExpectedRevision).toBe(3n);
    });

    it('requires the exact expected revision', async () => {
      await store.appendToStream(stream('b'), [newEvent('A'), newEvent('B')], 'no_stream');
      await expect(store.appendToStream(stream('b'), [newEvent('C')], 0n)).rejects.toBeInstanceOf(ConcurrencyConflictError);
      await expect(store.appendToStream(stream('b'), [newEvent('C')], 'no_stream')).rejects.toBeInstanceOf(ConcurrencyConflictError);
      await expect(store.appendToStream(stream('missing'), [newEvent('C')], 0n)).rejects.toBeInstanceOf(ConcurrencyConflictError);
      const conflict = await store.appendToStream(stream('b'), [newEvent('C')], 5n).catch((error: unknown) => error);
      expect(conflict).toMatchObject({ code: 'CONCURRENCY_CONFLICT', streamId: stream('b'), actual: 1n });
    });

    it('writes nothing of a failed append', async () => {
      await store.appendToStream(stream('c'), [newEvent('A')], 'no_stream');
      await store.appendToStream(stream('c'), [newEvent('B'), newEvent('C')], 7n).catch(() => undefined);
      expect((await store.readStream(stream('c'))).map((event) => event.type)).toEqual(['A']);
      expect(ours(await store.readAll()).map((event) => event.type)).toEqual(['A']);
    });

    it('never stores a retried append twice', async () => {
      const events = [newEvent('A'), newEvent('B')];
      await store.appendToStream(stream('d'), events, 'no_stream');
      await store.appendToStream(stream('d'), events, 'no_stream').catch((error: unknown) => expect(error).toBeInstanceOf(Error));
      expect((await store.readStream(stream('d'))).map((event) => event.eventId)).toEqual(events.map((event) => event.eventId));
    });

    it('reads part of a stream, and a missing stream as empty', async () => {
      await store.appendToStream(stream('e'), ['A', 'B', 'C', 'D'].map((type) => newEvent(type)), 'no_stream');
      expect((await store.readStream(stream('e'), { fromRevision: 1n, maxCount: 2 })).map((event) => event.type)).toEqual(['B', 'C']);
      expect((await store.readStream(stream('e'), { fromRevision: 4n })).length).toBe(0);
      expect(await store.readStream(stream('nothing-here'))).toEqual([]);
    });

    it('reads all streams in global order, from a position, in pages', async () => {
      await store.appendToStream(stream('f1'), [newEvent('A')], 'no_stream');
      await store.appendToStream(stream('f2'), [newEvent('B')], 'no_stream');
      await store.appendToStream(stream('f1'), [newEvent('C')], 0n);
      const all = ours(await store.readAll());
      expect(all.map((event) => `${event.streamId.slice(prefix.length)}:${event.type}`)).toEqual(['f1:A', 'f2:B', 'f1:C']);
      expect(all[0].position < all[1].position && all[1].position < all[2].position).toBe(true);
      expect(ours(await store.readAll({ after: all[0].position })).map((event) => event.type)).toEqual(['B', 'C']);
      const page = await store.readAll({ after: all[0].position, maxCount: 1 });
      expect(page).toHaveLength(1);
      expect(page[0].position).toBeGreaterThan(all[0].position);
    });

    it('keeps data and metadata exactly', async () => {
      const data = { amount: '5802407.00', nested: { list: [1, 'twee', null, true], naam: 'Kaag en Braassem — €' }, empty: {} };
      const event = { ...newEvent('Exact', data), metadata: { ...metadata('file.jsonl:12'), command: 'RecordRijkPayment' } };
      await store.appendToStream(stream('g'), [event], 'no_stream');
      const [read] = await store.readStream(stream('g'));
      expect(read.data).toEqual(data);
      expect(read.metadata).toEqual(event.metadata);
      expect(typeof read.revision).toBe('bigint');
      expect(typeof read.position).toBe('bigint');
    });

    it('catches up, then follows new appends, filtered by stream prefix', async () => {
      await store.appendToStream(stream('h'), [newEvent('Before')], 'no_stream');
      await store.appendToStream(`other-${randomUUID()}`, [newEvent('Elsewhere')], 'no_stream');
      const received: Observable<RecordedEvent> = store.subscribeToAll({ streamPrefix: prefix });
      const firstTwo = firstValueFrom(received.pipe(take(2), toArray()));
      setTimeout(() => void store.appendToStream(stream('h'), [newEvent('After')], 0n), 50);
      const events = await firstTwo;
      expect(events.map((event) => event.type)).toEqual(['Before', 'After']);
    });

    it('subscribes from a position, exclusively', async () => {
      await store.appendToStream(stream('i'), [newEvent('One'), newEvent('Two')], 'no_stream');
      const [first] = await store.readStream(stream('i'));
      const events = await firstValueFrom(store.subscribeToAll({ after: first.position, streamPrefix: prefix }).pipe(take(1), toArray()));
      expect(events.map((event) => event.type)).toEqual(['Two']);
    });

    it('keeps everything across a reopen, where it persists', async () => {
      if (!harness.reopen) return;
      await store.appendToStream(stream('j'), [newEvent('Kept')], 'no_stream');
      store = await harness.reopen();
      expect((await store.readStream(stream('j'))).map((event) => event.type)).toEqual(['Kept']);
      await store.appendToStream(stream('j'), [newEvent('Next')], 0n);
      expect(ours(await store.readAll()).map((event) => event.type)).toEqual(['Kept', 'Next']);
    });
  });
}
