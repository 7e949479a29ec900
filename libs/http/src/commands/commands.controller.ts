import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Command, DomainError } from '@libs/domain';
import { CommandRejected, RecordedSummary, runCommands } from '@libs/ledger';
import type { Request, Response } from 'express';
import { mayRecord } from '@libs/access';
import { Principal } from '../auth/principal.decorator';
import { CommandRequestDto, CommandsResponseDto } from '../dto/command.request.dto';
import { idempotent } from '../http/idempotent';
import { ProblemException, toProblem } from '../http/problem';
import { RequestId } from '../http/request-id.decorator';
import { IdempotencyStore } from '../idempotency/idempotency.store';
import { LedgerService } from '../ledger/ledger.service';
import { ApiProblems, IDEMPOTENCY_KEY_HEADER, REPLAYED_HEADER } from '../openapi/api-problems.decorator';
import { checkCommandsBody } from './parse-commands';

@ApiTags('commands')
@ApiBearerAuth()
@Controller('api/v1/commands')
export class CommandsController {
  constructor(
    private readonly ledger: LedgerService,
    private readonly idempotency: IdempotencyStore,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Record one command, or an array of commands in order',
    description:
      'The body is a command in the command-file shape ({"command": "RecordRijkPayment", …}) or an array of them. Every command is checked first: one that is not a valid command (every one is listed in invalidParams) or that the token may not send records nothing. Then each runs atomically, in order; an array stops at the first command the ledger refuses (the problem names its index and lists in `recorded` what the ones before it recorded; they stay recorded). 201 when events were recorded, 200 when nothing changed.',
  })
  @ApiBody({ type: CommandRequestDto, isArray: false, description: 'a command, or an array of commands' })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiCreatedResponse({ type: CommandsResponseDto, headers: REPLAYED_HEADER })
  @ApiOkResponse({
    type: CommandsResponseDto,
    description: 'nothing changed (every command was an identical repeat)',
    headers: REPLAYED_HEADER,
  })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422, 503)
  async record(
    @Principal() principal: Principal,
    @RequestId() requestId: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @Body() body: unknown,
  ): Promise<unknown> {
    // checked on every request, a replayed one included: a stored answer is only for whom may send the commands
    const { commands, isArray } = checkCommandsBody(
      body,
      (index, array) => `http:${requestId}${array ? `#${index}` : ''}`,
      { refuse: (command) => refusal(principal, command) },
    );
    return idempotent(this.idempotency, principal, request, response, async () => {
      const results: CommandResult[] = [];
      try {
        await this.ledger.track(() =>
          runCommands(this.ledger.ledger, commands, {
            actor: principal.actor,
            correlationId: requestId,
            onApplied: ({ place, command, outcome }) =>
              results.push({ index: place, command: command.type, ...outcome }),
          }),
        );
      } catch (error) {
        throw rejectedProblem(error, isArray, results);
      }
      return { status: results.some((result) => result.events.length > 0) ? 201 : 200, body: { results } };
    });
  }
}

interface CommandResult {
  readonly index: number;
  readonly command: string;
  readonly regionId: string;
  readonly commandId: string;
  readonly events: readonly RecordedSummary[];
}

/** Why the token may not send the command (its role, or the region it is limited to), if it may not. */
function refusal(principal: Principal, command: Command): string | undefined {
  if (mayRecord(principal, command.type, command.regionId)) return undefined;
  return `role "${principal.role}" may not send ${command.type}${principal.region ? ` for region "${command.regionId}"` : ''}`;
}

/**
 * A command the ledger refused as a problem naming its index (in an array), with the commands
 * recorded before it; a server error (no refusal) is left to the problem filter as it is.
 */
function rejectedProblem(error: unknown, isArray: boolean, recorded: readonly CommandResult[]): unknown {
  if (!(error instanceof CommandRejected)) return error;
  const { place: index, cause } = error as CommandRejected<number>;
  const document = toProblem(cause);
  if (document.status === 500 && !(cause instanceof DomainError)) return cause;
  return new ProblemException({
    ...document,
    ...(isArray ? { index, detail: `command ${index}: ${document.detail}` } : {}),
    ...(recorded.length > 0 ? { recorded } : {}),
  });
}
