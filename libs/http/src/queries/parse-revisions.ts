import { REVISABLE_COMMANDS, Revision } from '@libs/projections';
import { isRevision, revisionRefusal } from '@libs/queries';
import { parseCommandsBody } from '../commands/parse-commands';
import { badRequest, InvalidParam, problem, ProblemException } from '../http/problem';

const EXPECTED = `send an array of ${REVISABLE_COMMANDS.join(' / ')} commands (or {"revisions": [...]})`;

const isList = (value: unknown): value is unknown[] => Array.isArray(value);

/** The array a what-if body holds: the body itself, or its one field `revisions`. */
function itemsOf(body: unknown): unknown[] | undefined {
  if (isList(body)) return body;
  if (typeof body !== 'object' || body === null) return undefined;
  const entries = Object.entries(body);
  const [only] = entries;
  return entries.length === 1 && only?.[0] === 'revisions' && isList(only[1]) ? only[1] : undefined;
}

/**
 * The body of a what-if replay: key and agreement commands of this region (the rule of what a what-if
 * may revise is @libs/queries', as for `geldstroom replay`), every invalid one reported at once.
 */
export function parseRevisionsBody(body: unknown, regionId: string): Revision[] {
  const items = itemsOf(body);
  if (!items || items.length === 0) throw badRequest(EXPECTED, '(body)');
  const { commands } = parseCommandsBody(items);
  const refusals = commands.flatMap((command, index) => {
    const refusal = revisionRefusal(command, regionId);
    return refusal ? [{ index, ...refusal }] : [];
  });
  const [first] = refusals;
  if (first) {
    const invalidParams: InvalidParam[] = refusals.map(({ index, field, reason }) => ({
      name: `[${index}].${field}`,
      code: 'INVALID_FIELD',
      reason,
    }));
    throw new ProblemException(
      problem(400, 'INVALID_FIELD', `command ${first.index}: ${first.reason}`, {
        field: first.field,
        index: first.index,
        invalidParams,
      }),
    );
  }
  return commands.filter((command) => isRevision(command, regionId));
}
