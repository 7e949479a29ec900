import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { LoggerModule, Params } from 'nestjs-pino';
import { Logger } from 'pino';
import { BearerAuthGuard } from './auth/bearer-auth.guard';
import { CommandsController } from './commands/commands.controller';
import { HealthController } from './health/health.controller';
import { APP_LOGGER } from './http/app-logger';
import { CheckedParamsPipe } from './http/checked-params';
import { InvalidParamsGuard } from './http/invalid-params.guard';
import { NestLogger } from './http/nest-logger';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { ImportsController } from './imports/imports.controller';
import { IntegrityController } from './integrity/integrity.controller';
import { LettersController } from './letters/letters.controller';
import { QueriesController } from './queries/queries.controller';
import { RegionsController } from './regions/regions.controller';
import { StatementCache } from './regions/statement-cache';
import { ServiceModule, ServiceOptions } from './service.module';
import { UiModule } from './ui/ui.module';

/**
 * nestjs-pino over the service's root logger: Nest's LoggerService and PinoLogger for the providers. The
 * request line is the first Express middleware's (requestLogging, see createApp); no route gets
 * nestjs-pino's per-request context (an AsyncLocalStorage and child loggers on every request), so a line
 * logged while a request runs names its request itself.
 */
const logging = LoggerModule.forRootAsync({
  inject: [APP_LOGGER],
  useFactory: (logger: Logger): Params => ({ pinoHttp: { logger }, useExisting: true, forRoutes: [] }),
});

/**
 * The HTTP application: the API version 1 controllers, /health and the web interface (UiModule)
 * over the ServiceModule's resources. Every route needs a bearer token unless marked @Public() (BearerAuthGuard), then its
 * path and query parameters are checked together (InvalidParamsGuard: in this order, who is asking
 * — 401 — before what is asked — 400); every error leaves as problem+json (ProblemDetailsFilter).
 */
@Module({})
export class AppModule {
  static forRoot(options: ServiceOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceModule.forRoot(options), logging, UiModule],
      controllers: [
        CommandsController,
        RegionsController,
        LettersController,
        QueriesController,
        IntegrityController,
        HealthController,
        ImportsController,
      ],
      providers: [
        NestLogger,
        { provide: StatementCache, useFactory: () => new StatementCache() },
        { provide: APP_GUARD, useClass: BearerAuthGuard },
        { provide: APP_GUARD, useClass: InvalidParamsGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useClass: CheckedParamsPipe },
      ],
    };
  }
}
