import { Module } from '@nestjs/common';
import { EventStore } from '@libs/event-store';
import { EVENT_STORE } from '../service.tokens';
import { SessionStore } from './auth/session.store';
import { UiAuthGuard } from './auth/ui-auth.guard';
import { LiveService } from './live/live.service';
import { UiLiveController } from './live/ui-live.controller';
import { UiAssetsController } from './ui-assets.controller';
import { UiErrorFilter } from './ui-error.filter';
import { UiImportController } from './ui-import.controller';
import { PendingUploads } from './imports/pending-uploads';
import { UiRegionPagesController } from './pages/ui-region-pages.controller';
import { UiWhatIfController } from './pages/ui-what-if.controller';
import { UiYearPagesController } from './pages/ui-year-pages.controller';
import { UiLoginController } from './ui-login.controller';
import { UiNotFoundController } from './ui-not-found.controller';
import { UiReadService } from './ui-read.service';

/**
 * The web interface (Dutch, server-rendered, offline): the start page at / and everything under /ui.
 * It reads through the service's LedgerService and checks tokens with its TokenStore (both provided
 * by the global ServiceModule), with the same read rule as the API.
 */
@Module({
  // the year pages' `:regionId/:year` route comes after the fixed paths it would otherwise shadow (import,
  // what-if, journaal), and the not-found page after every page
  controllers: [
    UiAssetsController,
    UiLoginController,
    UiLiveController,
    UiImportController,
    UiRegionPagesController,
    UiWhatIfController,
    UiYearPagesController,
    UiNotFoundController,
  ],
  providers: [
    UiReadService,
    UiAuthGuard,
    UiErrorFilter,
    { provide: PendingUploads, useFactory: () => new PendingUploads() },
    { provide: SessionStore, useFactory: () => new SessionStore() },
    { provide: LiveService, inject: [EVENT_STORE], useFactory: (store: EventStore) => new LiveService(store) },
  ],
})
export class UiModule {}
