import { MemoryEventStore } from './memory-event-store';
import { describeEventStoreContract } from './testing/event-store.contract.spec-helper';

describeEventStoreContract('memory', async () => {
  const store = new MemoryEventStore();
  return { store, cleanup: () => store.close() };
});
