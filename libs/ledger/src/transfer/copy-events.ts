import { EventStore, ExpectedRevision, NewEvent, RecordedEvent } from '@libs/event-store';

export class TargetNotEmptyError extends Error {
  constructor(description: string) {
    super(`the target store ${description} already holds events; import and migrate write only into an empty store`);
    this.name = 'TargetNotEmptyError';
  }
}

export async function requireEmpty(store: EventStore): Promise<void> {
  if ((await store.readAll({ maxCount: 1 })).length > 0) throw new TargetNotEmptyError(store.description);
}

export interface CopyReport {
  events: number;
  streams: number;
}

const PAGE = 1000;

/** Every event of a store, in global order, a page at a time. */
export async function* allEvents(store: EventStore): AsyncGenerator<RecordedEvent> {
  let after: bigint | undefined;
  for (;;) {
    const page = await store.readAll({ ...(after !== undefined ? { after } : {}), maxCount: PAGE });
    for (const event of page) yield event;
    if (page.length < PAGE) return;
    after = page[page.length - 1].position;
  }
}

/**
 * Appends events in the order given, keeping their ids and metadata: consecutive events of one
 * stream go in one append, each with the exact expected revision.
 */
export async function appendInOrder(
  target: EventStore,
  events:
    | AsyncIterable<Pick<RecordedEvent, 'streamId' | 'eventId' | 'type' | 'data' | 'metadata'>>
    | Iterable<Pick<RecordedEvent, 'streamId' | 'eventId' | 'type' | 'data' | 'metadata'>>,
): Promise<CopyReport> {
  const revisions = new Map<string, ExpectedRevision>();
  let batch: NewEvent[] = [];
  let batchStream: string | undefined;
  let count = 0;
  const flush = async () => {
    if (!batchStream || batch.length === 0) return;
    const expected = revisions.get(batchStream) ?? 'no_stream';
    const result = await target.appendToStream(batchStream, batch, expected);
    revisions.set(batchStream, result.nextExpectedRevision);
    count += batch.length;
    batch = [];
  };
  for await (const event of events) {
    if (event.streamId !== batchStream || batch.length >= 500) {
      await flush();
      batchStream = event.streamId;
    }
    batch.push({ eventId: event.eventId, type: event.type, data: event.data, metadata: event.metadata });
  }
  await flush();
  return { events: count, streams: revisions.size };
}
