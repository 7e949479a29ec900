import pino, { Logger } from 'pino';

/** The log is written in blocks of this many bytes, and at least this often. */
const LOG_BLOCK_BYTES = 4096;
const LOG_FLUSH_MS = 1000;
/**
 * At most this much of the log waits in memory for stdout. A reader that stops reading (a full pipe, a
 * hung log shipper) would otherwise make the service's memory grow with every request.
 */
export const LOG_BACKLOG_BYTES = 8 * 1024 * 1024;

export interface ServiceLogOptions {
  readonly level: string;
  /** the file descriptor written to (default 1, stdout) */
  readonly fd?: number;
  /** the most bytes waiting to be written (default LOG_BACKLOG_BYTES) */
  readonly backlogBytes?: number;
}

/**
 * The service's root logger. Written asynchronously: a synchronous write of every request's line (pino's
 * default) blocks the event loop, for whole milliseconds when the reader of stdout lags; and in blocks of
 * 4 KB (or what a second gathered), not a system call per line; pino flushes what is pending at exit.
 * Lines that do not fit in the backlog are dropped, and the log says how many as soon as it can: a gap in
 * the log is visible, unbounded memory is not.
 */
export function serviceLogger(options: ServiceLogOptions): Logger {
  const destination = pino.destination({
    dest: options.fd ?? 1,
    sync: false,
    minLength: LOG_BLOCK_BYTES,
    periodicFlush: LOG_FLUSH_MS,
    maxLength: options.backlogBytes ?? LOG_BACKLOG_BYTES,
  });
  const logger = pino({ level: options.level, base: { service: 'geldstroom' } }, destination);
  let dropped = 0;
  let reporting: NodeJS.Timeout | undefined;
  destination.on('drop', () => {
    dropped += 1;
    // one report per interval, not one per dropped line; if the report is dropped too, the count goes on
    reporting ??= setTimeout(() => {
      reporting = undefined;
      const lines = dropped;
      dropped = 0;
      logger.warn({ droppedLines: lines }, `${lines} log line(s) dropped: stdout was not read fast enough`);
    }, LOG_FLUSH_MS).unref();
  });
  return logger;
}
