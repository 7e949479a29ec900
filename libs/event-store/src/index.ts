/** The event store port and its adapters (only what other packages use). */
export { ConcurrencyConflictError, EventStoreError } from './event-store.errors';
export { STREAM_PREFIX, regionStream } from './event-store.port';
export type {
  AppendResult,
  DerivedDocument,
  DerivedDocuments,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  EventJson,
  NewEvent,
  RecordedEvent,
  StreamAppend,
  StreamInfo,
} from './event-store.port';
export { MemoryEventStore } from './memory-event-store';
export { DEFAULT_STORE_URL, openEventStore } from './open-event-store';
export type { OpenStoreOptions } from './open-event-store';
export { SqliteEventStore } from './sqlite-event-store';
export { SqliteBatchWriter } from './sqlite/sqlite-batch-writer';
