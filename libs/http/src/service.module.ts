import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { TokenStore } from '@libs/access';
import { EventStore } from '@libs/event-store';
import { RegionQueries } from '@libs/queries';
import { Logger } from 'pino';
import { ApiConfig } from './api.config';
import { APP_LOGGER } from './http/app-logger';
import { Clock, CLOCK, systemClock } from './http/clock';
import { serviceLogger } from './http/service-log';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { LedgerService } from './ledger/ledger.service';
import { API_CONFIG, EVENT_STORE } from './service.tokens';

/** What the service runs with: its settings and its event store; tests may hand in a logger or an idempotency store. */
export interface ServiceOptions {
  readonly config: ApiConfig;
  readonly store: EventStore;
  /** the root logger; by default pino at config.logLevel on stdout */
  readonly logger?: Logger;
  /** the idempotency store; by default a SQLite file at config.idempotencyFile */
  readonly idempotency?: (logger: Logger) => IdempotencyStore;
  /** when documents say they were generated; by default now (tests fix it) */
  readonly clock?: Clock;
}

function serviceProviders(options: ServiceOptions): Provider[] {
  return [
    { provide: API_CONFIG, useValue: options.config },
    { provide: EVENT_STORE, useValue: options.store },
    { provide: CLOCK, useValue: options.clock ?? systemClock },
    {
      provide: APP_LOGGER,
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig): Logger => options.logger ?? serviceLogger({ level: config.logLevel }),
    },
    LedgerService,
    {
      provide: RegionQueries,
      inject: [LedgerService],
      useFactory: (ledger: LedgerService) => new RegionQueries(ledger.ledger),
    },
    { provide: TokenStore, inject: [API_CONFIG], useFactory: (config: ApiConfig) => new TokenStore(config.tokensFile) },
    {
      provide: IdempotencyStore,
      inject: [API_CONFIG, APP_LOGGER],
      useFactory: (config: ApiConfig, logger: Logger) =>
        options.idempotency?.(logger) ?? new IdempotencyStore(config.idempotencyFile, { logger }),
    },
  ];
}

/**
 * The service's settings and the resources every part of it shares: the config, the clock, the root
 * logger, the event store with its ledger and the region queries, the token file and the idempotency
 * store. Global, so that feature
 * modules (the API, the web interface) inject them without importing this module; each resource
 * closes itself when the application shuts down.
 */
@Global()
@Module({})
export class ServiceModule {
  static forRoot(options: ServiceOptions): DynamicModule {
    const providers = serviceProviders(options);
    return {
      module: ServiceModule,
      providers,
      exports: [API_CONFIG, EVENT_STORE, CLOCK, APP_LOGGER, LedgerService, RegionQueries, TokenStore, IdempotencyStore],
    };
  }
}
