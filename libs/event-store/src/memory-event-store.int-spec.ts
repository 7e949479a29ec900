import { MemoryEventStore } from './memory-event-store';
import { describeEventStoreContract } from './testing/event-store.contract-spec-helper';

describeEventStoreContract('memory', async () => ({ store: new MemoryEventStore() }), {
  refusesStoredEventIds: true,
  reopens: false,
  appendsAcrossStreams: true,
});
