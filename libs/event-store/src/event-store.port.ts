import { Observable } from 'rxjs';

/** Who recorded an event, when, from what source and because of what (architecture.md, Events). */
export interface EventMetadata {
  readonly actor: string;
  readonly recordedAt: string;
  readonly source: string;
  readonly commandId: string;
  readonly causationId: string;
  readonly correlationId: string;
  readonly schemaVersion: number;
  /** The event's link in its stream's hash chain, set by the ledger (see README, Integrity). */
  readonly hash?: string;
  readonly [extra: string]: unknown;
}

/** An event's data and metadata exactly as `JSON.stringify` writes them. */
export interface EventJson {
  readonly data: string;
  readonly metadata: string;
}

/** An event to append. `eventId` is a UUID; the same id appended twice is one event. */
export interface NewEvent {
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  /**
   * `data` and `metadata` as JSON text, when the writer wrote them already (the ledger does, once per
   * event): a store that keeps JSON text stores these instead of writing the same text again.
   */
  readonly json?: EventJson;
}

/** An event as the store holds it: with its stream revision (from 0) and its global position. */
export interface RecordedEvent extends Omit<NewEvent, 'json'> {
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
}

/**
 * What the appender expects the stream to be: `no_stream` (it must not exist yet) or the exact
 * revision of its last event. There is deliberately no "any": only an exact revision makes a
 * concurrent writer's append fail instead of interleaving.
 */
export type ExpectedRevision = 'no_stream' | bigint;

export interface AppendResult {
  readonly nextExpectedRevision: bigint;
  readonly position: bigint;
}

/** One stream's part of a multi-stream append. */
export interface StreamAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expectedRevision: ExpectedRevision;
}

export interface ReadStreamOptions {
  /** first revision to return (inclusive); default 0 */
  readonly fromRevision?: bigint;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** return events after this position (exclusive); default: from the start */
  readonly after?: bigint;
  readonly maxCount?: number;
}

export interface SubscribeOptions extends ReadAllOptions {
  /** only streams whose id starts with this prefix */
  readonly streamPrefix?: string;
}

/** A stream as a store's index knows it, without reading its events. */
export interface StreamInfo {
  readonly streamId: string;
  /** the revision of its last event */
  readonly revision: bigint;
  /** the global position of its last event */
  readonly position: bigint;
  /** the type of its first event */
  readonly firstType: string;
}

export interface ListStreamsOptions {
  /** only streams whose id starts with this */
  readonly prefix?: string;
  /** only streams with an event after this global position */
  readonly after?: bigint;
}

/**
 * A document derived from one stream's events — a folded state, a statement — with the stream revision
 * it was derived at. Never the truth: its reader checks it against the stream before using it.
 */
export interface DerivedDocument {
  readonly kind: string;
  readonly streamId: string;
  /** which one of its kind for the stream ('' when there is one) */
  readonly key: string;
  readonly revision: bigint;
  /** JSON */
  readonly body: string;
}

/**
 * Where a store keeps documents derived from its streams, beside the events, so that a later process
 * answers without folding. Writing is best effort: a document that cannot be written is derived again
 * when needed, and a store drops a stream's documents whenever that stream's history is changed
 * otherwise than by appending (an edit behind the ledger's back), so that what is read next is folded.
 */
export interface DerivedDocuments {
  get(kind: string, streamId: string, key: string): Promise<DerivedDocument | undefined>;
  /** The documents of one kind and stream under these keys, in one read: each in its key's place, undefined where there is none. */
  getMany(kind: string, streamId: string, keys: readonly string[]): Promise<(DerivedDocument | undefined)[]>;
  /** Writes the documents in one transaction, first dropping the given streams' documents of the given kinds; false when they could not be written. */
  put(
    documents: readonly DerivedDocument[],
    replace?: { readonly streamIds: readonly string[]; readonly kinds: readonly string[] },
  ): Promise<boolean>;
  /** Drops every document of these kinds (all kinds without) and every checkpoint. */
  clear(kinds?: readonly string[]): Promise<void>;
  /** The global position up to which a named read model has taken in every stream. */
  checkpoint(name: string): Promise<bigint | undefined>;
  setCheckpoint(name: string, position: bigint): Promise<boolean>;
}

/**
 * The port every store implements. It maps one to one onto EventStoreDB's client
 * (appendToStream / readStream / readAll / subscribeToAll), so an adapter stays a thin translation.
 */
export interface EventStore {
  /** Human-readable description of where the events live, for messages. */
  readonly description: string;
  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult>;
  /**
   * Several appends in one transaction: all are stored or none is. Only stores that have multi-stream
   * transactions offer it (SQLite, memory); EventStoreDB does not, and callers fall back to appending
   * stream by stream in a way that a re-run can complete.
   */
  appendMany?(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  /** The stream's events in revision order; an empty array when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Every event of every stream in global order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catches up from `after`, then follows new events as they are appended, until unsubscribed. */
  subscribeToAll(options?: SubscribeOptions): Observable<RecordedEvent>;
  /**
   * The streams from an index kept as events are appended, without scanning them (SQLite, memory); a
   * store without one (EventStoreDB) leaves it out and callers read `$all`.
   */
  listStreams?(options?: ListStreamsOptions): Promise<StreamInfo[]>;
  /**
   * A stamp that differs whenever an event may have been appended since it was taken, by this process or
   * another: a reader that holds what it read at one stamp need not read again while the stamp stays the
   * same. Far cheaper than a read (SQLite: no query of the events); it fails as a read would (a file
   * deleted or replaced). A store without one (EventStoreDB) leaves it out and callers read.
   */
  changeStamp?(): string;
  /** Documents derived from the streams, kept beside them (SQLite, memory); absent where the store keeps none. */
  readonly derived?: DerivedDocuments;
  close(): Promise<void>;
}

export const STREAM_PREFIX = 'region-';
export const regionStream = (regionId: string) => `${STREAM_PREFIX}${regionId}`;
