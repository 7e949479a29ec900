import { CommandFileError, commandFileText, parseCommandFile } from '@libs/ledger';
import { Revision } from '@libs/projections';
import { isRevision, revisionRefusal } from '@libs/queries';
import { renderReplayText } from '@libs/reports';
import { readFileSync } from 'node:fs';
import { UsageError } from '../cli-error';
import { CliContext } from '../cli-context';
import { formatOption, parseOptions, regionOption, requireOption, storeOption } from '../cli-options';
import { withQueries } from './region-queries';

/** What-if: the region's history re-executed in memory with revised keys or agreements; records nothing. */
export async function replayCommand(context: CliContext): Promise<number> {
  const { values } = parseOptions(context.args, {
    ...storeOption,
    region: { type: 'string' },
    with: { type: 'string' },
    format: { type: 'string' },
  });
  const regionId = regionOption(values.region);
  const file = requireOption(values.with, 'with');
  const format = formatOption(values.format, ['json', 'text'] as const, 'json');
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const text = commandFileText(file, data);
  const revisions = revisionsIn(file, text, regionId);
  if (revisions.length === 0) throw new UsageError(`${file} holds no revision`);
  if (format === 'json') {
    // the report as text (the years left as recorded spliced from the read models), laid out as before
    const json = await withQueries(context, values.store, (queries) => queries.replayJson({ regionId, revisions }));
    context.io.out(JSON.stringify(JSON.parse(json), null, 2));
    return 0;
  }
  const report = await withQueries(context, values.store, (queries) => queries.replay({ regionId, revisions }));
  context.io.out(renderReplayText(report));
  return 0;
}

/** The revisions of a command file, each checked by the one rule of what a what-if may revise (@libs/queries). */
function revisionsIn(file: string, text: string, regionId: string): Revision[] {
  const revisions: Revision[] = [];
  for (const { line, command } of parseCommandFile(file, text)) {
    if (isRevision(command, regionId)) {
      revisions.push(command);
      continue;
    }
    const refusal = revisionRefusal(command, regionId) ?? { field: 'command', reason: 'is not a revision' };
    const where = refusal.field === 'command' ? command.type : `${command.type}.${refusal.field}`;
    throw new CommandFileError(file, line, `${where}: ${refusal.reason}`, 'INVALID_FIELD', refusal.field);
  }
  return revisions;
}
