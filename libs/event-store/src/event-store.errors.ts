import { ExpectedRevision } from './event-store.port';

export type EventStoreErrorCode =
  'CONCURRENCY_CONFLICT' | 'STORE_UNAVAILABLE' | 'STORE_TIMEOUT' | 'DUPLICATE_EVENT' | 'STORE_FAILURE';

/**
 * The port's typed errors: adapters translate whatever their driver throws into one of these. The
 * message names the store (a path, a URL) for the operator at the command line; `reason` says the same
 * without where, for answers that leave the machine (HTTP).
 */
export class EventStoreError extends Error {
  readonly reason: string;

  constructor(
    readonly code: EventStoreErrorCode,
    message: string,
    options?: { cause?: unknown; reason?: string },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EventStoreError';
    this.reason = options?.reason ?? message;
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
