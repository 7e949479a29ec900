import { randomUUID } from 'node:crypto';
import { firstValueFrom, take, timeout, toArray } from 'rxjs';
import { ConcurrencyConflictError, EventStoreError } from '../event-store.errors';
import { EventMetadata, EventStore, NewEvent, RecordedEvent } from '../event-store.port';

/** One store under test, with a way to open a second handle on the same events where the adapter has one. */
export interface ContractSubject {
  readonly store: EventStore;
  /** Closes the current handle and opens the same events again (a reopened file, a new client). */
  readonly reopen?: () => Promise<EventStore>;
  /** Removes whatever the subject created (temporary files); the suite closes the stores itself. */
  readonly dispose?: () => Promise<void>;
}

export interface ContractOptions {
  /**
   * Whether an event id stored anywhere is refused (SQLite, memory). EventStoreDB only recognises a
   * retried append (same ids at the same expected revision); it is no global unique constraint.
   */
  readonly refusesStoredEventIds: boolean;
  /** Whether the subject can reopen its events (false only for the in-process memory store). */
  readonly reopens: boolean;
  /** Whether the store appends to several streams in one transaction (`appendMany`; not EventStoreDB). */
  readonly appendsAcrossStreams: boolean;
  /** Why the suite cannot run here (no server configured): it is then reported as skipped, with one line saying why. */
  readonly skipBecause?: string;
}

const WAIT_MS = 10_000;

/**
 * The behaviour every adapter of the port must show, as one jest suite. Each test writes to streams
 * of its own (random names under `region-`), so the suite also runs against a shared server.
 */
export function describeEventStoreContract(
  name: string,
  factory: () => Promise<ContractSubject>,
  options: ContractOptions,
): void {
  if (options.skipBecause) process.stderr.write(`${name} event store contract skipped: ${options.skipBecause}\n`);
  (options.skipBecause ? describe.skip : describe)(`${name}: event store contract`, () => {
    let subject: ContractSubject | undefined;
    let store: EventStore;
    const opened: EventStore[] = [];

    beforeEach(async () => {
      subject = undefined;
      subject = await factory();
      store = subject.store;
      opened.push(store);
    });

    afterEach(async () => {
      for (const each of opened.splice(0)) await each.close();
      await subject?.dispose?.();
    });

    it('appends to a new stream with no_stream and reads it back from revision 0', async () => {
      const streamId = newStream();
      const events = [newEvent('RegionRegistered'), newEvent('DistributionKeyAdopted')];
      const result = await store.appendToStream(streamId, events, 'no_stream');

      const read = await store.readStream(streamId);
      expect(read.map(envelope)).toEqual(
        events.map((event, index) => ({ ...event, streamId, revision: BigInt(index) })),
      );
      expect(result.nextExpectedRevision).toBe(1n);
      expect(read[1].position).toBeGreaterThan(read[0].position);
      expect(result.position).toBe(read[1].position);
    });

    it('continues a stream only at its exact revision', async () => {
      const streamId = newStream();
      await store.appendToStream(streamId, [newEvent('A')], 'no_stream');
      const second = await store.appendToStream(streamId, [newEvent('B')], 0n);
      expect(second.nextExpectedRevision).toBe(1n);

      await expect(store.appendToStream(streamId, [newEvent('C')], 0n)).rejects.toMatchObject(
        conflict(streamId, 0n, 1n),
      );
      await expect(store.appendToStream(streamId, [newEvent('C')], 5n)).rejects.toMatchObject(
        conflict(streamId, 5n, 1n),
      );
      await expect(store.appendToStream(streamId, [newEvent('C')], 'no_stream')).rejects.toMatchObject(
        conflict(streamId, 'no_stream', 1n),
      );
      await expect(store.appendToStream(streamId, [newEvent('C')], 'no_stream')).rejects.toBeInstanceOf(
        ConcurrencyConflictError,
      );

      const third = await store.appendToStream(streamId, [newEvent('C')], 1n);
      expect(third.nextExpectedRevision).toBe(2n);
      expect((await store.readStream(streamId)).map((event) => event.type)).toEqual(['A', 'B', 'C']);
    });

    it('refuses an exact revision on a stream that does not exist', async () => {
      const streamId = newStream();
      await expect(store.appendToStream(streamId, [newEvent('A')], 0n)).rejects.toMatchObject(
        conflict(streamId, 0n, 'no_stream'),
      );
      expect(await store.readStream(streamId)).toEqual([]);
    });

    it('a conflicting append writes nothing', async () => {
      const streamId = newStream();
      await store.appendToStream(streamId, [newEvent('A'), newEvent('B')], 'no_stream');
      const before = await store.readStream(streamId);

      await expect(store.appendToStream(streamId, [newEvent('C'), newEvent('D')], 0n)).rejects.toBeInstanceOf(
        ConcurrencyConflictError,
      );

      expect(await store.readStream(streamId)).toEqual(before);
      const after = await store.readAll({ after: before[1].position });
      expect(after.filter((event) => event.streamId === streamId)).toEqual([]);
    });

    it('a batch holding one event id twice is refused and writes nothing', async () => {
      const streamId = newStream();
      const twice = newEvent('A');
      await expect(
        store.appendToStream(streamId, [newEvent('B'), twice, { ...twice, type: 'C' }], 'no_stream'),
      ).rejects.toMatchObject({
        code: 'DUPLICATE_EVENT',
      });
      expect(await store.readStream(streamId)).toEqual([]);

      await store.appendToStream(streamId, [newEvent('D')], 'no_stream');
      await expect(store.appendToStream(streamId, [twice, twice], 0n)).rejects.toBeInstanceOf(EventStoreError);
      expect((await store.readStream(streamId)).map((event) => event.type)).toEqual(['D']);
    });

    (options.refusesStoredEventIds ? it : it.skip)(
      'an event id stored in another stream is refused, and nothing of the batch is written',
      async () => {
        const first = newStream();
        const second = newStream();
        const stored = newEvent('A');
        await store.appendToStream(first, [stored], 'no_stream');

        await expect(store.appendToStream(second, [newEvent('B'), { ...stored }], 'no_stream')).rejects.toMatchObject({
          code: 'DUPLICATE_EVENT',
        });
        expect(await store.readStream(second)).toEqual([]);
      },
    );

    it('a retried append is stored once', async () => {
      const streamId = newStream();
      const batch = [newEvent('A'), newEvent('B')];
      await store.appendToStream(streamId, batch, 'no_stream');

      // EventStoreDB acknowledges the retry without writing; the embedded stores report the conflict.
      const retry = await store.appendToStream(streamId, batch, 'no_stream').then(
        () => 'acknowledged',
        (error: unknown) => (error instanceof ConcurrencyConflictError ? 'conflict' : error),
      );
      expect(['acknowledged', 'conflict']).toContain(retry);
      expect((await store.readStream(streamId)).map((event) => event.eventId)).toEqual(
        batch.map((event) => event.eventId),
      );
    });

    it('reads a stream from a revision, at most maxCount events; a missing stream is empty', async () => {
      const streamId = newStream();
      const events = Array.from({ length: 5 }, (_, index) => newEvent(`E${index}`));
      await store.appendToStream(streamId, events, 'no_stream');

      expect(revisions(await store.readStream(streamId, { fromRevision: 2n }))).toEqual([2n, 3n, 4n]);
      expect(revisions(await store.readStream(streamId, { fromRevision: 1n, maxCount: 2 }))).toEqual([1n, 2n]);
      expect(revisions(await store.readStream(streamId, { maxCount: 1 }))).toEqual([0n]);
      expect(await store.readStream(streamId, { fromRevision: 5n })).toEqual([]);
      expect(await store.readStream(newStream())).toEqual([]);
    });

    it('reads all streams in global order, after a position (exclusive), at most maxCount events', async () => {
      const a = newStream();
      const b = newStream();
      const a0 = newEvent('A0');
      const b0 = newEvent('B0');
      const a1 = newEvent('A1');
      const b1 = newEvent('B1');
      await store.appendToStream(a, [a0], 'no_stream');
      await store.appendToStream(b, [b0], 'no_stream');
      await store.appendToStream(a, [a1], 0n);
      await store.appendToStream(b, [b1], 0n);
      const mine = (events: RecordedEvent[]) =>
        events.filter((event) => event.streamId === a || event.streamId === b).map((event) => event.eventId);
      const [first] = await store.readStream(a, { maxCount: 1 });
      const [last] = await store.readStream(b, { fromRevision: 1n });

      const everything = await store.readAll();
      expect(mine(everything)).toEqual([a0, b0, a1, b1].map((event) => event.eventId));
      expect(isStrictlyIncreasing(everything.map((event) => event.position))).toBe(true);

      expect(mine(await store.readAll({ after: first.position }))).toEqual([b0, a1, b1].map((event) => event.eventId));
      const page = await store.readAll({ after: first.position, maxCount: 2 });
      expect(page.map((event) => event.eventId)).toEqual([b0, a1].map((event) => event.eventId));
      expect(mine(await store.readAll({ after: last.position }))).toEqual([]);
    });

    it('subscribeToAll catches up, then follows new appends of the streams with the prefix', async () => {
      const prefix = `region-s${randomUUID().slice(0, 8)}-`;
      const a0 = newEvent('A0');
      const b0 = newEvent('B0');
      const a1 = newEvent('A1');
      const other = `region-o${randomUUID().slice(0, 8)}`;
      await store.appendToStream(`${prefix}a`, [a0], 'no_stream');
      await store.appendToStream(other, [newEvent('O0')], 'no_stream');

      const received = firstValueFrom(
        store.subscribeToAll({ streamPrefix: prefix }).pipe(take(3), toArray(), timeout(WAIT_MS)),
      );
      await store.appendToStream(`${prefix}b`, [b0], 'no_stream');
      await store.appendToStream(other, [newEvent('O1')], 0n);
      await store.appendToStream(`${prefix}a`, [a1], 0n);

      const events = await received;
      expect(events.map((event) => event.eventId)).toEqual([a0, b0, a1].map((event) => event.eventId));
      expect(events.map(envelope)[2]).toEqual({ ...a1, streamId: `${prefix}a`, revision: 1n });
      expect(isStrictlyIncreasing(events.map((event) => event.position))).toBe(true);
    });

    it('subscribeToAll starts after the given position (exclusive)', async () => {
      const prefix = `region-s${randomUUID().slice(0, 8)}-`;
      const streamId = `${prefix}a`;
      const events = [newEvent('A0'), newEvent('A1')];
      await store.appendToStream(streamId, events, 'no_stream');
      const [first] = await store.readStream(streamId);

      const received = await firstValueFrom(
        store.subscribeToAll({ after: first.position, streamPrefix: prefix }).pipe(take(1), timeout(WAIT_MS)),
      );
      expect(received.eventId).toBe(events[1].eventId);
    });

    it('keeps data and metadata exactly as given, and its own copy of them', async () => {
      const streamId = newStream();
      const data = {
        amount: '5802407.00',
        negative: '-115593.00',
        label: 'Beschermd wonen € 5.802.407,00 — Zuid-Holland, Ærø, 東京',
        nested: { members: [{ code: 'GM0484', weight: '0.25' }], empty: {}, list: [] as unknown[] },
        flags: { closed: false, reopened: true },
        nothing: null,
        year: 2024,
      };
      const metadata: EventMetadata = {
        ...META,
        source: 'holland-rijnland.jsonl:12',
        command: 'RecordRijkPayment',
        extra: { nested: ['x'] },
      };
      const event: NewEvent = { eventId: randomUUID(), type: 'RijkPaymentRecorded', data, metadata };
      const expected = structuredClone(event);
      await store.appendToStream(streamId, [newEvent('Marker'), event], 'no_stream');
      data.nested.members[0].weight = '0.99';

      const [marker, fromStream] = await store.readStream(streamId);
      expect(envelope(fromStream)).toEqual({ ...expected, streamId, revision: 1n });
      const fromAll = (await store.readAll({ after: marker.position })).filter((each) => each.streamId === streamId);
      expect(fromAll).toEqual([fromStream]);
    });

    it('counts revisions and positions in bigints, without gaps in a stream', async () => {
      const streamId = newStream();
      let expected: bigint | 'no_stream' = 'no_stream';
      for (let batch = 0; batch < 6; batch += 1) {
        const result = await store.appendToStream(
          streamId,
          Array.from({ length: 25 }, () => newEvent('Tick')),
          expected,
        );
        expect(typeof result.nextExpectedRevision).toBe('bigint');
        expect(typeof result.position).toBe('bigint');
        expected = result.nextExpectedRevision;
      }
      expect(expected).toBe(149n);

      const read = await store.readStream(streamId);
      expect(revisions(read)).toEqual(Array.from({ length: 150 }, (_, index) => BigInt(index)));
      expect(read.every((event) => typeof event.position === 'bigint')).toBe(true);
      expect(isStrictlyIncreasing(read.map((event) => event.position))).toBe(true);
      expect(revisions(await store.readStream(streamId, { fromRevision: 148n }))).toEqual([148n, 149n]);
    });

    (options.appendsAcrossStreams ? it : it.skip)('appendMany stores every append of the call or none', async () => {
      if (!store.appendMany) throw new Error('the store offers no appendMany');
      const a = newStream();
      const b = newStream();
      await store.appendToStream(b, [newEvent('B0')], 'no_stream');
      const results = await store.appendMany([
        { streamId: a, events: [newEvent('A0'), newEvent('A1')], expectedRevision: 'no_stream' },
        { streamId: b, events: [newEvent('B1')], expectedRevision: 0n },
        { streamId: a, events: [newEvent('A2')], expectedRevision: 1n },
      ]);
      expect(results.map((result) => result.nextExpectedRevision)).toEqual([1n, 1n, 2n]);
      expect(revisions(await store.readStream(a))).toEqual([0n, 1n, 2n]);

      const c = newStream();
      await expect(
        store.appendMany([
          { streamId: c, events: [newEvent('C0')], expectedRevision: 'no_stream' },
          { streamId: b, events: [newEvent('B2')], expectedRevision: 0n },
        ]),
      ).rejects.toBeInstanceOf(ConcurrencyConflictError);
      const stored = newEvent('D0');
      await expect(
        store.appendMany([
          { streamId: c, events: [stored], expectedRevision: 'no_stream' },
          { streamId: b, events: [{ ...stored, type: 'B2' }], expectedRevision: 1n },
        ]),
      ).rejects.toMatchObject({ code: 'DUPLICATE_EVENT' });
      expect(await store.readStream(c)).toEqual([]);
      expect(revisions(await store.readStream(b))).toEqual([0n, 1n]);
    });

    (options.appendsAcrossStreams ? it : it.skip)(
      'appendMany calls made together are each checked against the heads the earlier ones left',
      async () => {
        if (!store.appendMany) throw new Error('the store offers no appendMany');
        const a = newStream();
        const b = newStream();
        // made without waiting, so that a store that commits them together does so
        const outcomes = await Promise.allSettled([
          store.appendMany([{ streamId: a, events: [newEvent('A0')], expectedRevision: 'no_stream' }]),
          store.appendMany([{ streamId: a, events: [newEvent('X')], expectedRevision: 'no_stream' }]),
          store.appendMany([
            { streamId: a, events: [newEvent('A1')], expectedRevision: 0n },
            { streamId: b, events: [newEvent('B0')], expectedRevision: 'no_stream' },
          ]),
          // refused as a whole: its append to b is not stored and does not move b's head
          store.appendMany([
            { streamId: b, events: [newEvent('Y')], expectedRevision: 0n },
            { streamId: a, events: [newEvent('Z')], expectedRevision: 5n },
          ]),
          store.appendMany([{ streamId: b, events: [newEvent('B1')], expectedRevision: 0n }]),
        ]);
        expect(outcomes.map((outcome) => outcome.status)).toEqual([
          'fulfilled',
          'rejected',
          'fulfilled',
          'rejected',
          'fulfilled',
        ]);
        expect((await store.readStream(a)).map((event) => event.type)).toEqual(['A0', 'A1']);
        expect((await store.readStream(b)).map((event) => event.type)).toEqual(['B0', 'B1']);
      },
    );

    (options.reopens ? it : it.skip)(
      'reads the same events back after reopening, and continues where it was',
      async () => {
        const streamId = newStream();
        const events = [newEvent('A', { amount: '1.00' }), newEvent('B', { amount: '-1.00' })];
        await store.appendToStream(streamId, events, 'no_stream');
        const before = await store.readStream(streamId);

        store = await subject!.reopen!();
        opened.push(store);
        const after = await store.readStream(streamId);
        expect(after).toEqual(before);
        expect(
          (await store.readAll({ after: before[0].position })).filter((event) => event.streamId === streamId),
        ).toEqual([before[1]]);

        await expect(store.appendToStream(streamId, [newEvent('C')], 0n)).rejects.toBeInstanceOf(
          ConcurrencyConflictError,
        );
        const next = await store.appendToStream(streamId, [newEvent('C')], 1n);
        expect(next.nextExpectedRevision).toBe(2n);
        expect(next.position).toBeGreaterThan(before[1].position);
      },
    );
  });
}

const META: EventMetadata = {
  actor: 'cli:contract',
  recordedAt: '2026-03-01T12:00:00.000Z',
  source: 'contract',
  commandId: '00000000-0000-4000-8000-000000000001',
  causationId: '00000000-0000-4000-8000-000000000001',
  correlationId: '00000000-0000-4000-8000-000000000002',
  schemaVersion: 1,
};

function newStream(): string {
  return `region-contract-${randomUUID()}`;
}

function newEvent(type: string, data: unknown = { type }): NewEvent {
  return { eventId: randomUUID(), type, data, metadata: { ...META, commandId: randomUUID() } };
}

/** What the appender gave plus what the store added, without the position (it differs per store). */
function envelope(event: RecordedEvent): Omit<RecordedEvent, 'position'> {
  const { position: _position, ...rest } = event;
  return rest;
}

function conflict(streamId: string, expected: bigint | 'no_stream', actual: bigint | 'no_stream') {
  return { code: 'CONCURRENCY_CONFLICT', streamId, expected, actual };
}

function revisions(events: RecordedEvent[]): bigint[] {
  return events.map((event) => event.revision);
}

function isStrictlyIncreasing(values: bigint[]): boolean {
  return values.every((value, index) => index === 0 || value > values[index - 1]);
}
