import { parseCommand } from '@libs/domain';
import { EventStore, MemoryEventStore } from '@libs/event-store';
import { Ledger } from '../ledger';
import { allEvents } from '../transfer/copy-events';
import { verifyContains } from './chain-contains';

const context = { actor: 'test', source: 'chain-contains.int-spec' };
const register = parseCommand({
  command: 'RegisterRegion',
  regionId: 'west',
  name: 'Regio west',
  centralMunicipality: 'GM0100',
  municipalities: [
    { code: 'GM0100', name: 'Centrum' },
    { code: 'GM0200', name: 'Rand' },
  ],
});
const payment = (paymentId: string) =>
  parseCommand({
    command: 'RecordRijkPayment',
    regionId: 'west',
    paymentId,
    year: 2024,
    scheme: 'BW',
    basis: 'objective',
    recipient: 'GM0200',
    amount: '1.00',
  });

/** Records the region and three payments; the ledger hash after each step (what a letter printed then). */
async function history(store: EventStore): Promise<string[]> {
  const ledger = new Ledger(store);
  const heads: string[] = [];
  for (const command of [register, payment('p0'), payment('p1'), payment('p2')]) {
    await ledger.execute(command, context);
    heads.push((await ledger.regionView('west')).ledgerHash!);
  }
  return heads;
}

describe('a ledger hash printed earlier is found in the chain it came from', () => {
  it('names after which event of how many each earlier head stood, and when that event was recorded', async () => {
    const store = new MemoryEventStore();
    const heads = await history(store);
    const events = await store.readStream('region-west');
    for (const [index, head] of heads.entries()) {
      const found = await verifyContains(store, 'west', head);
      expect(found?.report.problem).toBeUndefined();
      expect(found?.point).toEqual({
        hash: head,
        event: index + 1,
        of: 4,
        type: events[index].type,
        recordedAt: events[index].metadata.recordedAt,
      });
    }
  });

  it('finds no point for a hash the chain never had, and none for an unknown region', async () => {
    const store = new MemoryEventStore();
    await history(store);
    const found = await verifyContains(store, 'west', 'ab'.repeat(32));
    expect(found?.report.events).toBe(4);
    expect(found?.point).toBeUndefined();
    expect(await verifyContains(store, 'oost', 'ab'.repeat(32))).toBeUndefined();
  });

  it('vouches for no hash of a history that was edited afterwards, not even one from before the edit', async () => {
    const store = new MemoryEventStore();
    const heads = await history(store);
    const edited = new MemoryEventStore();
    for await (const event of allEvents(store)) {
      const data = event.revision === 2n ? { ...(event.data as object), amount: '2.00' } : event.data;
      const head = (await edited.readStream(event.streamId)).length;
      await edited.appendToStream(
        event.streamId,
        [{ eventId: event.eventId, type: event.type, data, metadata: event.metadata }],
        head === 0 ? 'no_stream' : BigInt(head - 1),
      );
    }
    const found = await verifyContains(edited, 'west', heads[0]);
    expect(found?.report.problem?.fault).toBe('edited');
    expect(found?.point).toBeUndefined();
  });
});
