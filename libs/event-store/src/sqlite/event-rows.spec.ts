import { NewEvent, StreamAppend } from '../event-store.port';
import { eventRow, flatAppends, streamRowsOf } from './event-rows';

const event = (eventId: string, data: unknown, json?: NewEvent['json']): NewEvent => ({
  eventId,
  type: 'Noted',
  data,
  metadata: {
    actor: 'spec',
    recordedAt: '2026-01-01T00:00:00.000Z',
    source: 'é "quoted" \\ \u2028',
    commandId: 'c1',
    causationId: 'c1',
    correlationId: 'c1',
    schemaVersion: 1,
  },
  ...(json ? { json } : {}),
});

describe('appends sent to a batch writer thread as flat lists', () => {
  it('give back exactly the rows the store makes of them itself, in order, with each append its expected revision', () => {
    const appends: StreamAppend[] = [
      { streamId: 'region-a', expectedRevision: 'no_stream', events: [event('e1', { n: 1 }), event('e2', [1, 'x'])] },
      { streamId: 'region-b', expectedRevision: 4n, events: [] },
      {
        streamId: 'region-a',
        expectedRevision: 1n,
        events: [event('e3', { b: 2, a: 1 }, { data: '{"a":1,"b":2}', metadata: '{"actor":"given"}' })],
      },
    ];
    // through a structured clone, as postMessage sends them
    const rows = streamRowsOf(structuredClone(flatAppends(appends)));
    expect(rows).toEqual(
      appends.map(({ streamId, expectedRevision, events }) => ({
        streamId,
        expectedRevision,
        rows: events.map(eventRow),
      })),
    );
    expect(rows[2].rows[0]).toEqual({
      eventId: 'e3',
      type: 'Noted',
      data: '{"a":1,"b":2}',
      metadata: '{"actor":"given"}',
    });
  });
});
