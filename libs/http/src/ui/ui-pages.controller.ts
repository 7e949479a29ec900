import {
  Controller,
  Get,
  Header,
  Inject,
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
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, EventOf, InvariantViolation, KeyVersion, parseCommand, yearOf } from '@libs/domain';
import { formatAmount } from '@libs/money';
import { CommandFileError, describeProblem, parseCommandFile, verifyContains, verifyStore } from '@libs/ledger';
import {
  explainAccount,
  LedgerEvent,
  REVISABLE_COMMANDS,
  replayWithRevisions,
  Revision,
  buildYearContext,
  tracePayment,
} from '@libs/projections';
import { isRevision, ledgerHashParameter, refusalOf, revisionRefusal, yearParameter } from '@libs/queries';
import {
  buildSettlementLetter,
  renderHledgerJournal,
  renderSettlementLetterPdf,
  renderSettlementLettersPdf,
  renderStatementCsv,
  renderStatementXlsx,
} from '@libs/reports';
import type { Request, Response } from 'express';
import { requirePrincipal } from '../auth/bearer-auth.guard';
import { Public } from '../auth/public.decorator';
import { Clock, CLOCK } from '../http/clock';
import { notFound } from '../http/problem';
import { UiAuthGuard } from './auth/ui-auth.guard';
import { yearFlows } from './charts/year-flows';
import { sankeyData } from './charts/sankey.data';
import { amsterdamTime } from './format';
import { Html } from './html';
import { UiErrorFilter } from './ui-error.filter';
import { RegionPageData, UiReadService } from './ui-read.service';
import { AdvanceRow, duePage, explainPage } from './views/explain.view';
import { homePage } from './views/home.view';
import { regionPage, VerifyOutcome } from './views/region.view';
import { tracePage } from './views/trace.view';
import { whatIfPage } from './views/what-if.view';
import { RijkPaymentRow } from './views/year/rijk-payments-section';
import { yearPage } from './views/year/year.view';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_REVISION_FILE = 1024 * 1024;

interface UploadedRevisionFile {
  readonly originalname: string;
  readonly buffer: Buffer;
  readonly size: number;
}

function send(response: Response, page: Html): void {
  response.type('text/html; charset=utf-8').send(page.text);
}

/** A year in a page's URL, by the year rule of every edge; a URL with something else in its place leads nowhere. */
function yearParam(text: string | undefined): number {
  if (refusalOf(yearParameter, text, 'year') !== undefined) throw notFound(`"${text}" is geen jaar`, 'year');
  return yearParameter(text, 'year');
}

/** The controller's workspace: server-rendered pages over the same ledger, projections and read rule as the API. */
@ApiExcludeController()
@Public()
@UseGuards(UiAuthGuard)
@UseFilters(UiErrorFilter)
@Controller()
export class UiPagesController {
  constructor(
    private readonly read: UiReadService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  async home(@Req() request: Request, @Res() response: Response) {
    const principal = requirePrincipal(request);
    send(response, homePage(principal, await this.read.readableRegions(principal)));
  }

  @Get('ui/regions/:regionId')
  async region(@Req() request: Request, @Res() response: Response, @Param() params: Record<string, string>) {
    const principal = requirePrincipal(request);
    send(response, regionPage(principal, await this.read.region(principal, params.regionId)));
  }

  @Post('ui/regions/:regionId/verify')
  async verify(@Req() request: Request, @Res() response: Response, @Param() params: Record<string, string>) {
    const principal = requirePrincipal(request);
    const data = await this.read.region(principal, params.regionId);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const hash = typeof body.hash === 'string' ? body.hash.trim() : '';
    if (hash !== '') {
      send(response, regionPage(principal, data, await this.verifyLetterHash(params.regionId, hash)));
      return;
    }
    const [report] = await this.read.ledger.track(() => verifyStore(this.read.ledger.store, params.regionId));
    const outcome: VerifyOutcome = !report
      ? { intact: false, message: 'De regio staat niet in de opslag.' }
      : report.problem
        ? { intact: false, message: `De geschiedenis klopt niet: ${describeProblem(report.problem)}` }
        : {
            intact: true,
            message: `Gecontroleerd: ${report.events} gebeurtenissen, de hashketen klopt${report.unchained > 0 ? ` (${report.unchained} van vóór de keten)` : ''}. Ledger-hash ${report.ledgerHash}.`,
          };
    send(response, regionPage(principal, data, outcome));
  }

  /** Whether the hash on a letter (or statement) is a head this region's intact chain had: the same check as verify --contains. */
  private async verifyLetterHash(regionId: string, text: string): Promise<VerifyOutcome> {
    if (refusalOf(ledgerHashParameter, text, 'hash') !== undefined)
      return {
        intact: false,
        message: `"${text.slice(0, 80)}" is geen ledger-hash: die bestaat uit 64 tekens 0–9 en a–f.`,
      };
    const hash = ledgerHashParameter(text, 'hash');
    const found = await this.read.ledger.track(() => verifyContains(this.read.ledger.store, regionId, hash));
    if (!found) return { intact: false, message: 'De regio staat niet in de opslag.' };
    const { report, point } = found;
    if (report.problem)
      return { intact: false, message: `De geschiedenis klopt niet: ${describeProblem(report.problem)}` };
    if (!point)
      return {
        intact: false,
        message: `De hash ${hash} komt niet voor in de keten van deze regio (${report.events} gebeurtenissen): het document is niet uit deze geschiedenis gemaakt.`,
      };
    const later = point.of - point.event;
    return {
      intact: true,
      message: `De hash ${hash} is de kop van de keten na gebeurtenis ${point.event} van ${point.of} (vastgelegd ${amsterdamTime(point.recordedAt)}): het document komt uit deze geschiedenis${later === 0 ? ' en de hash is de huidige ledger-hash' : `; daarna ${later === 1 ? 'is 1 gebeurtenis' : `zijn ${later} gebeurtenissen`} vastgelegd`}.`,
    };
  }

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
  @UseInterceptors(FileInterceptor('herziening', { limits: { fileSize: MAX_REVISION_FILE, files: 1, fields: 2000 } }))
  async whatIfRun(
    @Req() request: Request,
    @Res() response: Response,
    @Param() params: Record<string, string>,
    @UploadedFile() file: UploadedRevisionFile | undefined,
  ) {
    const principal = requirePrincipal(request);
    const data = await this.read.region(principal, params.regionId);
    const body = (request.body ?? {}) as Record<string, string>;
    const key = chosenKey(data, body.sleutel);
    const weights = key ? weightsOf(body, key) : undefined;
    try {
      let revisions: Revision[];
      let source: string;
      if (file && file.size > 0) {
        revisions = revisionsFromFile(
          file.originalname || 'herziening.jsonl',
          file.buffer.toString('utf8'),
          params.regionId,
        );
        source = file.originalname || 'herzieningsbestand';
      } else if (key && weights) {
        revisions = [editedKey(key, weights)];
        source = `${key.keyId} v${key.version} met aangepaste gewichten`;
      } else {
        throw new DomainError('INVALID_FIELD', 'kies een bestand of een sleutel met gewichten', 'herziening');
      }
      const report = replayWithRevisions(params.regionId, data.events, data.state, revisions);
      response.status(200);
      send(response, whatIfPage(principal, data, { key, weights, report, source }));
    } catch (error) {
      if (!(error instanceof DomainError) && !(error instanceof CommandFileError)) throw error;
      response.status(400);
      send(response, whatIfPage(principal, data, { key, weights, error: error.message }));
    }
  }

  @Get('ui/regions/:regionId/journaal')
  async journal(
    @Req() request: Request,
    @Res() response: Response,
    @Param() params: Record<string, string>,
    @Query() query: Record<string, string>,
  ) {
    const principal = requirePrincipal(request);
    const data = await this.read.region(principal, params.regionId);
    const year = query.jaar === undefined ? undefined : yearParam(query.jaar);
    response
      .type('text/plain; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="${params.regionId}${year ? `-${year}` : ''}.journal"`);
    response.send(renderHledgerJournal(params.regionId, data.events, year, data.ledgerHash));
  }

  @Get('ui/regions/:regionId/:year')
  async year(
    @Req() request: Request,
    @Res() response: Response,
    @Param() params: Record<string, string>,
    @Query() query: Record<string, string>,
  ) {
    const principal = requirePrincipal(request);
    const year = yearParam(params.year);
    const data = await this.read.region(principal, params.regionId);
    this.read.requireYear(data, year);
    const mode = query.stromen === 'per-gemeente' ? 'members' : 'summary';
    const flows = sankeyData(yearFlows(data.events, year), data.state.region, mode);
    send(response, yearPage(principal, data, year, { data: flows, mode }, rijkPayments(data, year)));
  }

  @Get('ui/regions/:regionId/:year/jaaroverzicht.xlsx')
  @Header('Content-Type', XLSX)
  async statementXlsx(@Req() request: Request, @Res() response: Response, @Param() params: Record<string, string>) {
    const year = yearParam(params.year);
    const data = await this.read.region(requirePrincipal(request), params.regionId);
    this.read.requireYear(data, year);
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
    const year = yearParam(params.year);
    const data = await this.read.region(requirePrincipal(request), params.regionId);
    this.read.requireYear(data, year);
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
    const year = yearParam(params.year);
    const data = await this.read.region(principal, params.regionId);
    this.read.requireYear(data, year);
    if (typeof query.gemeente === 'string') {
      const statement = data.statement(year);
      if (!statement.municipalities[query.gemeente])
        throw notFound(`gemeente "${query.gemeente}" hoort niet bij ${data.region.name}`, 'gemeente');
      send(response, duePage(principal, data, statement, query.gemeente, advancesOf(data, year, query.gemeente)));
      return;
    }
    if (typeof query.account !== 'string' || query.account === '')
      throw notFound('kies een rekening (account) of een gemeente', 'account');
    const explanation = explainAccount(data.state, data.events, year, query.account);
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
    const trace = tracePayment(params.regionId, data.events, params.paymentId);
    if (trace.year !== year)
      throw notFound(`betaling ${params.paymentId} hoort bij ${trace.year}, niet bij ${year}`, 'year');
    send(response, tracePage(principal, data, trace));
  }

  private async statementFor(request: Request, params: Record<string, string>) {
    const year = yearParam(params.year);
    const data = await this.read.region(requirePrincipal(request), params.regionId);
    this.read.requireYear(data, year);
    return data.statement(year);
  }
}

function chosenKey(data: RegionPageData, choice: string | undefined): KeyVersion | undefined {
  if (typeof choice !== 'string') return undefined;
  const [keyId, version] = choice.split(':');
  return data.state.keys.get(keyId)?.find((key) => String(key.version) === version);
}

function weightsOf(body: Record<string, string>, key: KeyVersion): Record<string, string> | undefined {
  const weights: Record<string, string> = {};
  for (const code of Object.keys(key.weights)) {
    const value = body[`gewicht.${code}`];
    if (typeof value !== 'string') return undefined;
    // a Dutch decimal comma is what people type
    weights[code] = value.trim().replace(',', '.');
  }
  return weights;
}

/**
 * The key with the weights typed into the form, read by the domain's command parser like any
 * AdoptDistributionKey: a weight that is no number is a DomainError naming it (a 400 page), not a 500.
 */
function editedKey(key: KeyVersion, weights: Record<string, string>): Revision {
  const command = parseCommand({ ...key, command: 'AdoptDistributionKey', weights });
  if (command.type !== 'AdoptDistributionKey') throw new InvariantViolation('the parser changed the command type');
  return command;
}

/** A revision file: JSON Lines of key and agreement commands of this region, each checked by the command parser. */
function revisionsFromFile(file: string, text: string, regionId: string): Revision[] {
  const revisions: Revision[] = [];
  for (const { line, command } of parseCommandFile(file, text)) {
    if (isRevision(command, regionId)) {
      revisions.push(command);
      continue;
    }
    // which commands a what-if takes is @libs/queries' rule, the same as the API's and the CLI's; the words are Dutch
    const field = revisionRefusal(command, regionId)?.field ?? 'command';
    const reason =
      field === 'command'
        ? `${command.type}: een wat-als herziet alleen ${REVISABLE_COMMANDS.join(', ')}`
        : `regionId: moet "${regionId}" zijn, niet "${command.regionId}"`;
    throw new CommandFileError(file, line, reason, 'INVALID_FIELD', field);
  }
  if (revisions.length === 0)
    throw new CommandFileError(file, 0, 'het bestand bevat geen enkele regel', 'INVALID_FIELD');
  return revisions;
}

/** The year's recorded events of one type, typed by it. */
function eventsOf<T extends LedgerEvent['type']>(data: RegionPageData, type: T, year: number) {
  return data.events.filter(
    (event): event is LedgerEvent & EventOf<T> => event.type === type && yearOf(event) === year,
  );
}

function rijkPayments(data: RegionPageData, year: number): RijkPaymentRow[] {
  return eventsOf(data, 'RijkPaymentRecorded', year).map(({ data: payment }) => ({
    paymentId: payment.paymentId,
    scheme: payment.scheme,
    basis: payment.basis,
    recipient: payment.recipient,
    amount: formatAmount(payment.amount),
    reference: payment.reference,
  }));
}

function paymentIdsOf(data: RegionPageData, year: number): Map<string, string> {
  return new Map(eventsOf(data, 'RijkPaymentRecorded', year).map((event) => [event.eventId, event.data.paymentId]));
}

function advancesOf(data: RegionPageData, year: number, code: string): AdvanceRow[] {
  return eventsOf(data, 'AdvanceRecorded', year)
    .filter((event) => event.data.municipality === code)
    .map((event) => ({
      advanceId: event.data.advanceId,
      scheme: event.data.scheme,
      amount: formatAmount(event.data.amount),
      date: event.data.date,
      reference: event.data.reference,
      recordedAt: event.metadata.recordedAt,
      actor: event.metadata.actor,
    }));
}
