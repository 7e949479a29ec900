import type { EventStore, OpenStoreOptions } from '@libs/event-store';
import { userInfo } from 'node:os';
import { CliIo } from './cli-io';

/** What every subcommand gets: its arguments, where to write, and how to open the store. */
export interface CliContext {
  readonly args: string[];
  readonly io: CliIo;
  readonly env: NodeJS.ProcessEnv;
  openStore(url: string | undefined, options?: OpenStoreOptions): Promise<EventStore>;
}

export function storeUrl(option: string | boolean | undefined, env: NodeJS.ProcessEnv): string | undefined {
  return typeof option === 'string' ? option : env.GELDSTROOM_STORE || undefined;
}

export function defaultActor(env: NodeJS.ProcessEnv): string {
  if (env.GELDSTROOM_ACTOR) return env.GELDSTROOM_ACTOR;
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}

/**
 * Opens the store for one command and closes it afterwards. Only writing commands pass
 * `create: true`: a command that reads, pointed at a SQLite file that does not exist, says so
 * instead of leaving an empty store behind.
 */
export async function withStore<T>(
  context: CliContext,
  url: string | undefined,
  work: (store: EventStore) => Promise<T>,
  options: OpenStoreOptions = { create: false },
): Promise<T> {
  const store = await context.openStore(storeUrl(url, context.env), options);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** The store is loaded by the subcommands that open one (`--help`, `token` and `generate` do not). */
export const defaultOpenStore = (url: string | undefined, options?: OpenStoreOptions) =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand (typed by typeof import)
  (require('@libs/event-store') as typeof import('@libs/event-store')).openEventStore(url, options);
