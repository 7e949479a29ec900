import { Controller, Get, NotFoundException, Req, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../auth/public.decorator';
import { UiAuthGuard } from './auth/ui-auth.guard';
import { UiErrorFilter } from './ui-error.filter';

/**
 * A path under /ui that is no page (a mistyped or outdated link) gets the Dutch error page like any other
 * page's error, not the API's problem+json; signed in as any page is (without a session: the login first).
 * Registered after every other page, which it would otherwise shadow.
 */
@ApiExcludeController()
@Public()
@UseGuards(UiAuthGuard)
@UseFilters(UiErrorFilter)
@Controller('ui')
export class UiNotFoundController {
  @Get('*path')
  notFound(@Req() request: Request): never {
    throw new NotFoundException(`Deze pagina bestaat niet: ${request.path}`);
  }
}
