import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { LedgerService } from '../ledger/ledger.service';

const TIMEOUT_MS = 3000;

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(private readonly ledger: LedgerService) {}

  @Public()
  @Get('health')
  @ApiOperation({ summary: 'Is the service up and its store reachable?' })
  async health(@Res({ passthrough: true }) response: Response) {
    const store = this.ledger.store.description;
    try {
      await Promise.race([
        this.ledger.store.readAll({ maxCount: 1 }),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref(),
        ),
      ]);
      return { status: 'ok', store };
    } catch (error) {
      response.status(503);
      return { status: 'unavailable', store, detail: (error as Error).message };
    }
  }
}
