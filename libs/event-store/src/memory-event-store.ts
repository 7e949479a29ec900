import type { Observable } from 'rxjs';
import { AppendSignal } from './append-signal';
import { catchUpThenFollow } from './catch-up-then-follow';
import { ConcurrencyConflictError, EventStoreError } from './event-store.errors';
import {
  AppendResult,
  EventStore,
  ExpectedRevision,
  ListStreamsOptions,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  StreamInfo,
  SubscribeOptions,
} from './event-store.port';
import { MemoryDerivedDocuments } from './memory-derived-documents';

/** Events in process memory: for tests, dry runs and what-if replays. */
export class MemoryEventStore implements EventStore {
  readonly description = 'memory';
  readonly derived = new MemoryDerivedDocuments();
  private readonly all: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly eventIds = new Set<string>();
  private readonly appended = new AppendSignal();

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    return (await this.appendMany([{ streamId, events, expectedRevision }]))[0];
  }

  /** Checks every append first and then stores them all, so a refused one leaves nothing behind. */
  async appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    const ids = new Set<string>();
    const heads = new Map<string, bigint | 'no_stream'>();
    for (const { streamId, events, expectedRevision } of appends) {
      const actual = heads.get(streamId) ?? this.headOf(streamId);
      if (actual !== expectedRevision) throw new ConcurrencyConflictError(streamId, expectedRevision, actual);
      for (const event of events) {
        if (this.eventIds.has(event.eventId) || ids.has(event.eventId)) {
          throw new EventStoreError('DUPLICATE_EVENT', `event ${event.eventId} is already stored`);
        }
        ids.add(event.eventId);
      }
      heads.set(
        streamId,
        events.length === 0 ? actual : (actual === 'no_stream' ? -1n : actual) + BigInt(events.length),
      );
    }
    const results = appends.map(({ streamId, events }) => this.store(streamId, events));
    if (appends.some(({ events }) => events.length > 0)) this.appended.next();
    return results;
  }

  private headOf(streamId: string): bigint | 'no_stream' {
    const length = this.streams.get(streamId)?.length ?? 0;
    return length === 0 ? 'no_stream' : BigInt(length - 1);
  }

  private store(streamId: string, events: readonly NewEvent[]): AppendResult {
    const stream = this.streams.get(streamId) ?? [];
    for (const { json: _json, ...event } of events) {
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

  async listStreams(options: ListStreamsOptions = {}): Promise<StreamInfo[]> {
    const infos: StreamInfo[] = [];
    for (const [streamId, events] of this.streams) {
      const last = events[events.length - 1];
      if (!last || !streamId.startsWith(options.prefix ?? '') || last.position <= (options.after ?? 0n)) continue;
      infos.push({ streamId, revision: last.revision, position: last.position, firstType: events[0].type });
    }
    return infos.sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
  }

  subscribeToAll(options?: SubscribeOptions): Observable<RecordedEvent> {
    return catchUpThenFollow((read) => this.readAll(read), this.appended, options);
  }

  async close(): Promise<void> {
    this.appended.complete();
  }
}
