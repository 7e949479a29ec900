import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, NestExpressApplication } from '@nestjs/platform-express';
import { TokenStore } from '@libs/access';
import express from 'express';
import type { RequestListener } from 'node:http';
import { Logger } from 'pino';
import { ApiConfig } from './api.config';
import { AppModule } from './app.module';
import { APP_LOGGER } from './http/app-logger';
import { NestLogger } from './http/nest-logger';
import { queryParsedOnce } from './http/checked-params';
import { requestLogging } from './http/request-logging';
import { JsonBodies, jsonBodies } from './http/json-body';
import { requireJsonBody, requireUtf8 } from './http/request-body';
import { securityHeaders } from './http/security-headers';
import { LedgerService } from './ledger/ledger.service';
import { RegionQueries } from '@libs/queries';
import { StatementCache } from './regions/statement-cache';
import { statementFastPath } from './regions/statement-fast-path';
import { commandsFastPath } from './commands/commands-fast-path';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { addCommandSchemas } from './openapi/command-schemas';
import { buildOpenApiDocument, publishOpenApiDocument } from './openapi/openapi-document';
import { exceptPages, pageBodies } from './ui/ui-http';
import { ServiceOptions } from './service.module';

export interface CreateAppOptions {
  /** false: every statement GET goes through Nest (the tests compare the fast path's answers with Nest's) */
  readonly statementFastPath?: boolean;
  /** false: every POST of commands goes through Nest (likewise) */
  readonly commandsFastPath?: boolean;
}

export interface CreatedApp {
  readonly app: NestExpressApplication;
  readonly ledger: LedgerService;
  readonly tokens: TokenStore;
  readonly logger: Logger;
}

/**
 * The Express middleware in front of Nest's router, in this order: the request's id and log line,
 * security and API-Version headers on every answer, the query string parsed once, UTF-8 only, the JSON body (up to the configured
 * limit), the pages' form posts, and (but for the pages) JSON only, nested no deeper than the limit.
 */
function configureHttp(app: NestExpressApplication, logger: Logger, bodies: JsonBodies): void {
  app.disable('x-powered-by');
  app.use(requestLogging(logger));
  app.use(securityHeaders());
  app.use(queryParsedOnce());
  app.use(requireUtf8());
  app.use(bodies.middleware);
  app.use(pageBodies());
  app.use(exceptPages(requireJsonBody()));
}

/**
 * The fast paths in front of Express, as the server's one listener: a kept JSON statement
 * (statement-fast-path.ts) and the POST of commands (commands-fast-path.ts); each hands on what it does
 * not answer itself.
 */
function installFastPaths(
  app: NestExpressApplication,
  logger: Logger,
  bodies: JsonBodies,
  paths: { readonly statement: boolean; readonly commands: boolean },
): void {
  const server = app.getHttpServer();
  const listeners = server.listeners('request') as RequestListener[];
  // Express is the one listener Nest gives the server; anything else would be a surprise: no fast path then
  if (listeners.length !== 1 || !(paths.statement || paths.commands)) return;
  const [express] = listeners;
  const tokens = app.get(TokenStore);
  const afterStatements = paths.commands
    ? commandsFastPath(
        {
          tokens,
          services: { ledger: app.get(LedgerService), idempotency: app.get(IdempotencyStore) },
          bodies,
          express: app.getHttpAdapter().getInstance(),
          logger,
        },
        express,
      )
    : express;
  const listener = paths.statement
    ? statementFastPath(
        { tokens, queries: app.get(RegionQueries), cache: app.get(StatementCache), logger },
        afterStatements,
      )
    : afterStatements;
  server.removeAllListeners('request');
  server.on('request', listener);
}

/**
 * Builds the HTTP service over one store (AppModule): a request id and a log line per request,
 * security and API-Version headers on every answer, one URL per resource (no trailing-slash or case
 * aliases), JSON bodies up to the configured limit and depth, bearer tokens on every route but
 * /health and the documentation, problem+json errors, validated query and path parameters, and the
 * OpenAPI document at /openapi.json and /api/v1/openapi.json (Swagger UI at /docs). Closing the app
 * lets the appends in flight finish, then closes the store and the idempotency database.
 */
export async function createApp(
  config: ApiConfig,
  {
    statementFastPath: statement = true,
    commandsFastPath: commands = true,
    ...options
  }: Omit<ServiceOptions, 'config'> & CreateAppOptions,
): Promise<CreatedApp> {
  // Express answers /regions/ and /REGIONS like /regions unless told so before its router exists:
  // one URL per resource (NL API Design Rules /core/no-trailing-slash)
  const server = express();
  server.set('strict routing', true);
  server.set('case sensitive routing', true);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ config, ...options }),
    new ExpressAdapter(server),
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- Nest takes its options as a plain object; the class only describes them
    { bodyParser: false, bufferLogs: true, abortOnError: false },
  );
  // Nest buffers its own messages until it has its logger, and flushes them only in app.listen, which
  // serve does not use (it listens itself to report a taken port in one line): flushed here
  app.useLogger(app.get(NestLogger));
  app.flushLogs();
  const logger = app.get<Logger>(APP_LOGGER);
  const bodies = jsonBodies(config.bodyLimitBytes);
  configureHttp(app, logger, bodies);
  installFastPaths(app, logger, bodies, { statement, commands });
  // built when first asked for, not before the service answers its first request
  publishOpenApiDocument(app, () => addCommandSchemas(buildOpenApiDocument(app, config.contact)), config.contact);
  return { app, ledger: app.get(LedgerService), tokens: app.get(TokenStore), logger };
}
