import { REVISABLE_COMMANDS, Revision } from '@libs/projections';
import { parseCommandsBody } from '../commands/parse-commands';
import { badRequest, InvalidParam, problem, ProblemException } from '../http/problem';

const EXPECTED = `send an array of ${REVISABLE_COMMANDS.join(' / ')} commands (or {"revisions": [...]})`;

/** The body of a what-if replay: key and agreement commands of this region, every invalid one reported at once. */
export function parseRevisionsBody(body: unknown, regionId: string): Revision[] {
  const wrapped = body as { revisions?: unknown } | null;
  const items = Array.isArray(body)
    ? body
    : typeof wrapped === 'object' &&
        wrapped !== null &&
        Object.keys(wrapped).length === 1 &&
        Array.isArray(wrapped.revisions)
      ? wrapped.revisions
      : undefined;
  if (!items || items.length === 0) throw badRequest(EXPECTED, '(body)');
  const { commands } = parseCommandsBody(items);
  const invalidParams: InvalidParam[] = commands.flatMap((command, index) => [
    ...((REVISABLE_COMMANDS as readonly string[]).includes(command.type)
      ? []
      : [
          {
            name: `[${index}].command`,
            code: 'INVALID_FIELD',
            reason: `a what-if revises only ${REVISABLE_COMMANDS.join(', ')}`,
          },
        ]),
    ...(command.regionId === regionId
      ? []
      : [{ name: `[${index}].regionId`, code: 'INVALID_FIELD', reason: `must be "${regionId}"` }]),
  ]);
  if (invalidParams.length > 0) {
    const [first] = invalidParams;
    const index = Number(/^\[(\d+)\]/.exec(first.name)![1]);
    throw new ProblemException(
      problem(400, 'INVALID_FIELD', `command ${index}: ${first.reason}`, {
        field: first.name.slice(first.name.indexOf('.') + 1),
        index,
        invalidParams,
      }),
    );
  }
  return commands as Revision[];
}
