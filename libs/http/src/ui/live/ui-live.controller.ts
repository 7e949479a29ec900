import { Controller, Get, Param, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { requirePrincipal } from '../../auth/bearer-auth.guard';
import { Public } from '../../auth/public.decorator';
import { problem, ProblemException } from '../../http/problem';
import { UiAuthGuard } from '../auth/ui-auth.guard';
import { UiErrorFilter } from '../ui-error.filter';
import { UiReadService } from '../ui-read.service';
import { LiveService } from './live.service';

const POSITION = /^\d{1,30}$/;

/** The event stream an open page listens to: a message for every burst of new events of its region. */
@ApiExcludeController()
@Public()
@UseGuards(UiAuthGuard)
@UseFilters(UiErrorFilter)
@Controller('ui/regions/:regionId/live')
export class UiLiveController {
  constructor(
    private readonly read: UiReadService,
    private readonly live: LiveService,
  ) {}

  @Get()
  async follow(@Req() request: Request, @Res() response: Response, @Param() params: Record<string, string>) {
    const data = await this.read.region(requirePrincipal(request), params.regionId);
    if (this.live.full)
      throw new ProblemException(
        problem(503, 'TOO_MANY_LIVE_PAGES', 'te veel pagina’s volgen nu live; deze pagina ververst niet vanzelf'),
      );
    // where the page was rendered, or where a reconnecting browser last heard from
    const resumeFrom = request.header('last-event-id') ?? (request.query.na as string | undefined);
    const after =
      typeof resumeFrom === 'string' && POSITION.test(resumeFrom) ? BigInt(resumeFrom) : BigInt(data.position);
    this.live.follow(params.regionId, after, response);
  }
}
