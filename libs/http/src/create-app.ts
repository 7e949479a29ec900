import 'reflect-metadata';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { ExpressAdapter, NestExpressApplication } from '@nestjs/platform-express';
import { EventStore, openEventStore } from '@libs/event-store';
import express from 'express';
import pino, { Logger } from 'pino';
import { ApiConfig } from './api.config';
import { AppModule } from './app.module';
import { BearerAuthGuard } from './auth/bearer-auth.guard';
import { TokenStore } from '@libs/access';
import { InvalidParamsGuard } from './http/invalid-params.guard';
import { validationProblem } from './http/validation-problem';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { requestContext } from './http/request-context';
import { requireJsonBody, requireUtf8 } from './http/request-body';
import { securityHeaders } from './http/security-headers';
import { Clock } from './http/clock';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { LedgerService } from './ledger/ledger.service';
import { addCommandSchemas } from './openapi/command-schemas';
import { buildOpenApiDocument, publishOpenApiDocument } from './openapi/openapi-document';
import { exceptPages, pageBodies } from './ui/ui-http';

export interface CreatedApp {
  readonly app: NestExpressApplication;
  readonly ledger: LedgerService;
  readonly tokens: TokenStore;
  readonly logger: Logger;
}

/**
 * Builds the HTTP service over one store: a request id and a log line per request, security and
 * API-Version headers on every answer, one URL per resource (no trailing-slash or case aliases),
 * JSON bodies up to the configured limit and depth, bearer tokens on every route but /health and the
 * documentation, problem+json errors, validated query and path parameters, and the OpenAPI document
 * at /openapi.json and /api/v1/openapi.json (Swagger UI at /docs).
 */
export async function createApp(
  config: ApiConfig,
  options: { store?: EventStore; logger?: Logger; idempotency?: IdempotencyStore; clock?: Clock } = {},
): Promise<CreatedApp> {
  const logger = options.logger ?? pino({ level: config.logLevel, base: { service: 'geldstroom' } });
  const store = options.store ?? (await openEventStore(config.storeUrl, { create: true }));
  const ledger = new LedgerService(store);
  const tokens = new TokenStore(config.tokensFile);
  const idempotency = options.idempotency ?? new IdempotencyStore(config.idempotencyFile, { logger });

  // Express answers /regions/ and /REGIONS like /regions unless told so before its router exists:
  // one URL per resource (NL API Design Rules /core/no-trailing-slash)
  const server = express();
  server.set('strict routing', true);
  server.set('case sensitive routing', true);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.with({ ledger, tokens, idempotency, logger, clock: options.clock }),
    new ExpressAdapter(server),
    { bodyParser: false, logger: ['error', 'warn'], abortOnError: false },
  );
  app.disable('x-powered-by');
  app.use(requestContext(logger));
  app.use(securityHeaders());
  app.use(requireUtf8());
  app.useBodyParser('json', { limit: config.bodyLimitBytes, type: ['application/json', 'application/*+json'] });
  app.use(pageBodies());
  app.use(exceptPages(requireJsonBody()));
  app.useGlobalFilters(new ProblemDetailsFilter(logger));
  // in this order: who is asking (401) before what is asked (400)
  app.useGlobalGuards(new BearerAuthGuard(app.get(Reflector), tokens), new InvalidParamsGuard());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationProblem,
    }),
  );

  publishOpenApiDocument(app, addCommandSchemas(buildOpenApiDocument(app, config.contact)));

  const originalClose = app.close.bind(app);
  let closed = false;
  app.close = async () => {
    if (closed) return;
    closed = true;
    await originalClose();
    idempotency.close();
  };
  return { app, ledger, tokens, logger };
}
