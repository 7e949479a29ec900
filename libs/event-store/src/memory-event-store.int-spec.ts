import { MemoryEventStore } from './memory-event-store';
import { describeEventStoreContract } from './testing/event-store.contract-spec-helper';

describeEventStoreContract('memory', async () => ({ store: new MemoryEventStore() }), {
  refusesStoredEventIds: true,
  reopens: false,
  appendsAcrossStreams: true,
});

describe('the memory store’s derived documents', () => {
  it('gives several of one kind and stream in one read, each in its key’s place', async () => {
    const { derived } = new MemoryEventStore();
    const parts = ['2024', '2023'].map((key) => ({ kind: 'part', streamId: 'region-a', key, revision: 0n, body: key }));
    expect(await derived.put([...parts, { ...parts[0], kind: 'other' }])).toBe(true);
    expect(await derived.getMany('part', 'region-a', ['2023', 'none', '2024'])).toEqual([
      parts[1],
      undefined,
      parts[0],
    ]);
    expect(await derived.getMany('part', 'region-b', ['2023'])).toEqual([undefined]);
  });
});
