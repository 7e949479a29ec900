import {
  Controller,
  Get,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { UploadInterceptor } from '../http/upload-interceptor';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CONFLICT_CODES, DomainErrorCode, RULE_CODES } from '@libs/domain';
import { buildTemplate, IntakeError, IntakeIssue, MAX_ISSUES } from '@libs/intake';
import type { Request, Response } from 'express';
import { Principal } from '../auth/principal.decorator';
import { readableBy } from '../auth/region-access';
import { RegionQueries } from '@libs/queries';
import { RegionParamsDto } from '../dto/region-year.params.dto';
import { forbidden, problem, ProblemException } from '../http/problem';
import { RequestId } from '../http/request-id.decorator';
import { LedgerService } from '../ledger/ledger.service';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { InvalidParam, ProblemDocument } from '../openapi/problem.dto';
import { XLSX } from '../regions/regions.controller';
import { ImportQueryDto, ImportReportDto, TemplateQueryDto } from './import.dto';
import { intakeUpload, isSpreadsheetName, mayImport, MAX_UPLOAD_BYTES, uploadName } from './upload-intake';
import { UploadedFileParts } from '../http/uploaded-file';

/** An error answer of the import route, as problem+json, with what it means here. */
const problemAnswer = (status: number, description: string) =>
  ApiResponse({
    status,
    description,
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDocument) } } },
  });

/** What POST …/imports does, as the OpenAPI document says it. */
const IMPORT_DESCRIPTION =
  'The upload is one file in the form field "file": a workbook made by `geldstroom template` (or GET …/template) or a CSV file named after its sheet (rijksbetalingen.csv, `;` or `,` separated, UTF-8). Every row is checked first — against what is recorded and against the rows before it — and nothing is recorded when one is refused; the problem names the file, sheet, row and column of each of the first ' +
  String(MAX_ISSUES) +
  ' (`issues`, the first one in `detail`; how many more in `moreIssues`), with the reason in Dutch as the upload page shows it; where the command parser or the ledger refused a row, its own English words are in `original` (of the issue, the invalid param and, for the first, of the problem). Rows identical to what is recorded record nothing, so uploading the same file twice records nothing the second time. Each event records `upload:<file>:<sheet>:<row>` as its source. `?dryRun=true` answers with the preview per sheet and records nothing. 201 when events were recorded, 200 otherwise. Recorders and admins; a recorder may send only the facts it may record.';

@ApiTags('imports')
@ApiBearerAuth()
@ApiExtraModels(ProblemDocument, InvalidParam)
@ApiProblems(401, 503)
@Controller('api/v1/regions')
export class ImportsController {
  constructor(
    private readonly ledger: LedgerService,
    private readonly queries: RegionQueries,
  ) {}

  @Post(':regionId/imports')
  @UseInterceptors(UploadInterceptor('file', { fileSize: MAX_UPLOAD_BYTES, fields: 0, parts: 1 }))
  @ApiOperation({
    summary: 'Apply a workbook (.xlsx) or a CSV sheet, as geldstroom apply does',
    description: IMPORT_DESCRIPTION,
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'the .xlsx workbook or .csv sheet' } },
    },
  })
  @ApiCreatedResponse({ type: ImportReportDto, description: 'the rows were recorded' })
  @ApiOkResponse({ type: ImportReportDto, description: 'a dry run, or nothing new to record' })
  @problemAnswer(400, 'a rejected row or column (each in `issues` and `invalidParams`), no file, or an unreadable file')
  @problemAnswer(403, 'the token may not record these facts for this region')
  @problemAnswer(404, 'the region is not registered')
  @problemAnswer(409, 'a row reuses an id or version with other content')
  @problemAnswer(413, `the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`)
  @problemAnswer(415, 'not multipart/form-data, or not an .xlsx or .csv file')
  @problemAnswer(422, 'a rule of the ledger refused a row (e.g. YEAR_CLOSED)')
  async import(
    @Principal() principal: Principal,
    @RequestId() requestId: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @Param() params: RegionParamsDto,
    @Query() query: ImportQueryDto,
    @UploadedFile() upload: UploadedFileParts | undefined,
  ): Promise<unknown> {
    if (!mayImport(principal, params.regionId))
      throw forbidden(`role "${principal.role}" may not import into region "${params.regionId}"`);
    if (!request.is('multipart/form-data'))
      throw new ProblemException(
        problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the file as multipart/form-data in the form field "file"', {
          field: 'Content-Type',
        }),
      );
    if (!upload)
      throw new ProblemException(
        problem(400, 'MISSING_FIELD', 'no file: send it in the form field "file"', { field: 'file' }),
      );
    const file = uploadName(upload.originalname);
    if (!isSpreadsheetName(file))
      throw new ProblemException(
        problem(415, 'UNSUPPORTED_MEDIA_TYPE', `"${file}" is not a workbook (.xlsx) or a CSV file (.csv)`, {
          field: 'file',
        }),
      );
    const dryRun = query.dryRun === 'true';
    try {
      const report = await intakeUpload(this.ledger, {
        principal,
        regionId: params.regionId,
        file,
        data: upload.buffer,
        dryRun,
        correlationId: requestId,
      });
      response.status(!dryRun && report.events > 0 ? 201 : 200);
      return report;
    } catch (error) {
      if (error instanceof IntakeError) throw intakeProblem(error);
      throw error;
    }
  }

  @Get(':regionId/template')
  @ApiOperation({ summary: 'The workbook to fill in for a year (as geldstroom template writes it)' })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'the workbook', content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } })
  @problemAnswer(400, 'the year is missing or invalid')
  @problemAnswer(403, 'the token may not read this region')
  @problemAnswer(404, 'the region is not registered')
  async template(
    @Principal() principal: Principal,
    @Param() params: RegionParamsDto,
    @Query() query: TemplateQueryDto,
  ) {
    const { state } = await this.queries.region(params, readableBy(principal));
    return new StreamableFile(await buildTemplate(state, query.year), {
      type: XLSX,
      disposition: `attachment; filename="${params.regionId}-${query.year}.xlsx"`,
    });
  }
}

/**
 * A rejected upload as problem+json: the first rejected row in `detail`, the first MAX_ISSUES in `issues`
 * and `invalidParams`, how many more in `moreIssues`.
 */
function intakeProblem(error: IntakeError): ProblemException {
  const first = error.issues[0];
  const document = problem(statusOf(first), first?.code ?? 'INVALID_FIELD', error.message, {
    ...(first?.column !== undefined ? { field: first.column } : {}),
  });
  return new ProblemException({
    ...document,
    ...(first?.sheet !== undefined ? { sheet: first.sheet } : {}),
    ...(first?.row !== undefined ? { row: first.row } : {}),
    ...(first?.column !== undefined ? { column: first.column } : {}),
    // the ledger's English words beside the Dutch detail, never inside it
    ...(first?.original !== undefined ? { original: first.original } : {}),
    issues: error.issues,
    moreIssues: error.moreIssues,
    invalidParams: error.issues.map((found) => ({
      name: [found.sheet, found.row, found.column].filter((part) => part !== undefined).join(':') || found.file,
      code: found.code,
      reason: found.reason,
      ...(found.original !== undefined ? { original: found.original } : {}),
    })),
    ...(error.report ? { preview: error.report } : {}),
  } as typeof document);
}

function statusOf(found: IntakeIssue | undefined): number {
  const code = (found?.code ?? '') as DomainErrorCode;
  if (code === 'UNKNOWN_REGION') return 404;
  if ((code as string) === 'FORBIDDEN') return 403;
  if (CONFLICT_CODES.has(code)) return 409;
  if (RULE_CODES.has(code)) return 422;
  return 400;
}
