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
import type { Request, Response } from 'express';
import { Principal } from '../auth/principal.decorator';
import { CommandRequestDto, CommandsResponseDto } from '../dto/command.request.dto';
import { RequestId } from '../http/request-id.decorator';
import { IdempotencyStore } from '../idempotency/idempotency.store';
import { LedgerService } from '../ledger/ledger.service';
import { ApiProblems, IDEMPOTENCY_KEY_HEADER, REPLAYED_HEADER } from '../openapi/api-problems.decorator';
import { recordCommands } from './record-commands';

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
    return recordCommands(
      { ledger: this.ledger, idempotency: this.idempotency },
      { principal, requestId, request, response, body },
    );
  }
}
