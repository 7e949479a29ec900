import { CommandFileError, Ledger, parseCommandFile } from '@libs/ledger';
import { REVISABLE_COMMANDS, replayWithRevisions, Revision } from '@libs/projections';
import { renderReplayText } from '@libs/reports';
import { readFileSync } from 'node:fs';
import { UsageError } from '../cli-error';
import { CliContext, withStore } from '../cli-context';
import { formatOption, parseOptions, requireOption, storeOption } from '../cli-options';
import { loadRegion } from './load-region';

export const REPLAY_USAGE = 'geldstroom replay --region R --with FILE [--format json|text] [--store URL]';

/** What-if: the region's history re-executed in memory with revised keys or agreements; records nothing. */
export async function replayCommand(context: CliContext): Promise<number> {
  const { values } = parseOptions(context.args, {
    ...storeOption,
    region: { type: 'string' },
    with: { type: 'string' },
    format: { type: 'string' },
  });
  const regionId = requireOption(values.region, 'region');
  const file = requireOption(values.with, 'with');
  const format = formatOption(values.format, ['json', 'text'] as const, 'json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const revisions: Revision[] = [];
  for (const { line, command } of parseCommandFile(file, text)) {
    if (!(REVISABLE_COMMANDS as readonly string[]).includes(command.type)) {
      throw new CommandFileError(
        file,
        line,
        `${command.type}: a what-if revises only ${REVISABLE_COMMANDS.join(', ')}`,
        'INVALID_FIELD',
        'command',
      );
    }
    if (command.regionId !== regionId)
      throw new CommandFileError(
        file,
        line,
        `${command.type}.regionId: the revision is for "${command.regionId}", not "${regionId}"`,
        'INVALID_FIELD',
        'regionId',
      );
    revisions.push(command as Revision);
  }
  if (revisions.length === 0) throw new UsageError(`${file} holds no revision`);
  return withStore(context, values.store, async (store) => {
    const ledger = new Ledger(store);
    const state = await loadRegion(ledger, regionId);
    const report = replayWithRevisions(regionId, await ledger.regionEvents(regionId), state, revisions);
    context.io.out(format === 'json' ? JSON.stringify(report, null, 2) : renderReplayText(report));
    return 0;
  });
}
