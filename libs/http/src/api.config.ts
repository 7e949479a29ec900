import { DEFAULT_STORE_URL } from '@libs/event-store';
import { dirname, join } from 'node:path';

/** Who answers for this installation; shown as `info.contact` of the OpenAPI document. */
export interface ApiContact {
  readonly name: string;
  readonly email: string;
  /** undefined: this service's own documentation (/docs on the address it is bound to) */
  readonly url?: string;
  /** the GELDSTROOM_CONTACT_* variables that were not set, so a placeholder stands in (a warning at start) */
  readonly unset: readonly string[];
}

/**
 * What the document names without GELDSTROOM_CONTACT_*: honestly a placeholder. The e-mail address is
 * under the reserved top-level domain .invalid (RFC 2606), so it can never reach anyone by mistake.
 */
export const PLACEHOLDER_CONTACT = {
  name: 'Beheerder van deze Geldstroom-installatie (stel GELDSTROOM_CONTACT_* in)',
  email: 'beheerder@geldstroom.invalid',
} as const;

/** The service's settings, read from the environment once at start-up and checked there. */
export interface ApiConfig {
  readonly port: number;
  readonly host: string;
  readonly storeUrl: string;
  readonly tokensFile: string;
  readonly idempotencyFile: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly bodyLimitBytes: number;
  readonly contact: ApiContact;
  /** how long the service keeps asking an unreachable or leaderless KurrentDB at start-up (GELDSTROOM_STORE_WAIT, seconds) */
  readonly storeWaitSeconds: number;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function integer(name: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max)
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  return Number(text);
}

const CONTACT_VARIABLES = ['GELDSTROOM_CONTACT_NAME', 'GELDSTROOM_CONTACT_EMAIL', 'GELDSTROOM_CONTACT_URL'] as const;

function contactOf(env: NodeJS.ProcessEnv): ApiContact {
  const email = env.GELDSTROOM_CONTACT_EMAIL || undefined;
  const url = env.GELDSTROOM_CONTACT_URL || undefined;
  if (email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw new ConfigError(`GELDSTROOM_CONTACT_EMAIL must be an e-mail address, got "${email}"`);
  if (url !== undefined && !/^https?:\/\/\S+$/.test(url))
    throw new ConfigError(`GELDSTROOM_CONTACT_URL must be an http(s) URL, got "${url}"`);
  return {
    name: env.GELDSTROOM_CONTACT_NAME || PLACEHOLDER_CONTACT.name,
    email: email ?? PLACEHOLDER_CONTACT.email,
    ...(url !== undefined ? { url } : {}),
    unset: CONTACT_VARIABLES.filter((name) => !env[name]),
  };
}

/** Environment first, explicit overrides (CLI flags, tests) win; every value is validated. */
export function loadApiConfig(env: NodeJS.ProcessEnv, overrides: Partial<ApiConfig> = {}): ApiConfig {
  const storeUrl = overrides.storeUrl ?? (env.GELDSTROOM_STORE || DEFAULT_STORE_URL);
  const tokensFile = overrides.tokensFile ?? (env.GELDSTROOM_TOKENS || './data/tokens.json');
  const logLevel = overrides.logLevel ?? ((env.LOG_LEVEL || 'info') as ApiConfig['logLevel']);
  if (!LOG_LEVELS.includes(logLevel))
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  return {
    port: overrides.port ?? integer('PORT', env.PORT || '3000', 0, 65535),
    // only this machine unless asked: a container sets HOST=0.0.0.0 itself
    host: overrides.host ?? (env.HOST || '127.0.0.1'),
    storeUrl,
    tokensFile,
    idempotencyFile:
      overrides.idempotencyFile ?? (env.GELDSTROOM_IDEMPOTENCY || join(dirname(tokensFile), 'idempotency.db')),
    logLevel,
    bodyLimitBytes:
      overrides.bodyLimitBytes ??
      integer('GELDSTROOM_BODY_LIMIT', env.GELDSTROOM_BODY_LIMIT || '1048576', 1024, 100 * 1048576),
    contact: overrides.contact ?? contactOf(env),
    storeWaitSeconds:
      overrides.storeWaitSeconds ?? integer('GELDSTROOM_STORE_WAIT', env.GELDSTROOM_STORE_WAIT || '60', 0, 3600),
  };
}
