import {
  Controller,
  Get,
  Param,
  Post,
  Req,
  Res,
  UploadedFile,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { UploadInterceptor } from '../http/upload-interceptor';
import { ApiExcludeController } from '@nestjs/swagger';
import { Principal } from '@libs/access';
import { IntakeError, IntakeReport } from '@libs/intake';
import type { Request, Response } from 'express';
import { requirePrincipal } from '../auth/bearer-auth.guard';
import { Public } from '../auth/public.decorator';
import { problem, ProblemException } from '../http/problem';
import { requestIdOf } from '../http/request-context';
import { intakeUpload, isSpreadsheetName, mayImport, MAX_UPLOAD_BYTES, uploadName } from '../imports/upload-intake';
import { LedgerService } from '../ledger/ledger.service';
import { requireFormToken, sessionOf, UiAuthGuard } from './auth/ui-auth.guard';
import { PendingUploads } from './imports/pending-uploads';
import { UiErrorFilter } from './ui-error.filter';
import { UiReadService } from './ui-read.service';
import { importPage, ImportView } from './views/import.view';
import { UploadedFileParts } from '../http/uploaded-file';

/**
 * The spreadsheet upload of the web interface, for recorders and admins: a multipart form (no
 * client-side JavaScript), first the intake's dry-run preview, then "Vastleggen" records it — the
 * API's import rule (upload-intake.ts) with Dutch pages around it.
 */
@ApiExcludeController()
@Public()
@UseGuards(UiAuthGuard)
@UseFilters(UiErrorFilter)
@Controller('ui/regions/:regionId/import')
export class UiImportController {
  constructor(
    private readonly read: UiReadService,
    private readonly ledger: LedgerService,
    private readonly pending: PendingUploads,
  ) {}

  @Get()
  async form(@Req() request: Request, @Res() response: Response, @Param() params: Record<string, string>) {
    const regionId = params.regionId;
    const { principal, data } = await this.allowed(request, regionId);
    this.send(response, importPage(principal, data, this.base(request)));
  }

  @Post()
  @UseInterceptors(UploadInterceptor('bestand', { fileSize: MAX_UPLOAD_BYTES, fields: 4 }))
  async preview(
    @Req() request: Request,
    @Res() response: Response,
    @Param() params: Record<string, string>,
    @UploadedFile() upload: UploadedFileParts | undefined,
  ) {
    const regionId = params.regionId;
    const { principal, data } = await this.allowed(request, regionId);
    requireFormToken(request, (request.body as Record<string, unknown> | undefined)?.formulier);
    const view = this.base(request);
    if (!upload || upload.size === 0) {
      response.status(400);
      this.send(response, importPage(principal, data, { ...view, error: 'Kies eerst een bestand.' }));
      return;
    }
    const file = uploadName(upload.originalname);
    if (!isSpreadsheetName(file)) {
      response.status(415);
      this.send(
        response,
        importPage(principal, data, {
          ...view,
          error: `"${file}" is geen werkboek (.xlsx) of CSV-bestand (.csv).`,
        }),
      );
      return;
    }
    const outcome = await this.run(request, principal, regionId, file, upload.buffer, true);
    if ('issues' in outcome) {
      response.status(400);
      this.send(response, importPage(principal, data, { ...view, file, ...outcome }));
      return;
    }
    const kept = this.pending.keep({ tokenId: principal.tokenId, regionId, file, data: upload.buffer });
    // a preview records nothing
    response.status(200);
    this.send(response, importPage(principal, data, { ...view, file, report: outcome.report, pendingId: kept.id }));
  }

  @Post('vastleggen')
  async record(@Req() request: Request, @Res() response: Response, @Param() params: Record<string, string>) {
    const regionId = params.regionId;
    const { principal, data } = await this.allowed(request, regionId);
    const body = (request.body ?? {}) as Record<string, unknown>;
    requireFormToken(request, body.formulier);
    const view = this.base(request);
    const waiting = this.pending.take(body.voorbeeld, principal.tokenId, regionId);
    if (!waiting) {
      response.status(410);
      this.send(
        response,
        importPage(principal, data, {
          ...view,
          error: 'Dit voorbeeld is verlopen of al vastgelegd. Lees het bestand opnieuw in.',
        }),
      );
      return;
    }
    const outcome = await this.run(request, principal, regionId, waiting.file, waiting.data, false);
    if ('issues' in outcome) {
      response.status(400);
      this.send(response, importPage(principal, data, { ...view, file: waiting.file, ...outcome }));
      return;
    }
    response.status(outcome.report.events > 0 ? 201 : 200);
    // the region as it is now, with what was just recorded
    const after = await this.read.region(principal, regionId);
    this.send(response, importPage(principal, after, { ...view, file: waiting.file, report: outcome.report }));
  }

  /** Who may read the region and import into it: recorders and admins (as the API); others a 403. */
  private async allowed(request: Request, regionId: string) {
    const principal = requirePrincipal(request);
    const data = await this.read.region(principal, regionId);
    if (!mayImport(principal, regionId))
      throw new ProblemException(
        problem(
          403,
          'FORBIDDEN',
          'alleen een vastlegger of beheerder van deze regio mag spreadsheets inlezen; u kunt de gegevens wel bekijken',
        ),
      );
    return { principal, data };
  }

  private base(request: Request): ImportView {
    const formToken = sessionOf(request)?.formToken;
    return formToken ? { formToken } : {};
  }

  private async run(
    request: Request,
    principal: Principal,
    regionId: string,
    file: string,
    data: Buffer,
    dryRun: boolean,
  ): Promise<{ report: IntakeReport } | { issues: IntakeError['issues']; moreIssues: number; report?: IntakeReport }> {
    try {
      const report = await intakeUpload(this.ledger, {
        principal,
        regionId,
        file,
        data,
        dryRun,
        correlationId: requestIdOf(request),
      });
      return { report };
    } catch (error) {
      if (!(error instanceof IntakeError)) throw error;
      return {
        issues: error.issues,
        moreIssues: error.moreIssues,
        ...(error.report ? { report: error.report as IntakeReport } : {}),
      };
    }
  }

  private send(response: Response, page: { text: string }): void {
    response.type('text/html; charset=utf-8').send(page.text);
  }
}
