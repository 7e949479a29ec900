import { Controller, Get, Inject, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { buildSettlementLetter, renderSettlementLetterPdf, renderSettlementLettersPdf } from '@libs/reports';
import { Principal } from '../auth/principal.decorator';
import { readableBy } from '../auth/region-access';
import { RegionQueries } from '@libs/queries';
import { AsOfQueryDto } from '../dto/queries.dto';
import { LetterParamsDto, RegionYearParamsDto } from '../dto/region-year.params.dto';
import { Clock, CLOCK } from '../http/clock';
import { ApiProblems } from '../openapi/api-problems.decorator';

const PDF = 'application/pdf';

/**
 * Settlement letters (afrekeningsbrieven) as PDF: one municipality's, or all of them in one document
 * for printing. Whoever may read the region's statement may read its letters (permissions.ts).
 */
@ApiTags('regions')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404, 503)
@Controller('api/v1/regions/:regionId/letters/:year')
export class LettersController {
  constructor(
    private readonly queries: RegionQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The settlement letters of every member municipality for the year, in one PDF (one letter after another)',
  })
  @ApiProduces(PDF)
  @ApiOkResponse({ description: 'a PDF', content: { [PDF]: { schema: { type: 'string', format: 'binary' } } } })
  async all(@Principal() principal: Principal, @Param() params: RegionYearParamsDto, @Query() query: AsOfQueryDto) {
    const question = { ...params, asOf: query.asOf };
    const { statement, context, municipalities } = await this.queries.letters(question, readableBy(principal));
    const now = this.clock();
    const letters = municipalities.map((code) => buildSettlementLetter(statement, context, code, { generatedAt: now }));
    return new StreamableFile(
      await renderSettlementLettersPdf(
        letters,
        { generatedAt: now },
        `Afrekeningsbrieven ${statement.year}, regio ${statement.regionName}`,
      ),
      { type: PDF, disposition: `attachment; filename="${params.regionId}-${params.year}-brieven.pdf"` },
    );
  }

  @Get(':code')
  @ApiOperation({
    summary:
      "A municipality's settlement letter for the year (PDF, in Dutch): its lines per scheme, advances, what it receives or pays, the keys in force, the region's totals and the ledger hash",
  })
  @ApiProduces(PDF)
  @ApiOkResponse({ description: 'a PDF', content: { [PDF]: { schema: { type: 'string', format: 'binary' } } } })
  async one(@Principal() principal: Principal, @Param() params: LetterParamsDto, @Query() query: AsOfQueryDto) {
    const question = { ...params, asOf: query.asOf, municipalities: [params.code] };
    const { statement, context } = await this.queries.letters(question, readableBy(principal));
    const now = this.clock();
    const letter = buildSettlementLetter(statement, context, params.code, { generatedAt: now });
    return new StreamableFile(await renderSettlementLetterPdf(letter, { generatedAt: now }), {
      type: PDF,
      disposition: `attachment; filename="${params.regionId}-${params.year}-${params.code}.pdf"`,
    });
  }
}
