import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { EventStoreError } from '@libs/event-store';
import type { Response } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { Public } from '../auth/public.decorator';
import { RequestId } from '../http/request-id.decorator';
import { LedgerService } from '../ledger/ledger.service';

const TIMEOUT_MS = 3000;

/** The kind of store ("sqlite", "esdb"), never its path or address: /health answers anyone. */
const storeKind = (description: string) => /^([a-z+]+):/.exec(description)?.[1] ?? 'store';

/** Outside API version 1 (no token, not in the OpenAPI document): for load balancers and container checks. */
@ApiExcludeController()
@Controller()
export class HealthController {
  constructor(
    private readonly ledger: LedgerService,
    private readonly logger: PinoLogger,
  ) {}

  @Public()
  @Get('health')
  async health(@Res({ passthrough: true }) response: Response, @RequestId() requestId: string) {
    const store = storeKind(this.ledger.store.description);
    try {
      // a read goes through the store's own checks (for SQLite: is the open file still the file at its path?)
      await Promise.race([
        this.ledger.store.readAll({ maxCount: 1 }),
        new Promise((_, reject) =>
          setTimeout(
            () => reject(new EventStoreError('STORE_TIMEOUT', `the store gave no answer within ${TIMEOUT_MS} ms`)),
            TIMEOUT_MS,
          ).unref(),
        ),
      ]);
      return { status: 'ok', store };
    } catch (error) {
      this.logger.error({ err: error, requestId }, 'health check: the store did not answer');
      response.status(503);
      const code = (error as { code?: unknown }).code;
      return {
        status: 'unavailable',
        store,
        ...(typeof code === 'string' ? { code } : {}),
        // the store's reason leaves out where it lives (no path, no address)
        detail: error instanceof EventStoreError ? error.reason : 'the store did not answer; the service log says why',
      };
    }
  }
}
