import type { Observable } from 'rxjs';
import { ReadAllOptions, RecordedEvent, SubscribeOptions } from './event-store.port';

const PAGE_SIZE = 500;

/**
 * The catch-up subscription shared by the adapters that store events themselves: read pages from the
 * last seen position until the end, then wait for a wake-up (an append in this process, or a poll
 * for appends by other processes) and read again. Events are delivered once, in global order.
 */
export function catchUpThenFollow(
  readAll: (options: ReadAllOptions) => Promise<RecordedEvent[]>,
  wakeUps: { subscribe(wakeUp: () => void): { unsubscribe(): void } },
  options: SubscribeOptions = {},
  pollIntervalMs?: number,
): Observable<RecordedEvent> {
  // rxjs is loaded by the first subscription, not by every command that opens a store
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand (typed by typeof import)
  const rxjs = require('rxjs') as typeof import('rxjs');
  return new rxjs.Observable<RecordedEvent>((subscriber) => {
    let position = options.after ?? 0n;
    let closed = false;
    let running = false;
    let again = false;

    const pump = async (): Promise<void> => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          for (;;) {
            if (closed) return;
            const page = await readAll({ after: position, maxCount: PAGE_SIZE });
            for (const event of page) {
              if (closed) return;
              position = event.position;
              if (!options.streamPrefix || event.streamId.startsWith(options.streamPrefix)) subscriber.next(event);
            }
            if (page.length < PAGE_SIZE) break;
          }
        } while (again && !closed);
      } catch (error) {
        subscriber.error(error);
      } finally {
        running = false;
      }
    };

    const wakeUpSubscription = wakeUps.subscribe(() => void pump());
    const timer = pollIntervalMs ? setInterval(() => void pump(), pollIntervalMs) : undefined;
    timer?.unref?.();
    void pump();
    return () => {
      closed = true;
      wakeUpSubscription.unsubscribe();
      if (timer) clearInterval(timer);
    };
  });
}
