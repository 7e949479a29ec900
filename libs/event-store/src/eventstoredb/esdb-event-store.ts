import {
  AllStreamResolvedEvent,
  EventStoreDBClient,
  excludeSystemEvents,
  START,
  streamNameFilter,
  StreamNotFoundError,
} from '@eventstore/db-client';
import { Observable, Subscriber } from 'rxjs';
import { EventStoreError } from '../event-store.errors';
import {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
} from '../event-store.port';
import { drainRead, NoAnswerError } from './drain-read';
import {
  EsdbErrorContext,
  toEsdbEvent,
  toEsdbExpectedRevision,
  toEsdbPosition,
  toRecordedEvent,
  toStoreError,
} from './esdb-mapping';
import { EsdbSettings, esdbSettings } from './esdb-settings';

/** Events per readAll request; a caller's maxCount is met across as many pages as it takes. */
const READ_PAGE_SIZE = 1000;

/**
 * How long after its deadline an append may still be waiting for the server's answer. The deadline
 * travels to the server with the request; this covers a server that is gone before it can answer.
 */
const APPEND_GRACE_MS = 2_000;

/** EventStoreDB keeps event ids as UUIDs and returns them in this form; anything else would not read back as written. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** No Geldstroom stream has this name: reading it gets a quick "not found", which proves the server answers. */
const PROBE_STREAM = 'geldstroom-connection-check';

/**
 * The production store: KurrentDB (or EventStoreDB, its former name) through `@eventstore/db-client`. A thin translation
 * of the port (appendToStream / readStream / readAll / subscribeToAll map one to one); every error
 * leaves as one of the port's typed errors, naming the URL.
 */
export class EsdbEventStore implements EventStore {
  readonly description: string;
  private readonly followers = new Set<Subscriber<RecordedEvent>>();
  private closed = false;

  private constructor(
    private readonly client: EventStoreDBClient,
    private readonly settings: EsdbSettings,
  ) {
    this.description = settings.displayUrl;
  }

  /**
   * Connects and checks that a cluster leader answers, so that an unreachable server fails here, not
   * at the first write. With `waitMs`, an unreachable or leaderless server (starting, or electing) is
   * asked again with backoff until that much time has passed; a malformed URL fails at once.
   */
  static async open(url: string, options: OpenOptions = {}): Promise<EsdbEventStore> {
    const settings = esdbSettings(url);
    let client: EventStoreDBClient;
    try {
      client = EventStoreDBClient.connectionString(settings.connectionString);
    } catch (error) {
      throw new EventStoreError(
        'STORE_UNAVAILABLE',
        `invalid EventStoreDB URL "${settings.displayUrl}": ${(error as Error).message}`,
        { cause: error },
      );
    }
    const store = new EsdbEventStore(client, settings);
    const started = Date.now();
    for (let attempt = 1; ; attempt += 1) {
      try {
        await store.checkConnection();
        return store;
      } catch (error) {
        const delayMs = backoffMs(attempt);
        const waited = Date.now() - started;
        if (!isTransient(error) || waited + delayMs > (options.waitMs ?? 0)) {
          await client.dispose().catch(() => undefined);
          throw attempt === 1 ? error : gaveUp(error as EventStoreError, attempt, waited);
        }
        options.onRetry?.({ attempt, delayMs, error: error });
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    const context = this.context(`append to ${streamId}`, { streamId, expected: expectedRevision });
    checkIds(streamId, events);
    try {
      const appended = this.client.appendToStream(streamId, events.map(toEsdbEvent), {
        expectedRevision: toEsdbExpectedRevision(expectedRevision),
      });
      const result = await withinMs(appended, this.settings.deadlineMs + APPEND_GRACE_MS);
      // A retried append (same ids, same expected revision) that the server recognises writes nothing
      // and is answered with the original events' revision and position. Only when those events are
      // not yet indexed does the server send no position; the port then gets -1.
      return { nextExpectedRevision: result.nextExpectedRevision, position: result.position?.commit ?? -1n };
    } catch (error) {
      throw toStoreError(error, context);
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (maxCount <= 0) return [];
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamId, { fromRevision: options.fromRevision ?? START, maxCount });
      await drainRead(read, this.settings.deadlineMs, (resolved) => {
        const event = toRecordedEvent(resolved);
        if (event) events.push(event);
        return true;
      });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw toStoreError(error, this.context(`read of ${streamId}`, { streamId }));
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const wanted = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const events: RecordedEvent[] = [];
    // EventStoreDB reads forward from a position inclusively; the port's `after` is exclusive.
    let after = options.after ?? 0n;
    try {
      while (events.length < wanted) {
        let received = 0;
        let last = after;
        const read = this.client.readAll({ fromPosition: toEsdbPosition(after), maxCount: READ_PAGE_SIZE });
        await drainRead(read, this.settings.deadlineMs, (resolved: AllStreamResolvedEvent) => {
          received += 1;
          const position = resolved.event?.position.commit ?? resolved.commitPosition;
          if (position !== undefined) {
            if (position <= after) return true;
            last = position;
          }
          const event = toRecordedEvent(resolved);
          if (event) events.push(event);
          return events.length < wanted;
        });
        if (received < READ_PAGE_SIZE || last === after) break;
        after = last;
      }
    } catch (error) {
      throw toStoreError(error, this.context('read of $all'));
    }
    return events;
  }

  /** EventStoreDB's own catch-up subscription: it reads up to the end, then pushes new events as they commit. */
  subscribeToAll(options: SubscribeOptions = {}): Observable<RecordedEvent> {
    return new Observable<RecordedEvent>((subscriber) => {
      const after = options.after ?? 0n;
      const prefix = options.streamPrefix;
      const subscription = this.client.subscribeToAll({
        fromPosition: toEsdbPosition(after),
        filter: prefix ? streamNameFilter({ prefixes: [prefix] }) : excludeSystemEvents(),
      });
      this.followers.add(subscriber);
      subscription.on('data', (resolved: AllStreamResolvedEvent) => {
        try {
          const event = toRecordedEvent(resolved);
          if (event && event.position > after && (!prefix || event.streamId.startsWith(prefix))) subscriber.next(event);
        } catch (error) {
          subscriber.error(toStoreError(error, this.context('subscription to $all')));
        }
      });
      subscription.on('error', (error: Error) =>
        subscriber.error(toStoreError(error, this.context('subscription to $all'))),
      );
      subscription.on('end', () => {
        if (this.closed) subscriber.complete();
        else
          subscriber.error(
            new EventStoreError(
              'STORE_UNAVAILABLE',
              `EventStoreDB at ${this.description} ended the subscription to $all`,
            ),
          );
      });
      return () => {
        this.followers.delete(subscriber);
        subscription.unsubscribe().catch(() => undefined);
      };
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const follower of this.followers) follower.complete();
    this.followers.clear();
    await this.client.dispose();
  }

  /** A read that only a leader may answer: proof that appends will be accepted, not just that a node is up. */
  private async checkConnection(): Promise<void> {
    try {
      await drainRead(
        this.client.readStream(PROBE_STREAM, { maxCount: 1, requiresLeader: true }),
        this.settings.connectTimeoutMs,
        () => false,
      );
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
      if (error instanceof NoAnswerError) {
        throw new EventStoreError(
          'STORE_UNAVAILABLE',
          `EventStoreDB at ${this.description} did not answer within ${this.settings.connectTimeoutMs} ms; is the server running, and are host, port and tls= right?`,
          { cause: error },
        );
      }
      throw toStoreError(error, this.context('connecting'));
    }
  }

  private context(operation: string, extra: Partial<EsdbErrorContext> = {}): EsdbErrorContext {
    return { url: this.description, operation, deadlineMs: this.settings.deadlineMs, ...extra };
  }
}

/** The embedded stores refuse a batch that holds one id twice; EventStoreDB would store both, so we check first. */
function checkIds(streamId: string, events: readonly NewEvent[]): void {
  const ids = new Set<string>();
  for (const event of events) {
    if (!UUID.test(event.eventId))
      throw new EventStoreError(
        'STORE_FAILURE',
        `event id "${event.eventId}" in an append to ${streamId} is not a lowercase UUID`,
      );
    if (ids.has(event.eventId))
      throw new EventStoreError('DUPLICATE_EVENT', `event ${event.eventId} appears twice in one append to ${streamId}`);
    ids.add(event.eventId);
  }
}

/** The promise's outcome, or a NoAnswerError once `ms` have passed without one. */
function withinMs<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoAnswerError(ms)), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

export interface OpenOptions {
  /** how long to keep asking an unreachable or leaderless server; 0 (the default) asks once */
  readonly waitMs?: number;
  /** told before each new attempt, e.g. to log that the service is waiting for its store */
  readonly onRetry?: (retry: { attempt: number; delayMs: number; error: EventStoreError }) => void;
}

/** 0.5 s, 1 s, 2 s, 4 s, then every 5 s. */
function backoffMs(attempt: number): number {
  return Math.min(500 * 2 ** (attempt - 1), 5_000);
}

/** Unreachable, not answering, no leader yet: what waiting can cure (a refused password is not). */
function isTransient(error: unknown): error is EventStoreError {
  return error instanceof EventStoreError && (error.code === 'STORE_UNAVAILABLE' || error.code === 'STORE_TIMEOUT');
}

function gaveUp(last: EventStoreError, attempts: number, waitedMs: number): EventStoreError {
  return new EventStoreError(
    last.code,
    `${last.message} (gave up after ${attempts} attempts over ${(waitedMs / 1000).toFixed(1)} s)`,
    { cause: last },
  );
}

/** The opener `openEventStore` calls for `kurrentdb://`, `esdb://` and their `+discover` forms. */
export function openEsdbEventStore(url: string, options: OpenOptions = {}): Promise<EventStore> {
  return EsdbEventStore.open(url, options);
}
