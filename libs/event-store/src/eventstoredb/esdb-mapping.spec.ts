import { AccessDeniedError, DeadlineExceededError, jsonEvent, NO_STREAM, START, UnavailableError, WrongExpectedVersionError } from '@eventstore/db-client';
import { Metadata } from '@grpc/grpc-js';
import { ConcurrencyConflictError, EventStoreError } from '../event-store.errors';
import { fromEsdbError, fromEsdbEvent, isSystemEvent, redact, toEsdbExpectedRevision, toEsdbPosition, withDefaults } from './esdb-mapping';

const serviceError = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details, metadata: new Metadata() });

describe('EventStoreDB mapping', () => {
  it('maps expected revisions exactly, never to ANY', () => {
    expect(toEsdbExpectedRevision('no_stream')).toBe(NO_STREAM);
    expect(toEsdbExpectedRevision(41n)).toBe(41n);
  });

  it('maps positions to commit/prepare and the start to START', () => {
    expect(toEsdbPosition(undefined)).toBe(START);
    expect(toEsdbPosition(0n)).toBe(START);
    expect(toEsdbPosition(1234n)).toEqual({ commit: 1234n, prepare: 1234n });
  });

  it('reads a recorded event back into the port\'s shape, metadata included', () => {
    const written = jsonEvent({ id: '8f5b0c1e-0000-4000-8000-000000000001', type: 'RijkPaymentRecorded', data: { amount: '1.00' }, metadata: { actor: 'anna', source: 'f:1' } });
    const recorded = fromEsdbEvent({
      streamId: 'region-west',
      id: written.id,
      isJson: true,
      revision: 3n,
      type: written.type,
      created: new Date(),
      data: written.data,
      metadata: written.metadata,
      position: { commit: 99n, prepare: 99n },
    } as never);
    expect(recorded).toEqual({ eventId: written.id, type: 'RijkPaymentRecorded', data: { amount: '1.00' }, metadata: { actor: 'anna', source: 'f:1' }, streamId: 'region-west', revision: 3n, position: 99n });
    expect(() => fromEsdbEvent({ streamId: 's', id: 'x', isJson: false, revision: 0n, type: 'T', created: new Date(), data: new Uint8Array(), metadata: undefined } as never)).toThrow(/not JSON/);
  });

  it('skips system events', () => {
    expect(isSystemEvent({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' })).toBe(true);
    expect(isSystemEvent({ streamId: 'region-west', type: '$metadata' })).toBe(true);
    expect(isSystemEvent({ streamId: 'region-west', type: 'RegionRegistered' })).toBe(false);
  });

  it('turns a wrong expected version into the port\'s concurrency conflict', () => {
    const error = fromEsdbError(new WrongExpectedVersionError(undefined, { streamName: 'region-west', expected: 4n, current: 6n }), 'esdb://localhost:2113', 'append');
    expect(error).toBeInstanceOf(ConcurrencyConflictError);
    expect(error).toMatchObject({ streamId: 'region-west', expected: 4n, actual: 6n });
    const missing = fromEsdbError(new WrongExpectedVersionError(undefined, { streamName: 'region-west', expected: 0n, current: NO_STREAM }), 'esdb://localhost:2113', 'append');
    expect(missing).toMatchObject({ actual: 'no_stream' });
  });

  it('turns transport errors into typed store errors that name the server, never a raw gRPC error', () => {
    const unavailable = fromEsdbError(new UnavailableError(serviceError(14, 'No connection established') as never), 'esdb://admin:changeit@db:2113?tls=false', 'read');
    expect(unavailable).toBeInstanceOf(EventStoreError);
    expect(unavailable).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(unavailable.message).toContain('esdb://***@db:2113?tls=false');
    expect(unavailable.message).not.toContain('changeit');
    expect(fromEsdbError(new DeadlineExceededError(serviceError(4, 'Deadline exceeded') as never), 'esdb://db:2113', 'append')).toMatchObject({ code: 'STORE_TIMEOUT' });
    expect(fromEsdbError(new AccessDeniedError(serviceError(7, 'Access denied') as never), 'esdb://db:2113', 'append').message).toMatch(/denied access/);
    expect(fromEsdbError(new Error('boom'), 'esdb://db:2113', 'read')).toMatchObject({ code: 'STORE_FAILURE' });
  });

  it('sets explicit deadlines and discovery limits unless the connection string does', () => {
    const url = withDefaults('esdb://localhost:2113?tls=false&defaultDeadline=2000');
    const params = new URLSearchParams(url.split('?')[1]);
    expect(params.get('defaultDeadline')).toBe('2000');
    expect(params.get('maxDiscoverAttempts')).toBe('3');
    expect(params.get('keepAliveTimeout')).toBe('10000');
    expect(params.get('tls')).toBe('false');
    expect(redact('esdb+discover://u:p@a,b,c:2113')).toBe('esdb+discover://***@a,b,c:2113');
  });
});
