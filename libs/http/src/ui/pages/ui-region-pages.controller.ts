import { Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { describeProblem, verifyContains, verifyStore } from '@libs/ledger';
import { ledgerHashParameter, refusalOf } from '@libs/queries';
import { renderHledgerJournal } from '@libs/reports';
import type { Request, Response } from 'express';
import { requirePrincipal } from '../../auth/bearer-auth.guard';
import { Public } from '../../auth/public.decorator';
import { UiAuthGuard } from '../auth/ui-auth.guard';
import { amsterdamTime } from '../format';
import { UiErrorFilter } from '../ui-error.filter';
import { UiReadService } from '../ui-read.service';
import { homePage } from '../views/home.view';
import { regionPage, VerifyOutcome } from '../views/region.view';
import { send, yearParam } from './page-response';

/** The start page, a region's page with its chain check, and its journal for hledger. */
@ApiExcludeController()
@Public()
@UseGuards(UiAuthGuard)
@UseFilters(UiErrorFilter)
@Controller()
export class UiRegionPagesController {
  constructor(private readonly read: UiReadService) {}

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
}
