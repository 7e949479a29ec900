import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { keyInForce, reserveAgreementInForce, solidarityAgreementInForce, KEY_IDS } from '@libs/domain';
import { RegionQueries } from '@libs/queries';
import { CSV_MEDIA_TYPE, renderStatementCsv, renderStatementXlsx } from '@libs/reports';
import type { Request, Response } from 'express';
import { mayReadRegion } from '@libs/access';
import { Principal } from '../auth/principal.decorator';
import { readableBy } from '../auth/region-access';
import { AsOfQueryDto, StatementQueryDto } from '../dto/queries.dto';
import { RegionParamsDto, RegionYearParamsDto } from '../dto/region-year.params.dto';
import { Clock, CLOCK } from '../http/clock';
import { badRequest } from '../http/problem';
import { LedgerService } from '../ledger/ledger.service';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { JSON_MEDIA_TYPE, sendStatement, statementKey } from './statement-answer';
import { StatementCache } from './statement-cache';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('regions')
@ApiBearerAuth()
@ApiProblems(401, 503)
@Controller('api/v1/regions')
export class RegionsController {
  constructor(
    /** the JSON and CSV statements sent, by the history they were folded from (bounded; the fast path reads it too) */
    private readonly rendered: StatementCache,
    private readonly ledger: LedgerService,
    private readonly queries: RegionQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The regions this token may read' })
  @ApiOkResponse({ schema: { example: { regions: [{ regionId: 'holland-rijnland', name: 'Holland Rijnland' }] } } })
  async list(@Principal() principal: Principal) {
    const regions = [];
    for (const regionId of await this.ledger.ledger.regionIds()) {
      const state = await this.ledger.ledger.regionState(regionId);
      const name = state.region?.name;
      if (name !== undefined && mayReadRegion(principal, regionId, state)) regions.push({ regionId, name });
    }
    return { regions };
  }

  @Get(':regionId')
  @ApiOperation({ summary: 'A region: members, the years with data, which are closed, keys and agreements in force' })
  @ApiOkResponse({ description: 'the region' })
  @ApiProblems(400, 403, 404)
  async region(@Principal() principal: Principal, @Param() params: RegionParamsDto) {
    const { state, registration: region } = await this.queries.region(params, readableBy(principal));
    const years = [...state.activeYears].sort((a, b) => a - b);
    return {
      regionId: region.regionId,
      name: region.name,
      centralMunicipality: region.centralMunicipality,
      municipalities: region.municipalities,
      years: years.map((year) => ({
        year,
        closed: state.closedYears.has(year),
        keys: Object.fromEntries(
          Object.values(KEY_IDS).map((keyId) => {
            const key = keyInForce(state, keyId, year);
            return [keyId, key ? { version: key.version, basis: key.basis } : null];
          }),
        ),
        reserveAgreementVersion: reserveAgreementInForce(state, year)?.version ?? null,
        solidarityAgreementVersion: solidarityAgreementInForce(state, year)?.version ?? null,
      })),
    };
  }

  @Get(':regionId/statements/:year')
  @ApiOperation({
    summary:
      'The year statement (regional results, reserve, solidarity, each municipality), as JSON, CSV or a workbook',
    description:
      'JSON and CSV carry a strong ETag (the history they were folded from, the year and the form): send it back in ' +
      'If-None-Match to get 304 Not Modified while nothing was recorded for the region. Cache-Control: private, no-cache.',
  })
  @ApiProduces('application/json', 'text/csv', XLSX)
  @ApiOkResponse({ description: 'the statement as JSON, CSV (text/csv) or a workbook' })
  @ApiResponse({ status: 304, description: 'nothing was recorded for the region since the ETag in If-None-Match' })
  @ApiProblems(400, 403, 404)
  async statement(
    @Principal() principal: Principal,
    @Req() request: Request,
    @Res() response: Response,
    @Param() params: RegionYearParamsDto,
    @Query() query: StatementQueryDto,
  ): Promise<void> {
    const question = { ...params, asOf: query.asOf };
    // who may read it (404, 403) and whether the year has data (404) on every request, cached or not
    const view = await this.queries.yearView(question, readableBy(principal));
    if (query.locale !== undefined && query.format !== 'csv')
      throw badRequest('locale belongs to format=csv', 'locale');
    if (query.format === 'xlsx') {
      const { statement, context } = await this.queries.yearReport(question, readableBy(principal));
      const workbook = await renderStatementXlsx(statement, { context, generatedAt: this.clock() });
      response
        .type(XLSX)
        .setHeader('Content-Disposition', `attachment; filename="${params.regionId}-${params.year}.xlsx"`)
        .send(workbook);
      return;
    }
    const csv = query.format === 'csv' ? (query.locale ?? 'nl') : undefined;
    const rendered = this.rendered.get(statementKey(question, csv ? `csv-${csv}` : 'json', view), () => {
      const statement = this.queries.statementOf(view, params.year);
      return csv
        ? { body: Buffer.from(renderStatementCsv(statement, csv)), type: CSV_MEDIA_TYPE }
        : { body: Buffer.from(JSON.stringify(statement)), type: JSON_MEDIA_TYPE };
    });
    sendStatement(request, response, rendered, csv ? `${params.regionId}-${params.year}.csv` : undefined);
  }

  @Get(':regionId/balances/:year')
  @ApiOperation({ summary: 'Balances per account for the year' })
  @ApiOkResponse({ description: 'the balance of every account of the region in that year' })
  @ApiProblems(400, 403, 404)
  async balances(
    @Principal() principal: Principal,
    @Param() params: RegionYearParamsDto,
    @Query() query: AsOfQueryDto,
  ) {
    return this.queries.balances({ ...params, asOf: query.asOf }, readableBy(principal));
  }
}
