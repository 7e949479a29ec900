import { Accounts, parseCommand } from '@libs/domain';
import { ConcurrencyConflictError, EventStore, MemoryEventStore, SqliteEventStore } from '@libs/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ledger } from './ledger';
import { UnreadableEventError } from './to-domain-event';

const register = parseCommand({
  command: 'RegisterRegion',
  regionId: 'west',
  name: 'Regio West',
  centralMunicipality: 'GM0100',
  municipalities: [
    { code: 'GM0100', name: 'Centrum' },
    { code: 'GM0200', name: 'Rand' },
  ],
});
const payment = (paymentId: string, amount: string) =>
  parseCommand({
    command: 'RecordRijkPayment',
    regionId: 'west',
    paymentId,
    year: 2024,
    scheme: 'BW',
    basis: 'objective',
    recipient: 'GM0200',
    amount,
  });
const context = { actor: 'test', source: 'ledger.int-spec' };

describe('Ledger on a SQLite file', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-'));
    path = join(dir, 'ledger.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('catches up and decides again when another writer appended first', async () => {
    const storeA = new SqliteEventStore(path);
    const storeB = new SqliteEventStore(path);
    const a = new Ledger(storeA);
    const b = new Ledger(storeB);
    await a.execute(register, context);
    await b.execute(payment('p1', '1.00'), context);
    // a's cache is behind b's append; its next command must still land after it, not fail
    await a.execute(payment('p2', '2.00'), context);
    const state = await new Ledger(storeB).regionState('west');
    expect(state.ledger.balance(2024, Accounts.municipality('GM0200', 'BW'))).toBe(300n);
    expect((await storeB.readStream('region-west')).map((event) => event.revision)).toEqual([0n, 1n, 2n]);
    await storeA.close();
    await storeB.close();
  });

  it("reads the store again only when its change stamp moved, and so sees another connection's appends", async () => {
    const storeA = new SqliteEventStore(path);
    const storeB = new SqliteEventStore(path);
    const reads = jest.spyOn(storeA, 'readStream');
    const a = new Ledger(storeA);
    try {
      await a.execute(register, context);
      await a.regionState('west'); // its own append moved the stamp: read once more
      const readsAfterCatchUp = reads.mock.calls.length;
      const hash = (await a.regionView('west')).ledgerHash;
      await a.regionView('west');
      expect(reads.mock.calls.length).toBe(readsAfterCatchUp);

      await new Ledger(storeB).execute(payment('p1', '1.00'), context);
      const seen = await a.regionView('west');
      expect(reads.mock.calls.length).toBe(readsAfterCatchUp + 1);
      expect(seen.ledgerHash).not.toBe(hash);
      expect(seen.state.ledger.balance(2024, Accounts.municipality('GM0200', 'BW'))).toBe(100n);

      await a.execute(payment('p2', '2.00'), context);
      expect((await a.regionState('west')).ledger.balance(2024, Accounts.municipality('GM0200', 'BW'))).toBe(300n);
    } finally {
      await storeA.close();
      await storeB.close();
    }
  });

  it('a read after the file was deleted fails, also when nothing was appended since the last read', async () => {
    const store = new SqliteEventStore(path);
    const ledger = new Ledger(store);
    try {
      await ledger.execute(register, context);
      await ledger.regionState('west');
      rmSync(path);
      await expect(ledger.regionState('west')).rejects.toThrow(/the file was deleted while it was open/);
    } finally {
      await store.close();
    }
  });

  it('gives up with a concurrency conflict after repeated lost races', async () => {
    const inner = new MemoryEventStore();
    let appends = 0;
    const racing: EventStore = Object.create(inner, {
      appendToStream: {
        value: async () => {
          appends += 1;
          throw new ConcurrencyConflictError('region-west', 'no_stream', 0n);
        },
      },
    });
    await expect(new Ledger(racing, { maxRetries: 2 }).execute(register, context)).rejects.toBeInstanceOf(
      ConcurrencyConflictError,
    );
    expect(appends).toBe(3);
  });

  it('records nothing on a dry run, yet later commands of the run see the earlier ones', async () => {
    const store = new SqliteEventStore(path);
    const ledger = new Ledger(store, { dryRun: true });
    await ledger.execute(register, context);
    const outcome = await ledger.execute(payment('p1', '1.00'), context);
    expect(outcome.events).toHaveLength(1);
    await expect(ledger.execute(payment('p1', '9.00'), context)).rejects.toThrow(/already recorded with other content/);
    expect(await store.readAll()).toEqual([]);
    await store.close();
  });

  it('derives the same event id for the same fact, so a retried append is recognised', async () => {
    const first = new MemoryEventStore();
    const second = new MemoryEventStore();
    for (const store of [first, second]) {
      const ledger = new Ledger(store);
      await ledger.execute(register, context);
      await ledger.execute(payment('p1', '1.00'), context);
    }
    expect((await first.readAll()).map((event) => event.eventId)).toEqual(
      (await second.readAll()).map((event) => event.eventId),
    );
  });

  it('answers as of a moment: later events are ignored', async () => {
    let now = new Date('2026-01-01T10:00:00Z');
    const ledger = new Ledger(new MemoryEventStore(), { clock: () => now });
    await ledger.execute(register, context);
    await ledger.execute(payment('p1', '1.00'), context);
    now = new Date('2026-02-01T10:00:00Z');
    await ledger.execute(payment('p2', '2.00'), context);
    const then = await ledger.regionState('west', new Date('2026-01-15T00:00:00Z'));
    expect(then.ledger.balance(2024, Accounts.municipality('GM0200', 'BW'))).toBe(100n);
    expect((await ledger.regionState('west')).ledger.balance(2024, Accounts.municipality('GM0200', 'BW'))).toBe(300n);
    expect(await ledger.regionIds()).toEqual(['west']);
  });
});

describe("Ledger's recording time", () => {
  it('records each event at its clock time: the same millisecond kept, a new one written anew', async () => {
    const times = [
      '2026-01-01T10:00:00.000Z',
      '2026-01-01T10:00:00.000Z',
      '2026-01-01T10:00:00.001Z',
      '2026-01-01T10:00:00.001Z',
      '2026-01-01T09:59:59.999Z',
      '2026-03-01T00:00:00.000Z',
    ];
    let next = 0;
    const store = new MemoryEventStore();
    // a new Date each time, as the system clock gives
    const ledger = new Ledger(store, { clock: () => new Date(times[next++]) });
    await ledger.execute(register, context);
    for (let index = 1; index < times.length; index += 1) await ledger.execute(payment(`p${index}`, '1.00'), context);
    const recorded = (await store.readStream('region-west')).map((event) => event.metadata.recordedAt);
    expect(recorded).toEqual(times);
    // a clock that gives no time is refused as before, however often it is asked
    const broken = new Ledger(new MemoryEventStore(), { clock: () => new Date(Number.NaN) });
    await expect(broken.execute(register, context)).rejects.toThrow(RangeError);
    await expect(broken.execute(register, context)).rejects.toThrow(RangeError);
  });
});

describe('Ledger under concurrent use in one process', () => {
  it('serialises commands and reads per region, so the shared state never folds an event twice', async () => {
    const store = new MemoryEventStore();
    const ledger = new Ledger(store);
    await ledger.execute(register, context);
    await Promise.all(
      Array.from({ length: 25 }, (_, index) =>
        Promise.all([
          ledger.execute(payment(`c${index}`, '1.00'), context),
          ledger.regionState('west'),
          ledger.regionEvents('west'),
        ]),
      ),
    );
    const state = await ledger.regionState('west');
    expect(state.ledger.balance(2024, Accounts.municipality('GM0200', 'BW'))).toBe(2500n);
    expect(state.eventCount).toBe(26);
    expect(await new Ledger(store).regionState('west').then((fresh) => fresh.eventCount)).toBe(26);
  });
});

describe('Ledger reading what it cannot read', () => {
  const metadata = {
    actor: 't',
    recordedAt: '2026-01-01T00:00:00.000Z',
    source: 't',
    commandId: 'c',
    causationId: 'c',
    correlationId: 'c',
    schemaVersion: 1,
  };

  it.each([
    ['an unknown type', 'PaymentMade', { regionId: 'west' }, /a PaymentMade event .*: \(data\): is of unknown type/],
    [
      'data that is not its schema',
      'RegionRegistered',
      { regionId: 'west', name: 'W', centralMunicipality: 'GM0100', municipalities: 'GM0100' },
      /revision 0 holds a RegionRegistered event this Geldstroom cannot read: municipalities: must be an array/,
    ],
  ])(
    'refuses a region whose stream holds %s, naming stream, revision and field',
    async (_what, type, data, message) => {
      const store = new MemoryEventStore();
      await store.appendToStream('region-west', [{ eventId: 'e0', type, data, metadata }], 'no_stream');
      await expect(new Ledger(store).regionState('west')).rejects.toThrow(UnreadableEventError);
      await expect(new Ledger(store).regionState('west')).rejects.toThrow(message);
    },
  );
});
