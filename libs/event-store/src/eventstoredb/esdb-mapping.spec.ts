import {
  AccessDeniedError,
  AllStreamResolvedEvent,
  ANY,
  DeadlineExceededError,
  NO_STREAM,
  NotLeaderError,
  ResolvedEvent,
  START,
  StreamDeletedError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { ConcurrencyConflictError, EventStoreError } from '../event-store.errors';
import { EventMetadata, NewEvent } from '../event-store.port';
import { NoAnswerError } from './drain-read';
import {
  EsdbErrorContext,
  toEsdbEvent,
  toEsdbExpectedRevision,
  toEsdbPosition,
  toRecordedEvent,
  toStoreError,
} from './esdb-mapping';

const URL = 'esdb://node1:2113?tls=false';
const metadata: EventMetadata = {
  actor: 'cli:anna',
  recordedAt: '2026-03-01T12:00:00.000Z',
  source: 'holland-rijnland.jsonl:3',
  commandId: '6c1f1f5e-0c1e-4d3b-9d7a-2f1e8c9b0a11',
  causationId: '6c1f1f5e-0c1e-4d3b-9d7a-2f1e8c9b0a11',
  correlationId: '0b7c2a51-3f7e-4b8a-8c1d-5e6f7a8b9c0d',
  schemaVersion: 1,
  command: 'RecordRijkPayment',
};

describe('EventStoreDB mapping: revisions and positions', () => {
  it('passes no_stream and exact revisions, and has no way to say "any"', () => {
    expect(toEsdbExpectedRevision('no_stream')).toBe(NO_STREAM);
    expect(toEsdbExpectedRevision(0n)).toBe(0n);
    expect(toEsdbExpectedRevision(9_007_199_254_740_993n)).toBe(9_007_199_254_740_993n);
    expect(toEsdbExpectedRevision(41n)).not.toBe(ANY);
    expect(() => toEsdbExpectedRevision(-1n)).toThrow(EventStoreError);
    expect(() => toEsdbExpectedRevision(ANY as unknown as bigint)).toThrow(/no_stream or a revision/);
  });

  it('reads from the start for position 0, and from {commit, prepare} = position otherwise', () => {
    expect(toEsdbPosition(undefined)).toBe(START);
    expect(toEsdbPosition(0n)).toBe(START);
    expect(toEsdbPosition(18_446_744_073_709_551_000n)).toEqual({
      commit: 18_446_744_073_709_551_000n,
      prepare: 18_446_744_073_709_551_000n,
    });
  });
});

describe('EventStoreDB mapping: events', () => {
  const event: NewEvent = {
    eventId: '4f6e1a8e-5c2d-5b7e-9a3f-1d2c3b4a5e6f',
    type: 'RijkPaymentRecorded',
    data: {
      regionId: 'holland-rijnland',
      amount: '5802407.00',
      recipient: 'GM0546',
      lines: [{ label: 'BW € 1,00', amount: '1.00' }],
    },
    metadata,
  };

  it('writes our event id, type, data and metadata as a JSON event', () => {
    expect(toEsdbEvent(event)).toEqual({
      id: event.eventId,
      contentType: 'application/json',
      type: event.type,
      data: event.data,
      metadata,
    });
  });

  it('reads an event back with its stream, bigint revision and commit position as global position', () => {
    const resolved: AllStreamResolvedEvent = {
      event: recorded({ revision: 7n, position: { commit: 123_456_789_012n, prepare: 123_456_789_012n } }),
      commitPosition: 123_456_789_012n,
    };
    expect(toRecordedEvent(resolved)).toEqual({
      ...event,
      streamId: 'region-holland-rijnland',
      revision: 7n,
      position: 123_456_789_012n,
    });
  });

  it('takes the position of a stream read from the resolved event when the record has none', () => {
    const resolved: ResolvedEvent = { event: recorded({ position: undefined }), commitPosition: 4242n };
    expect(toRecordedEvent(resolved)?.position).toBe(4242n);
    expect(() => toRecordedEvent({ event: recorded({ position: undefined }) })).toThrow(/without its global position/);
  });

  it('leaves out system streams, system event types and unresolved links', () => {
    expect(
      toRecordedEvent({ event: recorded({ streamId: '$stats-127.0.0.1:2113' }), commitPosition: 1n }),
    ).toBeUndefined();
    expect(toRecordedEvent({ event: recorded({ type: '$metadata' }), commitPosition: 1n })).toBeUndefined();
    expect(toRecordedEvent({ commitPosition: 1n })).toBeUndefined();
  });

  it('refuses an event that is not JSON or has no metadata object, saying which', () => {
    const binary: ResolvedEvent = {
      event: {
        streamId: 'region-x',
        id: 'e1',
        isJson: false,
        revision: 0n,
        type: 'Blob',
        created: new Date(0),
        data: new Uint8Array([1]),
        metadata: undefined,
      },
      commitPosition: 5n,
    };
    expect(() => toRecordedEvent(binary)).toThrow(
      'event e1 (Blob) at region-x@0 is not JSON; Geldstroom reads only the JSON events it writes',
    );
    expect(() => toRecordedEvent({ event: recorded({ metadata: undefined }), commitPosition: 5n })).toThrow(
      /no JSON metadata object/,
    );
  });

  function recorded(overrides: Record<string, unknown>) {
    return {
      streamId: 'region-holland-rijnland',
      id: event.eventId,
      isJson: true as const,
      revision: 0n,
      type: event.type,
      created: new Date('2026-03-01T12:00:00Z'),
      data: event.data as Record<string, unknown>,
      metadata: metadata as unknown as Record<string, unknown>,
      position: { commit: 10n, prepare: 10n },
      ...overrides,
    } as AllStreamResolvedEvent['event'] & object;
  }
});

describe('EventStoreDB mapping: errors', () => {
  const append: EsdbErrorContext = {
    url: URL,
    operation: 'append to region-x',
    streamId: 'region-x',
    expected: 3n,
    deadlineMs: 10_000,
  };

  it('turns a wrong expected version into the port conflict, with expected and actual revisions', () => {
    const error = toStoreError(
      new WrongExpectedVersionError(undefined, { streamName: 'region-x', expected: 3n, current: 5n }),
      append,
    );
    expect(error).toBeInstanceOf(ConcurrencyConflictError);
    expect(error).toMatchObject({ code: 'CONCURRENCY_CONFLICT', streamId: 'region-x', expected: 3n, actual: 5n });

    const onMissing = toStoreError(
      new WrongExpectedVersionError(undefined, { streamName: 'region-x', expected: 0n, current: NO_STREAM }),
      {
        ...append,
        expected: 0n,
      },
    );
    expect(onMissing).toMatchObject({ expected: 0n, actual: 'no_stream' });
    expect(onMissing.message).toContain('no stream');
  });

  it('turns an unreachable server (also as the raw gRPC error appends throw) into STORE_UNAVAILABLE naming the URL', () => {
    const raw = grpcError(
      14,
      'No connection established. Last error: Error: connect ECONNREFUSED 127.0.0.1:2113. Resolution note: ',
    );
    for (const error of [raw, new UnavailableError(raw)]) {
      const mapped = toStoreError(error, append);
      expect(mapped).toBeInstanceOf(EventStoreError);
      expect(mapped.code).toBe('STORE_UNAVAILABLE');
      expect(mapped.message).toBe(
        `EventStoreDB at ${URL} is unreachable (connect ECONNREFUSED 127.0.0.1:2113); is the server running, and are host, port and tls= right?`,
      );
      expect(mapped.cause).toBe(error);
    }
  });

  it('turns deadlines and silent reads into STORE_TIMEOUT, with the operation and the deadline', () => {
    const deadline = toStoreError(new DeadlineExceededError(grpcError(4, 'Deadline exceeded')), append);
    expect(deadline.code).toBe('STORE_TIMEOUT');
    expect(deadline.message).toBe(
      `EventStoreDB at ${URL} did not complete append to region-x within 10000 ms (Deadline exceeded)`,
    );

    const raw = toStoreError(grpcError(4, 'Deadline exceeded'), append);
    expect(raw.code).toBe('STORE_TIMEOUT');
    expect(toStoreError(new NoAnswerError(10_000), { url: URL, operation: 'read of $all' }).code).toBe('STORE_TIMEOUT');
  });

  it('names the leader when a follower refuses a write', () => {
    const metadata = {
      getMap: () => ({ exception: 'not-leader', 'leader-endpoint-host': 'node2', 'leader-endpoint-port': '2113' }),
    };
    const notLeader = new NotLeaderError(Object.assign(grpcError(5, 'Leader info available'), { metadata }));
    const mapped = toStoreError(notLeader, append);
    expect(mapped.code).toBe('STORE_UNAVAILABLE');
    expect(mapped.message).toContain('not the cluster leader (leader: node2:2113)');
  });

  it('maps discovery failures, refused access, deleted streams and anything else to typed errors', () => {
    expect(toStoreError(new Error('Failed to discover after 3 attempts.'), append)).toMatchObject({
      code: 'STORE_UNAVAILABLE',
      message: `EventStoreDB at ${URL}: no cluster node answered (Failed to discover after 3 attempts); are the nodes running and is the URL right?`,
    });
    expect(toStoreError(new AccessDeniedError(), append).message).toBe(
      `EventStoreDB at ${URL} denied append to region-x; check the user and password in the URL`,
    );
    expect(toStoreError(StreamDeletedError.fromStreamName('region-x'), append)).toMatchObject({
      code: 'STORE_FAILURE',
    });
    const other = toStoreError(new TypeError('boom'), append);
    expect(other).toMatchObject({
      code: 'STORE_FAILURE',
      message: `append to region-x on EventStoreDB at ${URL} failed: boom`,
    });
    expect(other.constructor).toBe(EventStoreError);
  });

  it('passes the port errors through unchanged', () => {
    const own = new EventStoreError('DUPLICATE_EVENT', 'event e appears twice');
    expect(toStoreError(own, append)).toBe(own);
  });
});

type ServiceError = NonNullable<ConstructorParameters<typeof UnavailableError>[0]>;

/**
 * A failed call as @grpc/grpc-js reports it (a ServiceError): an Error with a numeric status code and
 * details. The client classifies it by the code; the metadata it would carry plays no part here.
 */
function grpcError(code: number, details: string): ServiceError {
  const names: Record<number, string> = { 4: 'DEADLINE_EXCEEDED', 5: 'NOT_FOUND', 14: 'UNAVAILABLE' };
  return Object.assign(new Error(`${code} ${names[code]}: ${details}`), { code, details }) as unknown as ServiceError;
}
