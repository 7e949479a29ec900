import { EventStoreError } from './event-store.errors';
import { EventStore } from './event-store.port';
import { MemoryEventStore } from './memory-event-store';
import { SqliteCheck, SqliteEventStore, SqliteStoreOptions } from './sqlite-event-store';
// the settings module is light: it does not load the gRPC client
import { isEsdbUrl } from './eventstoredb/esdb-settings';

export const DEFAULT_STORE_URL = 'sqlite:./data/geldstroom.db';

export interface OpenStoreOptions {
  /** Whether a SQLite file that does not exist yet is created (writing commands) or refused (reading ones). */
  readonly create?: boolean;
  /**
   * SQLite only: how much of the file is checked at open (see SqliteStoreOptions.check). A command that
   * only reads passes 'index'; the default checks the whole file.
   */
  readonly check?: SqliteCheck;
  /** SQLite only: the process records many commands at once (apply; see SqliteStoreOptions.bulk) */
  readonly bulk?: boolean;
  /** KurrentDB only: keep asking an unreachable or leaderless server this long (a service starting with its database) */
  readonly waitMs?: number;
  readonly onRetry?: (retry: { attempt: number; delayMs: number; error: EventStoreError }) => void;
}

/**
 * Opens the store a URL names: `sqlite:PATH` (the embedded default; `?busyTimeoutMs=N` sets how long a
 * write waits for another connection's lock), `memory:` or KurrentDB/EventStoreDB (`kurrentdb://…`,
 * `esdb://…` and their `+discover` forms). A bare path is taken as a SQLite file.
 */
export async function openEventStore(
  url: string = process.env.GELDSTROOM_STORE || DEFAULT_STORE_URL,
  options: OpenStoreOptions = {},
): Promise<EventStore> {
  if (url === 'memory:' || url === 'memory') return new MemoryEventStore();
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, ''), options);
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(url)?.[1];
  if (isEsdbUrl(url)) {
    // loaded on demand: the gRPC client is heavy, and the embedded store never needs it
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the EventStoreDB client is loaded only when that store is asked for
    const adapter = require('./eventstoredb/esdb-event-store') as typeof import('./eventstoredb/esdb-event-store');
    return adapter.openEsdbEventStore(url, options);
  }
  if (scheme && scheme.length > 1) {
    throw new EventStoreError(
      'STORE_UNAVAILABLE',
      `unknown store URL "${url}" (use sqlite:PATH, memory: or kurrentdb://host:2113?tls=false)`,
    );
  }
  return openSqlite(url, options);
}

function openSqlite(location: string, options: OpenStoreOptions): SqliteEventStore {
  const match = /^(.*)\?busyTimeoutMs=(\d{1,7})$/.exec(location);
  const settings: SqliteStoreOptions = {
    ...(options.create !== undefined ? { create: options.create } : {}),
    ...(options.check !== undefined ? { check: options.check } : {}),
    ...(options.bulk !== undefined ? { bulk: options.bulk } : {}),
    ...(match ? { busyTimeoutMs: Number(match[2]) } : {}),
  };
  return new SqliteEventStore(match ? match[1] : location, settings);
}
