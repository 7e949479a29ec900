import { Command, DomainError, parseCommand } from '@libs/domain';
import { badRequest, domainProblem, InvalidParam, ProblemException } from '../http/problem';

export const MAX_COMMANDS = 10_000;

/**
 * The body of POST /commands — one command or an array of them — parsed by the domain's parser
 * before anything runs. A refusal is one 400 that lists every invalid field of every command
 * (`invalidParams`, names prefixed with "[index]." for an array); `field`, `code` and `index` are
 * those of the first.
 */
export function parseCommandsBody(body: unknown): { commands: Command[]; isArray: boolean } {
  const isArray = Array.isArray(body);
  const items: unknown[] = isArray ? body : [body];
  if (items.length === 0) throw badRequest('the array holds no command', '(body)');
  if (items.length > MAX_COMMANDS) throw badRequest(`at most ${MAX_COMMANDS} commands per request`, '(body)');
  const commands: Command[] = [];
  const refusals: { index: number; error: DomainError }[] = [];
  items.forEach((item, index) => {
    try {
      commands.push(parseCommand(item));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      refusals.push({ index, error });
    }
  });
  if (refusals.length === 0) return { commands, isArray };
  const [first] = refusals;
  const document = domainProblem(first.error, isArray ? `[${first.index}].` : '');
  const invalidParams: InvalidParam[] = refusals.flatMap(
    ({ index, error }) => domainProblem(error, isArray ? `[${index}].` : '').invalidParams ?? [],
  );
  throw new ProblemException({
    ...document,
    ...(isArray ? { index: first.index, detail: `command ${first.index}: ${document.detail}` } : {}),
    ...(invalidParams.length > 0 ? { invalidParams } : {}),
  });
}
