import { Writable } from 'node:stream';
import pino from 'pino';

export interface CapturedLog {
  readonly logger: pino.Logger;
  /** the lines logged since the last call, without what differs from run to run (time, pid, duration) */
  readonly lines: () => Record<string, unknown>[];
  /** likewise, the access lines only (one per request) */
  readonly requestLines: () => Record<string, unknown>[];
}

/** A service logger whose lines a test reads back, to compare what two services logged. */
export function capturedLog(): CapturedLog {
  const logged: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const lines = (): Record<string, unknown>[] =>
    logged.splice(0).map(({ time: _time, durationMs: _duration, pid: _pid, ...line }) => line);
  return {
    logger: pino({ level: 'info' }, sink),
    lines,
    requestLines: () => lines().filter((line) => line.msg === 'request'),
  };
}
