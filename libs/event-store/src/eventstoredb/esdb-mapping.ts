import {
  AccessDeniedError,
  AllStreamResolvedEvent,
  convertToCommandError,
  DeadlineExceededError,
  EventData,
  isCommandError,
  jsonEvent,
  JSONType,
  NO_STREAM,
  NotLeaderError,
  ReadPosition,
  ResolvedEvent,
  START,
  StreamDeletedError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { ConcurrencyConflictError, EventStoreError } from '../event-store.errors';
import { EventMetadata, ExpectedRevision, NewEvent, RecordedEvent } from '../event-store.port';
import { NoAnswerError } from './drain-read';

/**
 * Our expected revision as EventStoreDB's: `no_stream` or the exact revision. There is no path to
 * `ANY`: with an exact revision the server refuses a concurrent writer, and recognises a retried
 * append exactly (it compares the event ids at those revisions in the stream). With `ANY` it can only
 * look the ids up in its bounded in-memory cache of recently committed events, so a retry after a
 * restart or a busy spell is written a second time.
 */
export function toEsdbExpectedRevision(expected: ExpectedRevision): typeof NO_STREAM | bigint {
  if (expected === 'no_stream') return NO_STREAM;
  if (typeof expected !== 'bigint' || expected < 0n)
    throw new EventStoreError(
      'STORE_FAILURE',
      `expected revision must be no_stream or a revision >= 0, got ${String(expected)}`,
    );
  return expected;
}

/**
 * Our global position is EventStoreDB's commit position: each event occupies its own, and Geldstroom
 * writes no explicit transactions, so the prepare position equals it. 0 means "from the start".
 */
export function toEsdbPosition(position: bigint | undefined): ReadPosition {
  if (position === undefined || position <= 0n) return START;
  return { commit: position, prepare: position };
}

export function toEsdbEvent(event: NewEvent): EventData {
  return jsonEvent({ id: event.eventId, type: event.type, data: event.data as JSONType, metadata: event.metadata });
}

/** System streams (`$…`) and system event types belong to the server, not to Geldstroom. */
export function isSystemEvent(streamId: string, type: string): boolean {
  return streamId.startsWith('$') || type.startsWith('$');
}

/**
 * An event read from EventStoreDB as the port's RecordedEvent; undefined for what is not ours to see
 * (system events, unresolved links). A non-JSON event or one without a position is an error that says so.
 */
export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || isSystemEvent(event.streamId, event.type)) return undefined;
  const where = `event ${event.id} (${event.type}) at ${event.streamId}@${event.revision}`;
  if (!event.isJson)
    throw new EventStoreError('STORE_FAILURE', `${where} is not JSON; Geldstroom reads only the JSON events it writes`);
  const position = event.position?.commit ?? resolved.commitPosition;
  if (position === undefined) {
    throw new EventStoreError(
      'STORE_FAILURE',
      `${where} came without its global position; Geldstroom needs EventStoreDB 22.10 or later (or KurrentDB)`,
    );
  }
  return {
    eventId: event.id,
    type: event.type,
    data: event.data,
    metadata: toMetadata(event.metadata, where),
    streamId: event.streamId,
    revision: event.revision,
    position,
  };
}

function toMetadata(metadata: unknown, where: string): EventMetadata {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata) || metadata instanceof Uint8Array) {
    throw new EventStoreError(
      'STORE_FAILURE',
      `${where} has no JSON metadata object; Geldstroom writes actor, source and ids with every event`,
    );
  }
  return metadata as EventMetadata;
}

/** What was being done when an error came, for its message. */
export interface EsdbErrorContext {
  /** the store URL, password hidden */
  readonly url: string;
  /** e.g. "append to region-x", "read $all" */
  readonly operation: string;
  readonly streamId?: string;
  readonly expected?: ExpectedRevision;
  readonly deadlineMs?: number;
}

/**
 * Whatever the client or gRPC threw, as one of the port's typed errors; a raw gRPC error never reaches
 * a caller. Messages name the server URL and what to check.
 */
export function toStoreError(error: unknown, context: EsdbErrorContext): EventStoreError {
  if (error instanceof EventStoreError) return error;
  const known = asCommandError(error);
  const reason = describeReason(known);
  const at = `EventStoreDB at ${context.url}`;

  if (known instanceof WrongExpectedVersionError) {
    const streamId = context.streamId ?? known.streamName;
    const expected = context.expected ?? fromEsdbExpected(known.expectedVersion);
    return new ConcurrencyConflictError(streamId, expected, known.actualVersion);
  }
  if (known instanceof UnavailableError) {
    return new EventStoreError(
      'STORE_UNAVAILABLE',
      `${at} is unreachable (${reason}); is the server running, and are host, port and tls= right?`,
      { cause: error },
    );
  }
  if (known instanceof DeadlineExceededError || known instanceof TimeoutError || known instanceof NoAnswerError) {
    const limit = context.deadlineMs ? ` within ${context.deadlineMs} ms` : ' in time';
    return new EventStoreError('STORE_TIMEOUT', `${at} did not complete ${context.operation}${limit} (${reason})`, {
      cause: error,
    });
  }
  if (known instanceof NotLeaderError) {
    return new EventStoreError(
      'STORE_UNAVAILABLE',
      `${at}: the node is not the cluster leader (leader: ${known.leader.address}:${known.leader.port}); retry, or connect through all cluster nodes`,
      { cause: error },
    );
  }
  if (known instanceof AccessDeniedError) {
    return new EventStoreError(
      'STORE_FAILURE',
      `${at} denied ${context.operation}; check the user and password in the URL`,
      { cause: error },
    );
  }
  if (known instanceof StreamDeletedError) {
    return new EventStoreError(
      'STORE_FAILURE',
      `${at}: stream ${context.streamId ?? known.streamName} was deleted; ${context.operation} is not possible`,
      { cause: error },
    );
  }
  if (known instanceof Error && /failed to discover/i.test(known.message)) {
    return new EventStoreError(
      'STORE_UNAVAILABLE',
      `${at}: no cluster node answered (${reason}); are the nodes running and is the URL right?`,
      { cause: error },
    );
  }
  return new EventStoreError('STORE_FAILURE', `${context.operation} on ${at} failed: ${reason}`, { cause: error });
}

/** gRPC errors that the client passes on unconverted (it does so for appends) get its own classification. */
function asCommandError(error: unknown): unknown {
  if (!(error instanceof Error) || isCommandError(error)) return error;
  try {
    return convertToCommandError(error);
  } catch {
    return error;
  }
}

function describeReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cleaned = message
    .replace(/^\d+ [A-Z_]+: /, '')
    .replace(/\s*Resolution note:\s*$/, '')
    .replace(/^No connection established\. Last error: (?:Error: )?/, '')
    .trim();
  return cleaned === '' ? (error instanceof Error ? error.name : 'no details') : cleaned.replace(/\.$/, '');
}

function fromEsdbExpected(expected: WrongExpectedVersionError['expectedVersion']): ExpectedRevision {
  return typeof expected === 'bigint' ? expected : 'no_stream';
}
