import { Controller, Get, Inject, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { keyInForce, reserveAgreementInForce, solidarityAgreementInForce, KEY_IDS } from '@libs/domain';
import { RegionQueries } from '@libs/queries';
import { CSV_MEDIA_TYPE, renderStatementCsv, renderStatementXlsx } from '@libs/reports';
import type { Response } from 'express';
import { mayReadRegion } from '@libs/access';
import { Principal } from '../auth/principal.decorator';
import { readableBy } from '../auth/region-access';
import { AsOfQueryDto, StatementQueryDto } from '../dto/queries.dto';
import { RegionParamsDto, RegionYearParamsDto } from '../dto/region-year.params.dto';
import { Clock, CLOCK } from '../http/clock';
import { badRequest } from '../http/problem';
import { LedgerService } from '../ledger/ledger.service';
import { ApiProblems } from '../openapi/api-problems.decorator';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('regions')
@ApiBearerAuth()
@ApiProblems(401, 503)
@Controller('api/v1/regions')
export class RegionsController {
  constructor(
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
  })
  @ApiProduces('application/json', 'text/csv', XLSX)
  @ApiOkResponse({ description: 'the statement as JSON, CSV (text/csv) or a workbook' })
  @ApiProblems(400, 403, 404)
  async statement(
    @Principal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
    @Param() params: RegionYearParamsDto,
    @Query() query: StatementQueryDto,
  ) {
    const question = { ...params, asOf: query.asOf };
    const { statement, context } = await this.queries.yearReport(question, readableBy(principal));
    if (query.locale !== undefined && query.format !== 'csv')
      throw badRequest('locale belongs to format=csv', 'locale');
    if (query.format === 'csv') {
      response
        .type(CSV_MEDIA_TYPE)
        .setHeader('Content-Disposition', `attachment; filename="${params.regionId}-${params.year}.csv"`);
      return renderStatementCsv(statement, query.locale ?? 'nl');
    }
    if (query.format === 'xlsx') {
      const workbook = await renderStatementXlsx(statement, { context, generatedAt: this.clock() });
      return new StreamableFile(workbook, {
        type: XLSX,
        disposition: `attachment; filename="${params.regionId}-${params.year}.xlsx"`,
      });
    }
    return statement;
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
