import { EventStore, openEventStore } from '@libs/event-store';
import { allEvents, applyCommandFile, Ledger } from '@libs/ledger';
import { readFileSync } from 'node:fs';
import { ExitCode, UsageError } from '../cli-error';
import { CliContext, storeUrl } from '../cli-context';
import { parseOptions, storeOption } from '../cli-options';
import type * as Api from '../../../api/src';

export const SERVE_USAGE = 'geldstroom serve [--port N] [--host H] [--store URL] [--tokens FILE] [--seed FILE]';

/**
 * Runs the HTTP API until SIGTERM/SIGINT, then stops accepting requests, lets the appends in flight
 * finish and closes the store. `--seed FILE` applies a command file first when the store holds nothing
 * else (see applySeed).
 */
export async function serveCommand(context: CliContext): Promise<number> {
  const { values } = parseOptions(context.args, {
    ...storeOption,
    port: { type: 'string' },
    host: { type: 'string' },
    tokens: { type: 'string' },
    seed: { type: 'string' },
  });
  // the HTTP stack is loaded only here, so the other subcommands start fast
  const { loadApiConfig, ConfigError, createApp } = require('../../../api/src') as typeof Api;
  let config;
  try {
    config = loadApiConfig(context.env, {
      ...(values.port !== undefined ? { port: portOption(values.port) } : {}),
      ...(values.host !== undefined ? { host: values.host } : {}),
      ...(storeUrl(values.store, context.env) ? { storeUrl: storeUrl(values.store, context.env) } : {}),
      ...(values.tokens !== undefined ? { tokensFile: values.tokens } : {}),
    });
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const seed = values.seed === undefined ? undefined : { file: values.seed, text: readSeed(values.seed) };
  const store = await openEventStore(config.storeUrl, { create: true });
  if (seed) await applySeed(store, seed.file, seed.text, context);
  const { app, tokens, logger } = await createApp(config, { store });
  try {
    // listened on here rather than with app.listen, which would log the refusal as a stack trace first
    await app.init();
    await new Promise<void>((resolve, reject) => {
      const server = app.getHttpServer();
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    const reason = listenRefusal(error, config.host, config.port);
    if (!reason) throw error;
    await app.close();
    context.io.err(`geldstroom: ${reason}`);
    return ExitCode.usage;
  }
  if (tokens.isEmpty()) {
    const { token } = tokens.create({ actor: 'admin', role: 'admin' });
    context.io.err(
      `No tokens yet: created an admin token (stored only as a hash in ${config.tokensFile}). It is shown once:\n\n  ${token}\n\nUse it as "Authorization: Bearer ${token.slice(0, 8)}…"; make more with "geldstroom token create".`,
    );
  }
  if (!config.contact.email || !config.contact.url)
    logger.warn(
      'GELDSTROOM_CONTACT_EMAIL and GELDSTROOM_CONTACT_URL are not both set: the OpenAPI document names no complete contact (NL API Design Rules /core/doc-openapi-contact)',
    );
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port, store: store.description }, 'listening');
  context.io.err(
    `Geldstroom API on http://localhost:${port} (store ${store.description}); documentation at http://localhost:${port}/docs`,
  );
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'shutting down: finishing requests in flight');
      void app.close().then(resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  logger.info('stopped');
  return 0;
}

/** Why the address cannot be listened on, in one line, for the errors that are the caller's to fix. */
function listenRefusal(error: unknown, host: string, port: number): string | undefined {
  switch ((error as NodeJS.ErrnoException)?.code) {
    case 'EADDRINUSE':
      return `port ${port} on ${host} is already in use (another geldstroom serve?); choose another with --port N or PORT`;
    case 'EACCES':
      return `may not listen on port ${port} on ${host} (ports below 1024 need privileges); choose another with --port N or PORT`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot listen on ${host}: not an address of this machine; choose another with --host H or HOST`;
    default:
      return undefined;
  }
}

/**
 * The seed goes into a store that holds nothing else: an empty one, or one that an interrupted start
 * seeded in part (every event recorded by the seed). It resumes after the last line that recorded
 * events — each command is atomic, so that line is complete — and the lines after it recorded nothing
 * in the same state before, so they record nothing again: a seed applied already records nothing. A
 * store with other events is left alone.
 */
async function applySeed(store: EventStore, file: string, text: string, context: CliContext): Promise<void> {
  let seeded = 0;
  let lastLine = 0;
  for await (const event of allEvents(store)) {
    if (event.metadata.actor !== SEED_ACTOR) return;
    seeded += 1;
    lastLine = Math.max(lastLine, Number(/:(\d+)$/.exec(String(event.metadata.source))?.[1] ?? 0));
  }
  const report = await applyCommandFile(new Ledger(store), file, text, { actor: SEED_ACTOR }, { afterLine: lastLine });
  if (seeded === 0) context.io.err(`loaded ${file} into the empty store: ${report.events} event(s)`);
  else if (report.events > 0)
    context.io.err(`completed the seed ${file}: ${report.events} event(s) an interrupted start had not recorded`);
}

const SEED_ACTOR = 'system:seed';

function readSeed(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the seed ${file}: ${(error as Error).message}`);
  }
}

function portOption(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535)
    throw new UsageError(`--port must be a port number, got "${value}"`);
  return Number(value);
}
