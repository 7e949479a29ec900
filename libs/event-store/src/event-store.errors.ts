import { ExpectedRevision } from './event-store.port';

export type EventStoreErrorCode =
  'CONCURRENCY_CONFLICT' | 'STORE_UNAVAILABLE' | 'STORE_TIMEOUT' | 'DUPLICATE_EVENT' | 'STORE_FAILURE';

/** The port's typed errors: adapters translate whatever their driver throws into one of these. */
export class EventStoreError extends Error {
  constructor(
    readonly code: EventStoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EventStoreError';
  }
}

export class ConcurrencyConflictError extends EventStoreError {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(
      'CONCURRENCY_CONFLICT',
      `stream ${streamId} was expected at ${describe(expected)} but is at ${describe(actual)}; someone else wrote to it first`,
    );
    this.name = 'ConcurrencyConflictError';
  }
}

function describe(revision: ExpectedRevision | 'no_stream'): string {
  return revision === 'no_stream' ? 'no stream' : `revision ${revision}`;
}
