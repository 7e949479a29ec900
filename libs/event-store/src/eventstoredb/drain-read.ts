import type { StreamingRead } from '@eventstore/db-client';

export class NoAnswerError extends Error {
  constructor(readonly idleMs: number) {
    super(`no answer for ${idleMs} ms`);
    this.name = 'NoAnswerError';
  }
}

/**
 * Consumes a streaming read until it ends or `onItem` returns false. The client gives reads no
 * deadline at all, so a server that accepts the connection but stops answering would hang the
 * caller forever; a read that receives nothing for `idleMs` is cancelled and fails instead.
 */
export function drainRead<T>(read: StreamingRead<T>, idleMs: number, onItem: (item: T) => boolean): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const settle = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error === undefined) resolve();
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the client's own error, passed on as it came
      else reject(error);
    };
    const cancel = (): void => {
      read.cancel().catch(() => undefined);
    };
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        cancel();
        settle(new NoAnswerError(idleMs));
      }, idleMs);
    };
    read.on('data', (item: T) => {
      if (settled) return;
      arm();
      let more: boolean;
      try {
        more = onItem(item);
      } catch (error) {
        cancel();
        settle(error);
        return;
      }
      if (!more) {
        cancel();
        settle();
      }
    });
    read.on('error', (error: Error) => settle(error));
    read.on('end', () => settle());
    arm();
  });
}
