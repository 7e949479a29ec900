import { EventStoreError } from '../event-store.errors';

/** What the store was doing when SQLite failed, as the first words of the message. */
export type SqliteAction = 'cannot open' | 'cannot record in' | 'cannot read';

/**
 * Every SQLite failure — locked, full, damaged, not a database, an I/O error — as the port's
 * STORE_UNAVAILABLE error with one line that says what is wrong. The message names the file for the
 * operator; `reason` leaves the path out, for answers over HTTP.
 */
export function sqliteFailure(
  error: unknown,
  path: string,
  action: SqliteAction,
  options: { busyTimeoutMs?: number; suffix?: string } = {},
): EventStoreError {
  if (error instanceof EventStoreError) return error;
  return storeUnavailable(path, action, describeSqliteError(error, options.busyTimeoutMs), error, options.suffix);
}

export function storeUnavailable(
  path: string,
  action: SqliteAction,
  what: string,
  cause?: unknown,
  suffix = '',
): EventStoreError {
  return new EventStoreError('STORE_UNAVAILABLE', oneLine(`${action} the SQLite store at ${path}: ${what}${suffix}`), {
    cause,
    reason: oneLine(`${action} the SQLite store: ${what}${suffix}`),
  });
}

function describeSqliteError(error: unknown, busyTimeoutMs?: number): string {
  const fields: { code?: unknown; message?: unknown } = typeof error === 'object' && error !== null ? error : {};
  const code = typeof fields.code === 'string' ? fields.code : '';
  const message = typeof fields.message === 'string' ? fields.message : String(error);
  if (/^SQLITE_(BUSY|LOCKED)/.test(code))
    return `another connection holds a lock on it${busyTimeoutMs !== undefined ? ` (still locked after ${busyTimeoutMs} ms)` : ''}`;
  if (code === 'SQLITE_FULL') return 'the disk or file system is full';
  if (code.startsWith('SQLITE_CORRUPT')) return `it is damaged (${message})`;
  if (code === 'SQLITE_NOTADB') return 'the file is not a SQLite database';
  if (code.startsWith('SQLITE_IOERR')) return `an I/O error occurred (${code}: ${message})`;
  if (code.startsWith('SQLITE_CANTOPEN')) return `the file cannot be opened (${message})`;
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM') return `it may not be written (${message})`;
  if (code.startsWith('E') && !code.startsWith('SQLITE')) return message;
  return code ? `${message} (${code})` : message;
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ');
