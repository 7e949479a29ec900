import { MemoryEventStore, NewEvent } from '@libs/event-store';
import type { Response } from 'express';
import { EventEmitter } from 'node:events';
import { LiveService } from './live.service';

/** Enough of an Express response for an event stream: what is written, and a 'close' the client causes. */
class FakeResponse extends EventEmitter {
  readonly chunks: string[] = [];
  writableEnded = false;
  status() {
    return this;
  }
  setHeader() {
    return this;
  }
  flushHeaders() {
    // nothing to flush: this fake keeps no headers, the service's writes are what the tests read
  }
  write(chunk: string) {
    this.chunks.push(chunk);
    return true;
  }
  end() {
    this.writableEnded = true;
    this.emit('close');
  }
  get text() {
    return this.chunks.join('');
  }
}

const event = (id: string): NewEvent => ({
  eventId: id,
  type: 'RijkPaymentRecorded',
  data: { year: 2025 },
  metadata: {
    actor: 't',
    recordedAt: '2026-01-01T00:00:00Z',
    source: 't',
    commandId: id,
    causationId: id,
    correlationId: id,
    schemaVersion: 1,
  },
});

const settle = (ms = 80) => new Promise((resolve) => setTimeout(resolve, ms));

describe('LiveService', () => {
  it('announces a burst of events of the region once, from where the page was rendered, and nothing of other regions', async () => {
    const store = new MemoryEventStore();
    await store.appendToStream('region-a', [event('00000000-0000-4000-8000-000000000001')], 'no_stream');
    const live = new LiveService(store, { maxConnections: 5, heartbeatMs: 60_000, settleMs: 20 });
    const response = new FakeResponse();
    live.follow('a', 1n, response as unknown as Response);
    await store.appendToStream('region-ab', [event('00000000-0000-4000-8000-000000000002')], 'no_stream');
    await store.appendToStream(
      'region-a',
      [event('00000000-0000-4000-8000-000000000003'), event('00000000-0000-4000-8000-000000000004')],
      0n,
    );
    await settle();
    expect(response.text.match(/event: vastgelegd/g)).toHaveLength(1);
    expect(response.text).toContain('"events":2');
    response.emit('close');
    expect(live.open).toBe(0);
  });

  it('is bounded, and ends every stream at shutdown', async () => {
    const live = new LiveService(new MemoryEventStore(), { maxConnections: 2, heartbeatMs: 60_000, settleMs: 20 });
    const responses = [new FakeResponse(), new FakeResponse()];
    for (const response of responses) live.follow('a', 0n, response as unknown as Response);
    expect(live.full).toBe(true);
    live.beforeApplicationShutdown();
    expect(live.open).toBe(0);
    expect(responses.every((response) => response.writableEnded)).toBe(true);
    expect(live.full).toBe(false);
  });
});
