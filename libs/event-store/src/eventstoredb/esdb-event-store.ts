import { EventStoreDBClient, FORWARDS, jsonEvent, START, StreamNotFoundError, streamNameFilter } from '@eventstore/db-client';
import { Observable } from 'rxjs';
import { EventStoreError } from '../event-store.errors';
import {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  STREAM_PREFIX,
  SubscribeOptions,
} from '../event-store.port';
import { fromEsdbError, fromEsdbEvent, isSystemEvent, redact, toEsdbExpectedRevision, toEsdbPosition, withDefaults } from './esdb-mapping';

/**
 * The production store: EventStoreDB (or KurrentDB) over gRPC. Appends carry an exact expected
 * revision and the events' own ids, so the server both serialises writers and recognises a retried
 * append; reads and the catch-up subscription see only Geldstroom's streams.
 */
export class EsdbEventStore implements EventStore {
  readonly description: string;
  private readonly client: EventStoreDBClient;

  constructor(private readonly url: string) {
    this.description = redact(url);
    try {
      this.client = EventStoreDBClient.connectionString(withDefaults(url));
    } catch (error) {
      throw new EventStoreError('STORE_UNAVAILABLE', `cannot use the EventStoreDB connection string ${redact(url)}: ${(error as Error).message}`, { cause: error });
    }
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((event) =>
          jsonEvent({ id: event.eventId, type: event.type, data: event.data as Record<string, unknown>, metadata: event.metadata as unknown as Record<string, unknown> }),
        ),
        { expectedRevision: toEsdbExpectedRevision(expectedRevision) },
      );
      return { nextExpectedRevision: result.nextExpectedRevision, position: result.position?.commit ?? -1n };
    } catch (error) {
      throw fromEsdbError(error, this.url, `append to ${streamId}`);
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamId, {
        fromRevision: options.fromRevision ?? START,
        direction: FORWARDS,
        ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
      });
      for await (const resolved of read) if (resolved.event) events.push(fromEsdbEvent(resolved.event));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw fromEsdbError(error, this.url, `read ${streamId}`);
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    const limit = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    try {
      // reading from a position includes the event at it; the port's `after` is exclusive
      const read = this.client.readAll({ fromPosition: toEsdbPosition(options.after), direction: FORWARDS });
      for await (const resolved of read) {
        const event = resolved.event;
        if (!event || isSystemEvent(event)) continue;
        if (options.after !== undefined && event.position.commit <= options.after) continue;
        events.push(fromEsdbEvent(event));
        if (events.length >= limit) break;
      }
    } catch (error) {
      throw fromEsdbError(error, this.url, 'read all');
    }
    return events;
  }

  subscribeToAll(options: SubscribeOptions = {}): Observable<RecordedEvent> {
    return new Observable<RecordedEvent>((subscriber) => {
      const subscription = this.client.subscribeToAll({
        fromPosition: toEsdbPosition(options.after),
        filter: streamNameFilter({ prefixes: [options.streamPrefix ?? STREAM_PREFIX] }),
      });
      subscription.on('data', (resolved) => {
        const event = resolved.event;
        if (!event || isSystemEvent(event)) return;
        if (options.after !== undefined && event.position.commit <= options.after) return;
        subscriber.next(fromEsdbEvent(event));
      });
      subscription.on('error', (error) => subscriber.error(fromEsdbError(error, this.url, 'subscribe to all')));
      subscription.on('end', () => subscriber.complete());
      return () => {
        void subscription.unsubscribe();
      };
    });
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}
