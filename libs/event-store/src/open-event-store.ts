import { EventStoreError } from './event-store.errors';
import { EventStore } from './event-store.port';
import { MemoryEventStore } from './memory-event-store';
import { SqliteEventStore } from './sqlite-event-store';

export const DEFAULT_STORE_URL = 'sqlite:./data/geldstroom.db';

/**
 * Opens the store a URL names: `sqlite:PATH` (the embedded default), `memory:` or EventStoreDB
 * (`esdb://…`, `esdb+discover://…`). A bare path is taken as a SQLite file.
 */
export async function openEventStore(
  url: string = process.env.GELDSTROOM_STORE || DEFAULT_STORE_URL,
): Promise<EventStore> {
  if (url === 'memory:' || url === 'memory') return new MemoryEventStore();
  if (url.startsWith('sqlite:')) return new SqliteEventStore(url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, ''));
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(url)?.[1];
  if (scheme === 'esdb' || scheme === 'esdb+discover') {
    // loaded on demand: the gRPC client is heavy, and the embedded store never needs it
    const adapter = require('./eventstoredb/esdb-event-store') as typeof import('./eventstoredb/esdb-event-store');
    return adapter.openEsdbEventStore(url);
  }
  if (scheme && scheme.length > 1) {
    throw new EventStoreError(
      'STORE_UNAVAILABLE',
      `unknown store URL "${url}" (use sqlite:PATH, memory: or esdb://host:2113?tls=false)`,
    );
  }
  return new SqliteEventStore(url);
}
