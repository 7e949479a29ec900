import { EventStore } from '@libs/event-store';

/**
 * Every event as recorded, in the store's order, without what differs between two runs of the same
 * commands (when, which command id, and so the hash): two stores that recorded the same thing compare equal.
 */
export async function recordedWithoutRunFields(store: EventStore): Promise<string[]> {
  return (await store.readAll()).map((event) => {
    const {
      recordedAt: _at,
      commandId: _id,
      causationId: _cause,
      correlationId: _corr,
      hash: _hash,
      ...rest
    } = event.metadata;
    return JSON.stringify([event.streamId, String(event.revision), event.eventId, event.type, event.data, rest]);
  });
}
