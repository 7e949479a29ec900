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
import { Command, DomainError, parseCommand } from '@libs/domain';
import type { Request, Response } from 'express';
import { requirePrincipal } from '../auth/bearer-auth.guard';
import { mayRecord } from '../auth/permissions';
import { CommandRequestDto, CommandsResponseDto } from '../dto/command.request.dto';
import { idempotent } from '../http/idempotent';
import { badRequest, problem, ProblemException, toProblem } from '../http/problem';
import { requestIdOf } from '../http/request-context';
import { IdempotencyStore } from '../idempotency/idempotency.store';
import { LedgerService } from '../ledger/ledger.service';

const MAX_COMMANDS = 10_000;

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
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'a retry with the same key and body returns the first response',
  })
  @ApiCreatedResponse({ type: CommandsResponseDto })
  @ApiOkResponse({ type: CommandsResponseDto, description: 'nothing changed (every command was an identical repeat)' })
  async record(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @Body() body: unknown,
  ): Promise<unknown> {
    const principal = requirePrincipal(request);
    if (!request.is('application/json'))
      throw new ProblemException(problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'send commands as application/json'));
    const items = Array.isArray(body) ? body : [body];
    if (items.length === 0) throw badRequest('the array holds no command', '(body)');
    if (items.length > MAX_COMMANDS) throw badRequest(`at most ${MAX_COMMANDS} commands per request`, '(body)');
    return idempotent(this.idempotency, principal.actor, request, response, async () => {
      const commands: Command[] = items.map((item, index) => {
        try {
          return parseCommand(item);
        } catch (error) {
          throw withIndex(error, Array.isArray(body) ? index : undefined);
        }
      });
      commands.forEach((command, index) => {
        if (!mayRecord(principal, command.type, command.regionId)) {
          const problemDocument = problem(
            403,
            'FORBIDDEN',
            `role "${principal.role}" may not send ${command.type}${principal.region ? ` for region "${command.regionId}"` : ''}`,
            {
              index: Array.isArray(body) ? index : undefined,
            },
          );
          throw new ProblemException(problemDocument);
        }
      });
      const results = [];
      for (const [index, command] of commands.entries()) {
        try {
          const outcome = await this.ledger.track(() =>
            this.ledger.ledger.execute(command, {
              actor: principal.actor,
              source: `http:${requestIdOf(request)}${Array.isArray(body) ? `#${index}` : ''}`,
              correlationId: requestIdOf(request),
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
          const failure = withIndex(error, Array.isArray(body) ? index : undefined);
          if (results.length > 0) (failure.problem as unknown as { recorded: unknown }).recorded = results;
          throw failure;
        }
      }
      return { status: results.some((result) => result.events.length > 0) ? 201 : 200, body: { results } };
    });
  }
}

function withIndex(error: unknown, index: number | undefined): ProblemException {
  const document = toProblem(error);
  if (document.status === 500 && !(error instanceof DomainError)) throw error;
  return new ProblemException({
    ...document,
    ...(index !== undefined ? { index, detail: `command ${index}: ${document.detail}` } : {}),
  });
}
