import {
  Controller,
  Get,
  Param,
  Post,
  Query,
  Req,
  Res,
  UploadedFile,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { UploadInterceptor } from '../../http/upload-interceptor';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError } from '@libs/domain';
import { CommandFileError, commandFileText } from '@libs/ledger';
import { replayWithRevisions, Revision } from '@libs/projections';
import type { Request, Response } from 'express';
import { requirePrincipal } from '../../auth/bearer-auth.guard';
import { Public } from '../../auth/public.decorator';
import { UiAuthGuard } from '../auth/ui-auth.guard';
import { UiErrorFilter } from '../ui-error.filter';
import { keyLabel } from '../labels';
import { UiReadService } from '../ui-read.service';
import { whatIfPage } from '../views/what-if.view';
import { send } from './page-response';
import { chosenKey, editedKey, revisionsFromFile, formFieldRefusal, weightsOf, weightsRefusal } from './what-if-form';
import { UploadedFileParts } from '../../http/uploaded-file';

const MAX_REVISION_FILE = 1024 * 1024;

/** The what-if page: a key with other weights, or a revision file, replayed over the recorded years. */
@ApiExcludeController()
@Public()
@UseGuards(UiAuthGuard)
@UseFilters(UiErrorFilter)
@Controller()
export class UiWhatIfController {
  constructor(private readonly read: UiReadService) {}

  @Get('ui/regions/:regionId/what-if')
  async whatIf(
    @Req() request: Request,
    @Res() response: Response,
    @Param() params: Record<string, string>,
    @Query() query: Record<string, string>,
  ) {
    const principal = requirePrincipal(request);
    const data = await this.read.region(principal, params.regionId);
    send(response, whatIfPage(principal, data, { key: chosenKey(data, query.sleutel) }));
  }

  @Post('ui/regions/:regionId/what-if')
  @UseInterceptors(UploadInterceptor('herziening', { fileSize: MAX_REVISION_FILE, fields: 2000 }))
  async whatIfRun(
    @Req() request: Request,
    @Res() response: Response,
    @Param() params: Record<string, string>,
    @UploadedFile() file: UploadedFileParts | undefined,
  ) {
    const principal = requirePrincipal(request);
    const data = await this.read.region(principal, params.regionId);
    const body = (request.body ?? {}) as Record<string, string>;
    const key = chosenKey(data, body.sleutel);
    const weights = key ? weightsOf(body, key) : undefined;
    const uploaded = file && file.size > 0 ? file : undefined;
    const refuse = (error: string) => {
      response.status(400);
      send(response, whatIfPage(principal, data, { key, weights, error }));
    };
    const refusal = formFieldRefusal(body, key);
    if (refusal !== undefined) {
      refuse(refusal);
      return;
    }
    try {
      let revisions: Revision[];
      let source: string;
      if (uploaded) {
        const name = uploaded.originalname || 'herziening.jsonl';
        revisions = revisionsFromFile(name, commandFileText(name, uploaded.buffer), params.regionId);
        source = uploaded.originalname || 'herzieningsbestand';
      } else if (key && weights) {
        revisions = [editedKey(key, weights)];
        source = `${keyLabel(key.keyId)} v${key.version} met aangepaste gewichten`;
      } else {
        throw new DomainError('INVALID_FIELD', 'kies een bestand of een sleutel met gewichten', 'herziening');
      }
      const report = replayWithRevisions(params.regionId, data.events, data.state, revisions);
      response.status(200);
      send(response, whatIfPage(principal, data, { key, weights, report, source }));
    } catch (error) {
      if (!(error instanceof DomainError) && !(error instanceof CommandFileError)) throw error;
      // a refusal of the weights typed into the form is said in the form's words
      const typed = error instanceof DomainError && !uploaded && key && weights;
      refuse(typed ? weightsRefusal(error, key, weights) : error.message);
    }
  }
}
