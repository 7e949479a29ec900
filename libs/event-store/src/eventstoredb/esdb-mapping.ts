import {
  AccessDeniedError,
  AllStreamRecordedEvent,
  DeadlineExceededError,
  NO_STREAM,
  NotLeaderError,
  Position,
  RecordedEvent as EsdbRecordedEvent,
  START,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { ConcurrencyConflictError, EventStoreError } from '../event-store.errors';
import { EventMetadata, ExpectedRevision, RecordedEvent } from '../event-store.port';

/**
 * The translation between the port and EventStoreDB's client, kept apart from the I/O so that every
 * mapping (revisions, positions, metadata, errors) is tested with the client's own types.
 */
export function toEsdbExpectedRevision(expected: ExpectedRevision): typeof NO_STREAM | bigint {
  return expected === 'no_stream' ? NO_STREAM : expected;
}

/** Our positions are EventStoreDB commit positions; gRPC appends write prepare = commit. */
export function toEsdbPosition(position: bigint | undefined): Position | typeof START {
  return position === undefined || position === 0n ? START : { commit: position, prepare: position };
}

export function isSystemEvent(event: { streamId: string; type: string }): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$');
}

export function fromEsdbEvent(event: EsdbRecordedEvent | AllStreamRecordedEvent): RecordedEvent {
  if (!event.isJson) throw new EventStoreError('STORE_FAILURE', `event ${event.id} in ${event.streamId} is not JSON; Geldstroom writes only JSON events`);
  return {
    eventId: event.id,
    type: event.type,
    data: event.data,
    metadata: (event.metadata ?? {}) as EventMetadata,
    streamId: event.streamId,
    revision: event.revision,
    position: event.position?.commit ?? -1n,
  };
}

/** A connection string without its user name and password, for messages. */
export function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

/** Whatever the client throws, as one of the port's typed errors that names the server. */
export function fromEsdbError(error: unknown, url: string, operation: string): Error {
  const where = redact(url);
  if (error instanceof WrongExpectedVersionError) {
    const actual = error.actualVersion === NO_STREAM ? 'no_stream' : (error.actualVersion as bigint);
    const expected = error.expectedVersion === NO_STREAM ? 'no_stream' : typeof error.expectedVersion === 'bigint' ? error.expectedVersion : 'no_stream';
    return new ConcurrencyConflictError(error.streamName, expected, actual);
  }
  if (error instanceof UnavailableError || error instanceof NotLeaderError) {
    return new EventStoreError('STORE_UNAVAILABLE', `EventStoreDB at ${where} is unavailable (${operation}): ${error.message}`, { cause: error });
  }
  if (error instanceof DeadlineExceededError || error instanceof TimeoutError) {
    return new EventStoreError('STORE_TIMEOUT', `EventStoreDB at ${where} did not answer in time (${operation}): ${error.message}`, { cause: error });
  }
  if (error instanceof AccessDeniedError) {
    return new EventStoreError('STORE_FAILURE', `EventStoreDB at ${where} denied access (${operation}); check the user in the connection string`, { cause: error });
  }
  if (error instanceof EventStoreError) return error;
  return new EventStoreError('STORE_FAILURE', `EventStoreDB at ${where} failed (${operation}): ${(error as Error)?.message ?? String(error)}`, { cause: error });
}

/** Explicit client settings unless the connection string sets them: fail within seconds, not minutes. */
export function withDefaults(url: string): string {
  const defaults: Record<string, string> = { defaultDeadline: '5000', keepAliveInterval: '10000', keepAliveTimeout: '10000', maxDiscoverAttempts: '3', discoveryInterval: '200', gossipTimeout: '3' };
  const [base, query = ''] = url.split('?');
  const params = new URLSearchParams(query);
  const present = new Set([...params.keys()].map((key) => key.toLowerCase()));
  for (const [key, value] of Object.entries(defaults)) if (!present.has(key.toLowerCase())) params.set(key, value);
  return `${base}?${params.toString()}`;
}
