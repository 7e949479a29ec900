import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { REVISABLE_COMMANDS } from '@libs/projections';
import { RegionQueries } from '@libs/queries';
import {
  CSV_MEDIA_TYPE,
  defaultJournalMapping,
  renderHledgerJournal,
  renderJournalCsv,
  renderJournalMapping,
} from '@libs/reports';
import type { Request, Response } from 'express';
import { Principal } from '../auth/principal.decorator';
import { readableBy } from '../auth/region-access';
import { CompareKeysQueryDto, ExplainQueryDto, ExportQueryDto, TraceQueryDto } from '../dto/queries.dto';
import { RegionParamsDto, TraceParamsDto } from '../dto/region-year.params.dto';
import { idempotent } from '../http/idempotent';
import { badRequest } from '../http/problem';
import { IdempotencyStore } from '../idempotency/idempotency.store';
import { ApiProblems, IDEMPOTENCY_KEY_HEADER, REPLAYED_HEADER } from '../openapi/api-problems.decorator';
import { parseRevisionsBody } from './parse-revisions';

/** The controller's and advisor's questions: the CLI's queries (@libs/queries answers both), with the CLI's JSON. */
@ApiTags('queries')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404, 503)
@Controller('api/v1/regions/:regionId')
export class QueriesController {
  constructor(
    private readonly queries: RegionQueries,
    private readonly idempotency: IdempotencyStore,
  ) {}

  @Get('explain')
  @ApiOperation({ summary: 'Every posting on an account for a year, with its rule, key, inputs and derivation' })
  @ApiOkResponse({ description: 'the postings, as `geldstroom explain --format json`' })
  explain(@Principal() principal: Principal, @Param() params: RegionParamsDto, @Query() query: ExplainQueryDto) {
    const { year, account, asOf, locale } = query;
    return this.queries.explain({ regionId: params.regionId, year, account, asOf, locale }, readableBy(principal));
  }

  @Get('trace/:paymentId')
  @ApiOperation({ summary: 'Forward from a Rijk payment: the accounts its money flowed into, pro rata' })
  @ApiOkResponse({ description: 'the flows, as `geldstroom trace --format json`' })
  trace(@Principal() principal: Principal, @Param() params: TraceParamsDto, @Query() query: TraceQueryDto) {
    return this.queries.trace({ ...params, asOf: query.asOf, locale: query.locale }, readableBy(principal));
  }

  @Post('replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'What if: replay the recorded history with revised keys or agreements; records nothing' })
  @ApiBody({
    schema: { type: 'array', items: { type: 'object', properties: { command: { enum: [...REVISABLE_COMMANDS] } } } },
    description: 'AdoptDistributionKey / agreement commands',
  })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiOkResponse({
    description:
      'the replayed years beside the recorded ones (200 also when the reply is replayed for an Idempotency-Key)',
    headers: REPLAYED_HEADER,
  })
  @ApiProblems(409, 413, 415)
  async replay(
    @Principal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @Param() params: RegionParamsDto,
    @Body() body: unknown,
  ) {
    // who may read the region (404, 403) before what is sent (400)
    await this.queries.region(params, readableBy(principal));
    const revisions = parseRevisionsBody(body, params.regionId);
    return idempotent(this.idempotency, principal, request, response, async () => ({
      status: 200,
      body: await this.queries.replay({ regionId: params.regionId, revisions }, readableBy(principal)),
    }));
  }

  @Get('compare-keys')
  @ApiOperation({ summary: 'The AEF key options (inhabitants, income, use) with their year-to-year stability' })
  @ApiOkResponse({ description: 'as `geldstroom compare-keys --format json`' })
  compareKeys(
    @Principal() principal: Principal,
    @Param() params: RegionParamsDto,
    @Query() query: CompareKeysQueryDto,
  ) {
    const question = { regionId: params.regionId, years: query.years, scheme: query.scheme ?? 'BW' } as const;
    return this.queries.compareKeys(question, readableBy(principal));
  }

  @Get('export')
  @ApiOperation({
    summary:
      'The region as an hledger journal, or as a journal CSV for a financial system (one line per posting) and its starting mapping',
  })
  @ApiProduces('text/plain', 'text/csv')
  @ApiOkResponse({
    description: 'an hledger journal (text/plain) or CSV (text/csv)',
    content: { 'text/plain': { schema: { type: 'string' } }, 'text/csv': { schema: { type: 'string' } } },
  })
  async export(
    @Principal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
    @Param() params: RegionParamsDto,
    @Query() query: ExportQueryDto,
  ) {
    if (query.locale !== undefined && query.format === 'hledger')
      throw badRequest('locale belongs to format=journal-csv and format=journal-mapping', 'locale');
    if (query.format === 'journal-mapping') {
      await this.queries.region(params, readableBy(principal));
      if (query.year !== undefined) throw badRequest('a mapping maps accounts, not a year; leave out year', 'year');
      response
        .type(CSV_MEDIA_TYPE)
        .setHeader('Content-Disposition', `attachment; filename="grootboek-${params.regionId}.csv"`);
      return renderJournalMapping(defaultJournalMapping(params.regionId), query.locale ?? 'nl');
    }
    const question = { regionId: params.regionId, year: query.year };
    const { events, ledgerHash } = await this.queries.journal(question, readableBy(principal));
    if (query.format === 'journal-csv') {
      response
        .type(CSV_MEDIA_TYPE)
        .setHeader(
          'Content-Disposition',
          `attachment; filename="${params.regionId}${query.year ? `-${query.year}` : ''}-journaal.csv"`,
        );
      return renderJournalCsv(events, {
        year: query.year,
        mapping: defaultJournalMapping(params.regionId),
        locale: query.locale ?? 'nl',
      }).csv;
    }
    response
      .type('text/plain; charset=utf-8')
      .setHeader(
        'Content-Disposition',
        `attachment; filename="${params.regionId}${query.year ? `-${query.year}` : ''}.journal"`,
      );
    return renderHledgerJournal(params.regionId, events, query.year, ledgerHash);
  }
}
