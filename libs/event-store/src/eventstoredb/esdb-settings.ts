import { EventStoreError } from '../event-store.errors';

/**
 * The client settings Geldstroom passes unless the URL names them itself. The client's own defaults
 * (ten discovery attempts of up to five seconds each) let a dead cluster hang a CLI call for close to a
 * minute; these make it fail in seconds.
 */
export const ESDB_CLIENT_DEFAULTS = {
  /** per append, in milliseconds */
  defaultDeadline: 10_000,
  /** the client warns below 10 s, the value gRPC recommends */
  keepAliveInterval: 10_000,
  keepAliveTimeout: 10_000,
  /** cluster discovery (esdb+discover:// or several hosts) */
  maxDiscoverAttempts: 3,
  discoveryInterval: 500,
  /** in seconds, as the client counts it */
  gossipTimeout: 3,
} as const;

/** How long opening a store waits for the server's first answer before calling it unreachable. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 3_000;

/** Geldstroom's own query option, taken out before the client sees the URL (it warns about keys it does not know). */
const CONNECT_TIMEOUT_KEY = 'connecttimeout';

export interface EsdbSettings {
  /** the connection string handed to the client, with every setting explicit */
  readonly connectionString: string;
  /** the URL as given, password hidden: what messages show */
  readonly displayUrl: string;
  readonly connectTimeoutMs: number;
  /** the append deadline; also how long a read may go without receiving anything */
  readonly deadlineMs: number;
}

/** Reads an `esdb://` or `esdb+discover://` URL and makes its connection and deadline settings explicit. */
export function esdbSettings(url: string): EsdbSettings {
  const displayUrl = redactUrl(url.trim());
  const match = /^(esdb(?:\+discover)?:\/\/[^?]+)(?:\?(.*))?$/.exec(url.trim());
  if (!match)
    throw invalid(displayUrl, 'expected esdb://host:port[,host:port…][?key=value&…] or esdb+discover://host:port');
  const [, base, query = ''] = match;

  const pairs: [string, string][] = [];
  for (const part of query.split('&').filter((each) => each !== '')) {
    const equals = part.indexOf('=');
    if (equals <= 0 || equals === part.length - 1) throw invalid(displayUrl, `"${part}" is not key=value`);
    pairs.push([part.slice(0, equals), part.slice(equals + 1)]);
  }

  let connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS;
  const kept: [string, string][] = [];
  for (const [key, value] of pairs) {
    const flat = flatKey(key);
    if (flat === CONNECT_TIMEOUT_KEY) connectTimeoutMs = positiveInteger(displayUrl, key, value);
    // Conflicts must arrive as errors: the adapter never reads the success flag of an append.
    else if (flat !== 'throwonappendfailure') kept.push([key, value]);
  }
  const given = new Set(kept.map(([key]) => flatKey(key)));
  for (const [key, value] of Object.entries(ESDB_CLIENT_DEFAULTS)) {
    if (!given.has(flatKey(key))) kept.push([key, String(value)]);
  }
  kept.push(['throwOnAppendFailure', 'true']);

  const deadline = kept.find(([key]) => flatKey(key) === 'defaultdeadline');
  const deadlineMs = positiveInteger(
    displayUrl,
    'defaultDeadline',
    deadline?.[1] ?? String(ESDB_CLIENT_DEFAULTS.defaultDeadline),
  );
  return {
    connectionString: `${base}?${kept.map(([key, value]) => `${key}=${value}`).join('&')}`,
    displayUrl,
    connectTimeoutMs,
    deadlineMs,
  };
}

/** The URL with its password replaced, so that messages and logs can show it. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z+]+:\/\/[^:@/?]+):[^@/?]*@/i, '$1:***@');
}

/** The client compares option names case-insensitively and without `-`/`_`; so do we. */
function flatKey(key: string): string {
  return key.trim().toLowerCase().replace(/[_-]/g, '');
}

function positiveInteger(displayUrl: string, key: string, value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) <= 0)
    throw invalid(displayUrl, `${key} must be a whole number of milliseconds, got "${value}"`);
  return Number(value);
}

function invalid(displayUrl: string, reason: string): EventStoreError {
  return new EventStoreError('STORE_UNAVAILABLE', `invalid EventStoreDB URL "${displayUrl}": ${reason}`);
}
