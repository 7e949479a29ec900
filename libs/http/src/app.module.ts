import { DynamicModule, Module } from '@nestjs/common';
import { Logger } from 'pino';
import { TokenStore } from '@libs/access';
import { CommandsController } from './commands/commands.controller';
import { HealthController } from './health/health.controller';
import { APP_LOGGER } from './http/app-logger';
import { ImportsController } from './imports/imports.controller';
import { Clock, CLOCK, systemClock } from './http/clock';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { IntegrityController } from './integrity/integrity.controller';
import { LedgerService } from './ledger/ledger.service';
import { LettersController } from './letters/letters.controller';
import { QueriesController } from './queries/queries.controller';
import { RegionsController } from './regions/regions.controller';
import { UiModule } from './ui/ui.module';

export interface AppDependencies {
  readonly ledger: LedgerService;
  readonly tokens: TokenStore;
  readonly idempotency: IdempotencyStore;
  readonly logger: Logger;
  readonly clock?: Clock;
}

@Module({})
export class AppModule {
  static with(dependencies: AppDependencies): DynamicModule {
    return {
      module: AppModule,
      // the service's providers are global: the web interface (UiModule) reads through the same ones
      global: true,
      imports: [UiModule],
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
        { provide: LedgerService, useValue: dependencies.ledger },
        { provide: TokenStore, useValue: dependencies.tokens },
        { provide: IdempotencyStore, useValue: dependencies.idempotency },
        { provide: APP_LOGGER, useValue: dependencies.logger },
        { provide: CLOCK, useValue: dependencies.clock ?? systemClock },
      ],
      exports: [LedgerService, TokenStore, IdempotencyStore, APP_LOGGER, CLOCK],
    };
  }
}
