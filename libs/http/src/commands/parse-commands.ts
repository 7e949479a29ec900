import { Command } from '@libs/domain';
import { CheckedCommand, checkCommands, CheckOptions, CommandInput, CommandsRefused } from '@libs/ledger';
import { badRequest, domainProblem, InvalidParam, problem, ProblemException } from '../http/problem';

export const MAX_COMMANDS = 10_000;

/** The commands a body holds: one command, or an array of them, each with its index. */
export interface CommandsBody {
  readonly commands: CheckedCommand<number>[];
  readonly isArray: boolean;
}

/** A body's commands as inputs of the applyCommands use case: each with its index and its event source. */
function inputsOf(
  body: unknown,
  source: (index: number) => string,
): { inputs: CommandInput<number>[]; isArray: boolean } {
  const isArray = Array.isArray(body);
  const items: unknown[] = isArray ? body : [body];
  if (items.length === 0) throw badRequest('the array holds no command', '(body)');
  if (items.length > MAX_COMMANDS) throw badRequest(`at most ${MAX_COMMANDS} commands per request`, '(body)');
  return { inputs: items.map((value, index) => ({ place: index, source: source(index), value })), isArray };
}

/**
 * A refusal as one problem: 400 listing every invalid field of every command (`invalidParams`, names
 * prefixed with "[index]." for an array) with `field`, `code` and `index` those of the first; 403
 * for a command the token may not send.
 */
function refusalProblem(refused: CommandsRefused<number>, isArray: boolean): ProblemException {
  const [first] = refused.issues;
  const index = isArray ? first?.place : undefined;
  if (refused.kind === 'forbidden' || !first?.error)
    return new ProblemException(
      problem(refused.kind === 'forbidden' ? 403 : 400, first?.code ?? 'INVALID_FIELD', first?.reason ?? '', { index }),
    );
  const prefix = (place: number) => (isArray ? `[${place}].` : '');
  const document = domainProblem(first.error, prefix(first.place));
  const invalidParams: InvalidParam[] = refused.issues.flatMap(({ place, error }) =>
    error ? (domainProblem(error, prefix(place)).invalidParams ?? []) : [],
  );
  return new ProblemException({
    ...document,
    ...(index !== undefined ? { index, detail: `command ${index}: ${document.detail}` } : {}),
    ...(invalidParams.length > 0 ? { invalidParams } : {}),
  });
}

/**
 * The body of POST /commands — one command or an array of them — checked by the applyCommands use
 * case before anything runs (the domain's parser, then `refuse`, the token's role and region).
 */
export function checkCommandsBody(
  body: unknown,
  source: (index: number, isArray: boolean) => string,
  options: CheckOptions = {},
): CommandsBody {
  const { inputs, isArray } = inputsOf(body, (index) => source(index, Array.isArray(body)));
  try {
    return { commands: checkCommands(inputs, options), isArray };
  } catch (error) {
    if (error instanceof CommandsRefused) throw refusalProblem(error as CommandsRefused<number>, isArray);
    throw error;
  }
}

/** The commands of a body that records nothing (a what-if's revisions), checked the same way. */
export const parseCommandsBody = (body: unknown): { commands: Command[]; isArray: boolean } => {
  const { commands, isArray } = checkCommandsBody(body, () => 'what-if');
  return { commands: commands.map(({ command }) => command), isArray };
};
