import { Controller, Get, NotFoundException, Req, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { UiErrorFilter } from './ui-error.filter';

/**
 * A path under /ui that is no page (a mistyped or outdated link) gets the Dutch error page like any other
 * page's error, not the API's problem+json. Registered after every other page, which it would otherwise shadow.
 */
@ApiExcludeController()
@UseFilters(UiErrorFilter)
@Controller('ui')
export class UiNotFoundController {
  @Get('*path')
  notFound(@Req() request: Request): never {
    throw new NotFoundException(`Deze pagina bestaat niet: ${request.path}. Kies hieronder een regio.`);
  }
}
