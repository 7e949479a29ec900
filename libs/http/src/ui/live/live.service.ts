import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { EventStore, RecordedEvent, regionStream } from '@libs/event-store';
import type { Response } from 'express';
import { buffer, debounceTime, filter, share, Subscription } from 'rxjs';

export interface LiveOptions {
  /** open live connections at most; more are refused with a 503 */
  readonly maxConnections: number;
  /** a comment line this often keeps proxies from closing an idle stream */
  readonly heartbeatMs: number;
  /** events that arrive within this window are announced together */
  readonly settleMs: number;
}

export const DEFAULT_LIVE_OPTIONS: LiveOptions = { maxConnections: 50, heartbeatMs: 25_000, settleMs: 150 };

interface Connection {
  readonly response: Response;
  readonly subscription: Subscription;
  readonly heartbeat: NodeJS.Timeout;
}

/**
 * Server-sent events for the pages: each open page follows its region's stream through the store's
 * catch-up subscription (from the position it was rendered at, so nothing between rendering and
 * connecting is missed) and hears "vastgelegd" once per burst of new events. Connections are
 * bounded, and closed when the page goes away or the service shuts down.
 */
@Injectable()
export class LiveService implements BeforeApplicationShutdown {
  private readonly connections = new Set<Connection>();

  constructor(
    private readonly store: EventStore,
    private readonly options: LiveOptions = DEFAULT_LIVE_OPTIONS,
  ) {}

  get open(): number {
    return this.connections.size;
  }

  get full(): boolean {
    return this.connections.size >= this.options.maxConnections;
  }

  /** Streams the region's new events after `after` to the response until either side closes. */
  follow(regionId: string, after: bigint, response: Response, onClose: () => void = () => undefined): void {
    const stream = regionStream(regionId);
    response.status(200);
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('X-Accel-Buffering', 'no');
    response.flushHeaders();
    response.write('retry: 5000\n: verbonden\n\n');

    const events = this.store.subscribeToAll({ after, streamPrefix: stream }).pipe(
      filter((event) => event.streamId === stream),
      share(),
    );
    const subscription = events.pipe(buffer(events.pipe(debounceTime(this.options.settleMs)))).subscribe({
      next: (batch: RecordedEvent[]) => {
        if (batch.length === 0) return;
        const last = batch[batch.length - 1];
        const data = {
          events: batch.length,
          revision: String(last.revision),
          types: [...new Set(batch.map((event) => event.type))],
        };
        response.write(`id: ${last.position}\nevent: vastgelegd\ndata: ${JSON.stringify(data)}\n\n`);
      },
      error: () => {
        response.write('event: fout\ndata: {"reden":"de opslag is niet bereikbaar"}\n\n');
        close();
      },
    });
    const heartbeat = setInterval(() => response.write(': nog hier\n\n'), this.options.heartbeatMs);
    heartbeat.unref();
    const connection: Connection = { response, subscription, heartbeat };
    this.connections.add(connection);
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      subscription.unsubscribe();
      clearInterval(heartbeat);
      this.connections.delete(connection);
      if (!response.writableEnded) response.end();
      onClose();
    };
    response.on('close', close);
  }

  /** Before the HTTP server closes: end every stream, or the server would wait for them forever. */
  beforeApplicationShutdown(): void {
    for (const connection of [...this.connections]) {
      connection.subscription.unsubscribe();
      clearInterval(connection.heartbeat);
      this.connections.delete(connection);
      if (!connection.response.writableEnded) connection.response.end();
    }
  }
}
