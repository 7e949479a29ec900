import { EventStoreError } from '../event-store.errors';

/**
 * The client settings Geldstroom passes unless the URL names them itself. The client's own defaults
 * (ten discovery rounds, each asking every seed with a five-second gossip deadline) let a black-holed
 * three-node cluster hold a caller for 77 s (measured); these bound discovery to
 * `maxDiscoverAttempts × (seeds × gossipTimeout + discoveryInterval)`: 10.5 s for three dead seeds,
 * 4.5 s for `+discover` to one dead name (measured the same).
 */
export const ESDB_CLIENT_DEFAULTS = {
  /** per append, in milliseconds */
  defaultDeadline: 10_000,
  /** the client warns below 10 s, the value gRPC recommends */
  keepAliveInterval: 10_000,
  keepAliveTimeout: 10_000,
  /** cluster discovery (several hosts, or +discover): rounds, and the pause between them in ms */
  maxDiscoverAttempts: 3,
  discoveryInterval: 500,
  /**
   * Seconds per gossip request, as the client counts it (whole seconds). A gossip answer on a LAN
   * takes milliseconds; one second lets a dead seed cost little before the next is asked.
   */
  gossipTimeout: 1,
} as const;

/** How long opening a single-node store waits for the server's first answer before calling it unreachable. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 3_000;

/** Geldstroom's own query option, taken out before the client sees the URL (it warns about keys it does not know). */
const CONNECT_TIMEOUT_KEY = 'connecttimeout';

/**
 * The schemes Geldstroom accepts, and what `@eventstore/db-client` (which knows only `esdb`) is given.
 * `kurrentdb://` is KurrentDB's own name for the same connection string.
 */
const SCHEMES: Record<string, string> = {
  esdb: 'esdb',
  'esdb+discover': 'esdb+discover',
  kurrentdb: 'esdb',
  'kurrentdb+discover': 'esdb+discover',
};

export interface EsdbSettings {
  /** the connection string handed to the client, with every setting explicit */
  readonly connectionString: string;
  /** the URL as given, password hidden: what messages show */
  readonly displayUrl: string;
  /** how long opening the store waits for its first answer (discovery included) */
  readonly connectTimeoutMs: number;
  /** the append deadline; also how long a read may go without receiving anything */
  readonly deadlineMs: number;
  /** the longest cluster discovery can take before the client gives up; 0 for a single node */
  readonly discoveryBudgetMs: number;
}

/**
 * Reads an `esdb://`, `esdb+discover://`, `kurrentdb://` or `kurrentdb+discover://` URL and makes
 * its connection and deadline settings explicit.
 */
export function esdbSettings(url: string): EsdbSettings {
  const displayUrl = redactUrl(url.trim());
  const match = /^([a-z+]+):\/\/([^?]+)(?:\?(.*))?$/.exec(url.trim());
  const scheme = match ? SCHEMES[match[1]] : undefined;
  if (!match || !scheme)
    throw invalid(
      displayUrl,
      'expected kurrentdb://host:port[,host:port…][?key=value&…] or kurrentdb+discover://host:port (esdb:// works too)',
    );
  const [, , authority, query = ''] = match;

  const pairs: [string, string][] = [];
  for (const part of query.split('&').filter((each) => each !== '')) {
    const equals = part.indexOf('=');
    if (equals <= 0 || equals === part.length - 1) throw invalid(displayUrl, `"${part}" is not key=value`);
    pairs.push([part.slice(0, equals), part.slice(equals + 1)]);
  }

  let connectTimeoutMs: number | undefined;
  const kept: [string, string][] = [];
  for (const [key, value] of pairs) {
    const flat = flatKey(key);
    if (flat === CONNECT_TIMEOUT_KEY) connectTimeoutMs = positiveInteger(displayUrl, key, value, 'milliseconds');
    // Conflicts must arrive as errors: the adapter never reads the success flag of an append.
    else if (flat !== 'throwonappendfailure') kept.push([key, value]);
  }
  const given = new Set(kept.map(([key]) => flatKey(key)));
  for (const [key, value] of Object.entries(ESDB_CLIENT_DEFAULTS)) {
    if (!given.has(flatKey(key))) kept.push([key, String(value)]);
  }
  kept.push(['throwOnAppendFailure', 'true']);

  const setting = (name: keyof typeof UNITS) =>
    positiveInteger(
      displayUrl,
      name,
      kept.find(([key]) => flatKey(key) === flatKey(name))?.[1] ?? String(ESDB_CLIENT_DEFAULTS[name]),
      UNITS[name],
    );
  const deadlineMs = setting('defaultDeadline');
  const discovers = scheme === 'esdb+discover' || authority.includes(',');
  const seeds = scheme === 'esdb+discover' ? 1 : authority.split(',').length;
  const discoveryBudgetMs = discovers
    ? setting('maxDiscoverAttempts') * (seeds * setting('gossipTimeout') * 1000 + setting('discoveryInterval'))
    : 0;
  return {
    connectionString: `${scheme}://${authority}?${kept.map(([key, value]) => `${key}=${value}`).join('&')}`,
    displayUrl,
    // discovery must be allowed to finish (it gives the precise "no node answered"), then the answer itself
    connectTimeoutMs: connectTimeoutMs ?? discoveryBudgetMs + DEFAULT_CONNECT_TIMEOUT_MS,
    deadlineMs,
    discoveryBudgetMs,
  };
}

/** Whether a store URL names EventStoreDB/KurrentDB (by its scheme). */
export function isEsdbUrl(url: string): boolean {
  const scheme = /^([a-z+]+):\/\//.exec(url.trim())?.[1];
  return scheme !== undefined && scheme in SCHEMES;
}

/** The URL with its password replaced, so that messages and logs can show it. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z+]+:\/\/[^:@/?]+):[^@/?]*@/i, '$1:***@');
}

/** The client compares option names case-insensitively and without `-`/`_`; so do we. */
function flatKey(key: string): string {
  return key.trim().toLowerCase().replace(/[_-]/g, '');
}

const UNITS = {
  defaultDeadline: 'milliseconds',
  maxDiscoverAttempts: 'attempts',
  gossipTimeout: 'seconds',
  discoveryInterval: 'milliseconds',
} as const;

function positiveInteger(displayUrl: string, key: string, value: string, unit: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) <= 0)
    throw invalid(displayUrl, `${key} must be a whole number of ${unit}, got "${value}"`);
  return Number(value);
}

function invalid(displayUrl: string, reason: string): EventStoreError {
  return new EventStoreError('STORE_UNAVAILABLE', `invalid EventStoreDB URL "${displayUrl}": ${reason}`);
}
