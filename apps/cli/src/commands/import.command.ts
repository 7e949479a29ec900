import { appendInOrder, parseEventLines, requireEmpty } from '@libs/ledger';
import { readFileSync } from 'node:fs';
import { UsageError } from '../cli-error';
import { CliContext, withStore } from '../cli-context';
import { parseOptions, storeOption } from '../cli-options';

export const IMPORT_USAGE = 'geldstroom import FILE [--store URL]';

/** Restores a `export --format jsonl` backup into an empty store, keeping event ids and metadata. */
export async function importCommand(context: CliContext): Promise<number> {
  const { values, positionals } = parseOptions(context.args, { ...storeOption }, true);
  if (positionals.length !== 1) throw new UsageError(`give exactly one backup file (${IMPORT_USAGE})`);
  const [file] = positionals;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const lines = parseEventLines(file, text);
  return withStore(context, values.store, async (store) => {
    await requireEmpty(store);
    const report = await appendInOrder(
      store,
      lines.map(({ event }) => event),
    );
    context.io.err(`imported ${report.events} event(s) in ${report.streams} stream(s) into ${store.description}`);
    return 0;
  });
}
