import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Command, parseCommand } from '@libs/domain';
import {
  compareKeys,
  explainAccount,
  REVISABLE_COMMANDS,
  replayWithRevisions,
  Revision,
  tracePayment,
} from '@libs/projections';
import { renderHledgerJournal } from '@libs/reports';
import type { Request, Response } from 'express';
import { requirePrincipal } from '../auth/bearer-auth.guard';
import { mayAnalyse, mayExplainAccount, mayReadRegion } from '../auth/permissions';
import { Principal } from '../auth/token-store';
import { CompareKeysQueryDto, ExplainQueryDto, ExportQueryDto, AsOfQueryDto } from '../dto/queries.dto';
import { RegionParamsDto, TraceParamsDto } from '../dto/region-year.params.dto';
import { idempotent } from '../http/idempotent';
import { badRequest, forbidden, problem, ProblemException, toProblem } from '../http/problem';
import { IdempotencyStore } from '../idempotency/idempotency.store';
import { LedgerService } from '../ledger/ledger.service';

/** The controller's and advisor's questions: the CLI's queries, with the CLI's JSON. */
@ApiTags('queries')
@ApiBearerAuth()
@Controller('api/v1/regions/:regionId')
export class QueriesController {
  constructor(
    private readonly ledger: LedgerService,
    private readonly idempotency: IdempotencyStore,
  ) {}

  @Get('explain')
  @ApiOperation({ summary: 'Every posting on an account for a year, with its rule, key, inputs and derivation' })
  async explain(@Req() request: Request, @Param() params: RegionParamsDto, @Query() query: ExplainQueryDto) {
    const principal = requirePrincipal(request);
    const asOf = query.asOf ? new Date(query.asOf) : undefined;
    const state = await this.ledger.region(params.regionId, asOf);
    if (!mayExplainAccount(principal, params.regionId, query.account, state))
      throw forbidden(`this token may not explain ${query.account}`);
    return explainAccount(
      params.regionId,
      await this.ledger.ledger.regionEvents(params.regionId),
      query.year,
      query.account,
      asOf,
    );
  }

  @Get('trace/:paymentId')
  @ApiOperation({ summary: 'Forward from a Rijk payment: the accounts its money flowed into, pro rata' })
  async trace(@Req() request: Request, @Param() params: TraceParamsDto, @Query() query: AsOfQueryDto) {
    const principal = requirePrincipal(request);
    const asOf = query.asOf ? new Date(query.asOf) : undefined;
    const state = await this.ledger.region(params.regionId, asOf);
    if (!mayReadRegion(principal, params.regionId, state))
      throw forbidden(`this token may not read region "${params.regionId}"`);
    const trace = tracePayment(
      params.regionId,
      await this.ledger.ledger.regionEvents(params.regionId),
      params.paymentId,
      asOf,
    );
    if (
      principal.role === 'municipality' &&
      !trace.flows.every((flow) => flow.account.startsWith(`municipality:${principal.municipality}:`))
    ) {
      throw forbidden('a municipality may trace only payments made to its own accounts');
    }
    return trace;
  }

  @Post('replay')
  @ApiOperation({ summary: 'What if: replay the recorded history with revised keys or agreements; records nothing' })
  @ApiBody({
    schema: { type: 'array', items: { type: 'object', properties: { command: { enum: [...REVISABLE_COMMANDS] } } } },
    description: 'AdoptDistributionKey / agreement commands',
  })
  async replay(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @Param() params: RegionParamsDto,
    @Body() body: unknown,
  ) {
    const principal = this.analyst(request, params.regionId);
    return idempotent(this.idempotency, principal.actor, request, response, async () => {
      const items = Array.isArray(body)
        ? body
        : Array.isArray((body as { revisions?: unknown })?.revisions)
          ? (body as { revisions: unknown[] }).revisions
          : undefined;
      if (!items || items.length === 0)
        throw badRequest(
          'send an array of AdoptDistributionKey / AdoptReserveAgreement / AdoptSolidarityAgreement commands',
          '(body)',
        );
      const revisions = items.map((item, index) => {
        let command: Command;
        try {
          command = parseCommand(item);
        } catch (error) {
          throw new ProblemException({ ...toProblem(error), index });
        }
        if (!(REVISABLE_COMMANDS as readonly string[]).includes(command.type)) {
          throw new ProblemException(
            problem(400, 'INVALID_FIELD', `command ${index}: a what-if revises only ${REVISABLE_COMMANDS.join(', ')}`, {
              field: 'command',
              index,
            }),
          );
        }
        if (command.regionId !== params.regionId)
          throw new ProblemException(
            problem(400, 'INVALID_FIELD', `command ${index}: regionId must be "${params.regionId}"`, {
              field: 'regionId',
              index,
            }),
          );
        return command as Revision;
      });
      const state = await this.ledger.region(params.regionId);
      return {
        status: 200,
        body: replayWithRevisions(
          params.regionId,
          await this.ledger.ledger.regionEvents(params.regionId),
          state,
          revisions,
        ),
      };
    });
  }

  @Get('compare-keys')
  @ApiOperation({ summary: 'The AEF key options (inhabitants, income, use) with their year-to-year stability' })
  async compareKeys(@Req() request: Request, @Param() params: RegionParamsDto, @Query() query: CompareKeysQueryDto) {
    this.analyst(request, params.regionId);
    const [from, to] = query.years.split('-').map(Number);
    if (from > to || to - from > 50) throw badRequest('years must be an increasing range of at most 50 years', 'years');
    return compareKeys(await this.ledger.region(params.regionId), from, to, query.scheme ?? 'BW');
  }

  @Get('export')
  @ApiOperation({ summary: 'The region as an hledger journal' })
  @ApiProduces('text/plain')
  async export(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @Param() params: RegionParamsDto,
    @Query() query: ExportQueryDto,
  ) {
    this.analyst(request, params.regionId);
    await this.ledger.region(params.regionId);
    response
      .type('text/plain; charset=utf-8')
      .setHeader(
        'Content-Disposition',
        `attachment; filename="${params.regionId}${query.year ? `-${query.year}` : ''}.journal"`,
      );
    return renderHledgerJournal(params.regionId, await this.ledger.ledger.regionEvents(params.regionId), query.year);
  }

  private analyst(request: Request, regionId: string): Principal {
    const principal = requirePrincipal(request);
    if (!mayAnalyse(principal, regionId))
      throw forbidden(
        `role "${principal.role}" may not run region-wide analyses${principal.region ? ` outside region "${principal.region}"` : ''}`,
      );
    return principal;
  }
}
