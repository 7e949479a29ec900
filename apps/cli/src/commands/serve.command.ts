import { EventStore, openEventStore } from '@libs/event-store';
import { allEvents, applyCommandFile, commandFileText, Ledger } from '@libs/ledger';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { ExitCode, UsageError } from '../cli-error';
import { CliContext, storeUrl } from '../cli-context';
import { parseOptions, storeOption } from '../cli-options';
import { EXAMPLE_REGION_ID, exampleCommandFile } from '../example-region';
import { boundServiceHeapGrowth } from './service-heap';
import type * as Http from '@libs/http';

type HttpModule = typeof Http;
type ServeValues = ReturnType<typeof serveOptions>;

function serveOptions(args: string[]) {
  const { values } = parseOptions(args, {
    ...storeOption,
    port: { type: 'string' },
    host: { type: 'string' },
    tokens: { type: 'string' },
    seed: { type: 'string' },
    example: { type: 'boolean' },
  });
  if (values.example && values.seed !== undefined) throw new UsageError('--seed and --example exclude each other');
  return values;
}

/** The settings from the environment with the options on top; a bad value is a usage error. */
function serviceConfig(http: HttpModule, values: ServeValues, context: CliContext): Http.ApiConfig {
  const store = storeUrl(values.store, context.env);
  try {
    return http.loadApiConfig(context.env, {
      ...(values.port !== undefined ? { port: portOption(values.port) } : {}),
      ...(values.host !== undefined ? { host: values.host } : {}),
      ...(store ? { storeUrl: store } : {}),
      ...(values.tokens !== undefined ? { tokensFile: values.tokens } : {}),
    });
  } catch (error) {
    if (error instanceof http.ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

/** The store, waited for (a service started together with its database, a leader for KurrentDB) and seeded if asked. */
async function openSeededStore(config: Http.ApiConfig, values: ServeValues, context: CliContext): Promise<EventStore> {
  const store = await openEventStore(config.storeUrl, {
    create: true,
    waitMs: config.storeWaitSeconds * 1000,
    onRetry: ({ delayMs, error }) =>
      context.io.err(`waiting for the store: ${error.message}; asking again in ${(delayMs / 1000).toFixed(1)} s`),
  });
  const seed = values.example
    ? exampleCommandFile()
    : values.seed !== undefined
      ? { name: values.seed, text: readSeed(values.seed) }
      : undefined;
  if (!seed) return store;
  const seeded = await applySeed(store, seed.name, seed.text, context);
  if (values.example) {
    const holdsExample = seeded || (await new Ledger(store).regionIds()).includes(EXAMPLE_REGION_ID);
    context.io.err(
      holdsExample
        ? exampleNotice(config.storeUrl)
        : `--example: ${store.description} already holds events, so the example was not loaded`,
    );
  }
  return store;
}

/**
 * Listens on the configured address; a taken port or a foreign host is the reason in one line.
 * Listened on here rather than with app.listen, which would log the refusal as a stack trace first.
 */
async function listen(app: Http.CreatedApp['app'], config: Http.ApiConfig): Promise<string | undefined> {
  try {
    await app.init();
    await new Promise<void>((resolve, reject) => {
      const server = app.getHttpServer();
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return undefined;
  } catch (error) {
    const reason = listenRefusal(error, config.host, config.port);
    if (!reason) throw error;
    return reason;
  }
}

/** The first start's admin token, a placeholder contact's warning, the log line and the banner with the bound address. */
async function announce(
  http: HttpModule,
  created: Http.CreatedApp,
  config: Http.ApiConfig,
  context: CliContext,
): Promise<void> {
  const { app, tokens, logger, ledger } = created;
  if (tokens.isEmpty()) {
    const { token } = tokens.create({ actor: 'admin', role: 'admin' });
    context.io.err(
      `No tokens yet: created an admin token (stored only as a hash in ${config.tokensFile}). It is shown once:\n\n  ${token}\n\nUse it as "Authorization: Bearer ${token.slice(0, 8)}…"; make more with "geldstroom token create".`,
    );
  }
  const { url, host, port, everyInterface } = http.boundAddress(app.getHttpServer().address() as AddressInfo);
  if (config.contact.unset.length > 0)
    logger.warn(
      { unset: config.contact.unset },
      `${config.contact.unset.join(', ')} not set: the OpenAPI document names a placeholder contact (${config.contact.email}${config.contact.url ? '' : `, ${url}/docs`}); set them to name who answers for this installation`,
    );
  logger.info({ host, port, url, store: ledger.store.description }, 'listening');
  // the log is written in blocks (ServiceModule): the start is in it before the banner says so
  await new Promise<void>((resolve) => logger.flush(() => resolve()));
  context.io.err(
    `Geldstroom API on ${url} (store ${ledger.store.description}); documentation at ${url}/docs${
      everyInterface ? ' (listening on every interface)' : ''
    }`,
  );
}

/**
 * Until SIGTERM or SIGINT; then the app closes: the server stops accepting requests, the appends in
 * flight finish, and the store and the idempotency database close (their OnApplicationShutdown hooks).
 * The signals are this command's rather than Nest's enableShutdownHooks, which would end the process
 * itself (by the signal, or process.exit) instead of returning the exit code through the CLI.
 */
async function untilStopped(created: Http.CreatedApp): Promise<void> {
  const { app, logger } = created;
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'shutting down: finishing requests in flight');
      void app.close().then(resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  logger.info('stopped');
  // the log is written asynchronously: all of it is out before serve returns
  await new Promise<void>((resolve) => logger.flush(() => resolve()));
}

/**
 * Runs the HTTP API until SIGTERM/SIGINT, then stops accepting requests, lets the appends in flight
 * finish and closes the store. `--seed FILE` applies a command file first when the store holds nothing
 * else (see applySeed); `--example` does so with the Holland Rijnland example, as region
 * `voorbeeld-holland-rijnland`.
 */
export async function serveCommand(context: CliContext): Promise<number> {
  const values = serveOptions(context.args);
  boundServiceHeapGrowth();
  // the HTTP stack is loaded only here, so the other subcommands start fast
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, not at start-up (see above)
  const http = require('@libs/http') as HttpModule;
  const config = serviceConfig(http, values, context);
  const store = await openSeededStore(config, values, context);
  const created = await http.createApp(config, { store });
  const refusal = await listen(created.app, config);
  if (refusal) {
    await created.app.close();
    context.io.err(`geldstroom: ${refusal}`);
    return ExitCode.usage;
  }
  await announce(http, created, config, context);
  await untilStopped(created);
  return ExitCode.ok;
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
 * store with other events is left alone (false).
 */
async function applySeed(store: EventStore, file: string, text: string, context: CliContext): Promise<boolean> {
  let seeded = 0;
  let lastLine = 0;
  for await (const event of allEvents(store)) {
    if (event.metadata.actor !== SEED_ACTOR) return false;
    seeded += 1;
    lastLine = Math.max(lastLine, Number(/:(\d+)$/.exec(event.metadata.source)?.[1] ?? 0));
  }
  const report = await applyCommandFile(new Ledger(store), file, text, { actor: SEED_ACTOR }, { afterLine: lastLine });
  if (seeded === 0) context.io.err(`loaded ${file} into the empty store: ${report.events} event(s)`);
  else if (report.events > 0)
    context.io.err(`completed the seed ${file}: ${report.events} event(s) an interrupted start had not recorded`);
  return true;
}

const SEED_ACTOR = 'system:seed';

function readSeed(file: string): string {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (error) {
    throw new UsageError(`cannot read the seed ${file}: ${(error as Error).message}`);
  }
  return commandFileText(file, data);
}

function exampleNotice(storeUrl: string): string {
  const file = storeUrl.startsWith('sqlite:') ? storeUrl.slice('sqlite:'.length) : undefined;
  return [
    '',
    `The example region "${EXAMPLE_REGION_ID}" holds illustrative figures, with 2023 and 2024 closed.`,
    'Events are never deleted: to start clean, stop the service and serve another store, e.g.',
    '  MALLOC_ARENA_MAX=2 MALLOC_TRIM_THRESHOLD_=131072 node --max-semi-space-size=4 bin/geldstroom.js serve --store sqlite:./data/mijn-regio.db',
    file
      ? `or delete ${file} (with its -wal and -shm files) and start again without --example.`
      : 'or start again without --example on an empty store.',
    '',
  ].join('\n');
}

function portOption(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535)
    throw new UsageError(`--port must be a port number, got "${value}"`);
  return Number(value);
}
