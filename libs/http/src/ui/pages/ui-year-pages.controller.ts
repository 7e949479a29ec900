import { Controller, Get, Header, Inject, Param, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, parseAccount } from '@libs/domain';
import { explainAccount, buildYearContext, Explanation, PostingBasis, Trace, tracePayment } from '@libs/projections';
import {
  buildSettlementLetter,
  renderSettlementLetterPdf,
  renderSettlementLettersPdf,
  renderStatementCsv,
  renderStatementXlsx,
} from '@libs/reports';
import type { Request, Response } from 'express';
import { Principal } from '@libs/access';
import { requirePrincipal } from '../../auth/bearer-auth.guard';
import { Public } from '../../auth/public.decorator';
import { Clock, CLOCK } from '../../http/clock';
import { notFound } from '../../http/problem';
import { UiAuthGuard } from '../auth/ui-auth.guard';
import { yearFlows } from '../charts/year-flows';
import { sankeyData } from '../charts/sankey.data';
import { UiErrorFilter } from '../ui-error.filter';
import { RegionPageData, UiReadService } from '../ui-read.service';
import { duePage, explainPage } from '../views/explain.view';
import { tracePage } from '../views/trace.view';
import { yearPage } from '../views/year/year.view';
import { send, yearParam } from './page-response';
import { advancesOf, paymentIdsOf, rijkPayments } from './year-events';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A region's year: its page, the statement's downloads, the settlement letters, the explanations and the traces. */
@ApiExcludeController()
@Public()
@UseGuards(UiAuthGuard)
@UseFilters(UiErrorFilter)
@Controller()
export class UiYearPagesController {
  constructor(
    private readonly read: UiReadService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The region a page's path names, for a principal who may read it, and its year, which must have data. */
  private async regionYear(principal: Principal, params: Record<string, string>) {
    const year = yearParam(params.year);
    const data = await this.read.region(principal, params.regionId);
    this.read.requireYear(data, year);
    return { data, year };
  }

  @Get('ui/regions/:regionId/:year')
  async year(
    @Req() request: Request,
    @Res() response: Response,
    @Param() params: Record<string, string>,
    @Query() query: Record<string, string>,
  ) {
    const principal = requirePrincipal(request);
    const { data, year } = await this.regionYear(principal, params);
    const mode = query.stromen === 'per-gemeente' ? 'members' : 'summary';
    const flows = sankeyData(yearFlows(data.events, year), data.state.region, mode);
    send(response, yearPage(principal, data, year, { data: flows, mode }, rijkPayments(data, year)));
  }

  @Get('ui/regions/:regionId/:year/jaaroverzicht.xlsx')
  @Header('Content-Type', XLSX)
  async statementXlsx(@Req() request: Request, @Res() response: Response, @Param() params: Record<string, string>) {
    const { data, year } = await this.regionYear(requirePrincipal(request), params);
    const statement = data.statement(year);
    response.setHeader('Content-Disposition', `attachment; filename="${params.regionId}-${statement.year}.xlsx"`);
    response.send(
      await renderStatementXlsx(statement, {
        context: buildYearContext(data.state, statement.year),
        generatedAt: this.clock(),
      }),
    );
  }

  @Get('ui/regions/:regionId/:year/brieven.pdf')
  async letters(@Req() request: Request, @Res() response: Response, @Param() params: Record<string, string>) {
    await this.sendLetters(request, response, params);
  }

  @Get('ui/regions/:regionId/:year/brieven/:code')
  async letter(@Req() request: Request, @Res() response: Response, @Param() params: Record<string, string>) {
    await this.sendLetters(request, response, params, params.code);
  }

  /** The settlement letters as the API serves them (same bytes), for the page's session. */
  private async sendLetters(request: Request, response: Response, params: Record<string, string>, code?: string) {
    const { data, year } = await this.regionYear(requirePrincipal(request), params);
    const statement = data.statement(year);
    if (code !== undefined && !statement.municipalities[code])
      throw notFound(`gemeente "${code}" hoort niet bij ${data.region.name}`, 'code');
    const context = buildYearContext(data.state, year);
    const now = this.clock();
    const codes = code === undefined ? Object.keys(statement.municipalities) : [code];
    const letters = codes.map((each) => buildSettlementLetter(statement, context, each, { generatedAt: now }));
    const pdf =
      code === undefined
        ? await renderSettlementLettersPdf(
            letters,
            { generatedAt: now },
            `Afrekeningsbrieven ${year}, regio ${statement.regionName}`,
          )
        : await renderSettlementLetterPdf(letters[0], { generatedAt: now });
    response
      .type('application/pdf')
      .setHeader('Content-Disposition', `attachment; filename="${params.regionId}-${year}-${code ?? 'brieven'}.pdf"`);
    response.send(pdf);
  }

  @Get('ui/regions/:regionId/:year/jaaroverzicht.csv')
  async statementCsv(@Req() request: Request, @Res() response: Response, @Param() params: Record<string, string>) {
    const statement = await this.statementFor(request, params);
    response
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="${params.regionId}-${statement.year}.csv"`);
    response.send(renderStatementCsv(statement));
  }

  @Get('ui/regions/:regionId/:year/uitleg')
  async explain(
    @Req() request: Request,
    @Res() response: Response,
    @Param() params: Record<string, string>,
    @Query() query: Record<string, string>,
  ) {
    const principal = requirePrincipal(request);
    const { data, year } = await this.regionYear(principal, params);
    if (typeof query.gemeente === 'string') {
      const statement = data.statement(year);
      if (!statement.municipalities[query.gemeente])
        throw notFound(`gemeente "${query.gemeente}" hoort niet bij ${data.region.name}`, 'gemeente');
      send(response, duePage(principal, data, statement, query.gemeente, advancesOf(data, year, query.gemeente)));
      return;
    }
    if (typeof query.account !== 'string' || query.account === '')
      throw notFound('kies een rekening (account) of een gemeente', 'account');
    const account = parseAccount(query.account);
    if (account === undefined)
      throw notFound(
        `"${query.account.slice(0, 200)}" is geen rekening; kies een bedrag om het uit te leggen`,
        'account',
      );
    const explanation = explainOnPage(data, year, query.account);
    const types = typeof query.soort === 'string' && query.soort !== '' ? query.soort.split(',') : [];
    const line = typeof query.regel === 'string' ? query.regel.slice(0, 200) : undefined;
    send(
      response,
      explainPage(
        principal,
        data,
        explanation,
        { types, negated: query.omgekeerd === '1', line },
        paymentIdsOf(data, year),
      ),
    );
  }

  @Get('ui/regions/:regionId/:year/trace/:paymentId')
  async trace(@Req() request: Request, @Res() response: Response, @Param() params: Record<string, string>) {
    const principal = requirePrincipal(request);
    const year = yearParam(params.year);
    const data = await this.read.region(principal, params.regionId);
    const trace = traceOnPage(data, params.paymentId);
    if (trace.year !== year)
      throw notFound(`betaling ${params.paymentId} hoort bij ${trace.year}, niet bij ${year}`, 'year');
    send(response, tracePage(principal, data, trace));
  }

  private async statementFor(request: Request, params: Record<string, string>) {
    const { data, year } = await this.regionYear(requirePrincipal(request), params);
    return data.statement(year);
  }
}

/** The trace of a Rijk payment, or the page's 404 in Dutch for a payment the region has not recorded. */
function traceOnPage(data: RegionPageData, paymentId: string): Trace {
  try {
    return tracePayment(data.region.regionId, data.events, paymentId);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND')
      throw notFound(`betaling "${paymentId.slice(0, 200)}" is voor ${data.region.name} niet vastgelegd`, 'payment');
    throw error;
  }
}

/** The explanation of an account, or the page's 404 for an account explainAccount refuses as no account of the region. */
function explainOnPage(data: RegionPageData, year: number, account: string): Explanation<PostingBasis> {
  try {
    return explainAccount(data.state, data.events, year, account);
  } catch (error) {
    if (error instanceof DomainError && error.field === 'account')
      throw notFound(`"${account.slice(0, 200)}" is geen rekening van ${data.region.name}`, 'account');
    throw error;
  }
}
