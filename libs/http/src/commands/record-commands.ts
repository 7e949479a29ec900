import { Command, DomainError } from '@libs/domain';
import { CommandRejected, RecordedSummary, runCommands } from '@libs/ledger';
import { mayRecord, Principal } from '@libs/access';
import type { Request, Response } from 'express';
import { idempotent } from '../http/idempotent';
import { ProblemException, toProblem } from '../http/problem';
import { IdempotencyStore } from '../idempotency/idempotency.store';
import { LedgerService } from '../ledger/ledger.service';
import { checkCommandsBody } from './parse-commands';

/** What POST /commands works with: the service's ledger and its idempotency store. */
export interface RecordingServices {
  readonly ledger: LedgerService;
  readonly idempotency: IdempotencyStore;
}

/** Who sent the commands and how the request is known: the request's id is each command's source and correlation id. */
export interface CommandsRequest {
  readonly principal: Principal;
  readonly requestId: string;
  readonly request: Request;
  readonly response: Response;
  readonly body: unknown;
}

/**
 * POST /commands, for the controller and for its fast path (commands-fast-path.ts) alike: the body is
 * checked (every command, and whether the token may send it), then each command runs atomically in
 * order, once per Idempotency-Key. Sets the status on `response` and returns the body to send as JSON;
 * a refusal is thrown, as a problem the problem filter sends.
 */
export async function recordCommands(
  { ledger, idempotency }: RecordingServices,
  { principal, requestId, request, response, body }: CommandsRequest,
): Promise<unknown> {
  // checked on every request, a replayed one included: a stored answer is only for whom may send the commands
  const { commands, isArray } = checkCommandsBody(
    body,
    (index, array) => `http:${requestId}${array ? `#${index}` : ''}`,
    { refuse: (command) => refusal(principal, command) },
  );
  return idempotent(idempotency, principal, request, response, async () => {
    const results: CommandResult[] = [];
    try {
      await ledger.track(() =>
        runCommands(ledger.ledger, commands, {
          actor: principal.actor,
          correlationId: requestId,
          onApplied: ({ place, command, outcome }) => results.push({ index: place, command: command.type, ...outcome }),
        }),
      );
    } catch (error) {
      throw rejectedProblem(error, isArray, results);
    }
    return { status: results.some((result) => result.events.length > 0) ? 201 : 200, body: { results } };
  });
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
