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
import type { Request, Response } from 'express';
import { mayRecord } from '@libs/access';
import { Principal } from '../auth/principal.decorator';
import { CommandRequestDto, CommandsResponseDto } from '../dto/command.request.dto';
import { idempotent } from '../http/idempotent';
import { problem, ProblemException, toProblem } from '../http/problem';
import { RequestId } from '../http/request-id.decorator';
import { IdempotencyStore } from '../idempotency/idempotency.store';
import { LedgerService } from '../ledger/ledger.service';
import { ApiProblems, IDEMPOTENCY_KEY_HEADER, REPLAYED_HEADER } from '../openapi/api-problems.decorator';
import { parseCommandsBody } from './parse-commands';

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
      'The body is a command in the command-file shape ({"command": "RecordRijkPayment", …}) or an array of them. Each command is atomic; an array stops at the first refused command (the problem names its index; earlier ones stay recorded). 201 when events were recorded, 200 when nothing changed.',
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
    const { commands, isArray } = parseCommandsBody(body);
    // checked on every request, a replayed one included: a stored answer is only for whom may send the commands
    authorize(principal, commands, isArray);
    return idempotent(this.idempotency, principal, request, response, async () => {
      const results = [];
      for (const [index, command] of commands.entries()) {
        try {
          const outcome = await this.ledger.track(() =>
            this.ledger.ledger.execute(command, {
              actor: principal.actor,
              source: `http:${requestId}${isArray ? `#${index}` : ''}`,
              correlationId: requestId,
            }),
          );
          results.push({
            index,
            command: command.type,
            regionId: command.regionId,
            commandId: outcome.commandId,
            events: outcome.events,
          });
        } catch (error) {
          const failure = withIndex(error, isArray ? index : undefined);
          if (results.length > 0) (failure.problem as unknown as { recorded: unknown }).recorded = results;
          throw failure;
        }
      }
      return { status: results.some((result) => result.events.length > 0) ? 201 : 200, body: { results } };
    });
  }
}

function authorize(principal: Principal, commands: readonly Command[], isArray: boolean): void {
  const index = commands.findIndex((command) => !mayRecord(principal, command.type, command.regionId));
  if (index < 0) return;
  const command = commands[index];
  throw new ProblemException(
    problem(
      403,
      'FORBIDDEN',
      `role "${principal.role}" may not send ${command.type}${principal.region ? ` for region "${command.regionId}"` : ''}`,
      { index: isArray ? index : undefined },
    ),
  );
}

function withIndex(error: unknown, index: number | undefined): ProblemException {
  const document = toProblem(error);
  if (document.status === 500 && !(error instanceof DomainError)) throw error;
  return new ProblemException({
    ...document,
    ...(index !== undefined ? { index, detail: `command ${index}: ${document.detail}` } : {}),
  });
}
