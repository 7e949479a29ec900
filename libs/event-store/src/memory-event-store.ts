import { Observable, Subject } from 'rxjs';
import { catchUpThenFollow } from './catch-up-then-follow';
import { ConcurrencyConflictError, EventStoreError } from './event-store.errors';
import {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
} from './event-store.port';

/** Events in process memory: for tests, dry runs and what-if replays. */
export class MemoryEventStore implements EventStore {
  readonly description = 'memory';
  private readonly all: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly eventIds = new Set<string>();
  private readonly appended = new Subject<void>();

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    const stream = this.streams.get(streamId) ?? [];
    const actual = stream.length === 0 ? 'no_stream' : BigInt(stream.length - 1);
    if (actual !== expectedRevision) throw new ConcurrencyConflictError(streamId, expectedRevision, actual);
    const ids = new Set<string>();
    for (const event of events) {
      if (this.eventIds.has(event.eventId) || ids.has(event.eventId)) {
        throw new EventStoreError('DUPLICATE_EVENT', `event ${event.eventId} is already stored`);
      }
      ids.add(event.eventId);
    }
    for (const event of events) {
      const recorded: RecordedEvent = {
        ...structuredClone(event),
        streamId,
        revision: BigInt(stream.length),
        position: BigInt(this.all.length + 1),
      };
      stream.push(recorded);
      this.all.push(recorded);
      this.eventIds.add(event.eventId);
    }
    this.streams.set(streamId, stream);
    if (events.length > 0) this.appended.next();
    return { nextExpectedRevision: BigInt(stream.length - 1), position: BigInt(this.all.length) };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const from = Number(options.fromRevision ?? 0n);
    const stream = this.streams.get(streamId) ?? [];
    return stream.slice(from, options.maxCount === undefined ? undefined : from + options.maxCount);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const from = Number(options.after ?? 0n);
    return this.all.slice(from, options.maxCount === undefined ? undefined : from + options.maxCount);
  }

  subscribeToAll(options?: SubscribeOptions): Observable<RecordedEvent> {
    return catchUpThenFollow((read) => this.readAll(read), this.appended, options);
  }

  async close(): Promise<void> {
    this.appended.complete();
  }
}
