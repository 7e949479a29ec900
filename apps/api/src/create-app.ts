import 'reflect-metadata';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { EventStore, openEventStore } from '@libs/event-store';
import pino, { Logger } from 'pino';
import { ApiConfig } from './api.config';
import { AppModule } from './app.module';
import { BearerAuthGuard } from './auth/bearer-auth.guard';
import { TokenStore } from './auth/token-store';
import { badRequest } from './http/problem';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { requestContext } from './http/request-context';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { LedgerService } from './ledger/ledger.service';

export interface CreatedApp {
  readonly app: NestExpressApplication;
  readonly ledger: LedgerService;
  readonly tokens: TokenStore;
  readonly logger: Logger;
}

/**
 * Builds the HTTP service over one store: JSON bodies up to the configured limit, a request id and a
 * log line per request, bearer tokens on every route but /health and /docs, problem+json errors,
 * validated query and path parameters, and the OpenAPI document at /docs.
 */
export async function createApp(
  config: ApiConfig,
  options: { store?: EventStore; logger?: Logger } = {},
): Promise<CreatedApp> {
  const logger = options.logger ?? pino({ level: config.logLevel, base: { service: 'geldstroom' } });
  const store = options.store ?? (await openEventStore(config.storeUrl));
  const ledger = new LedgerService(store);
  const tokens = new TokenStore(config.tokensFile);
  const idempotency = new IdempotencyStore(config.idempotencyFile);

  const app = await NestFactory.create<NestExpressApplication>(AppModule.with({ ledger, tokens, idempotency }), {
    bodyParser: false,
    logger: ['error', 'warn'],
    abortOnError: false,
  });
  app.disable('x-powered-by');
  app.use(requestContext(logger));
  app.useBodyParser('json', { limit: config.bodyLimitBytes, type: ['application/json', 'application/*+json'] });
  app.useGlobalFilters(new ProblemDetailsFilter(logger));
  app.useGlobalGuards(new BearerAuthGuard(app.get(Reflector), tokens));
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => {
        const first = errors[0];
        const reason = Object.values(first?.constraints ?? {})[0] ?? 'is not valid';
        return badRequest(
          reason.startsWith(first?.property ?? '') ? reason : `${first?.property}: ${reason}`,
          first?.property,
        );
      },
    }),
  );

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Geldstroom')
      .setDescription(
        'Event-sourced ledger of the regional money flows of beschermd wonen (BW) and maatschappelijke opvang (MO).',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });

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
