import { appendInOrder, importableEvents, parseEventLines } from '@libs/ledger';
import { readFileSync } from 'node:fs';
import { UsageError } from '../cli-error';
import { CliContext, withStore } from '../cli-context';
import { parseOptions, storeOption } from '../cli-options';
import { IMPORT_USAGE } from './usage';

/**
 * Restores a `export --format jsonl` backup, keeping event ids and metadata. The whole file is checked
 * first — every line, and every region's hash chain — and written in one transaction where the store
 * has them (SQLite), so a killed import leaves nothing; elsewhere (EventStoreDB) a re-run skips what
 * an interrupted one wrote and completes it.
 */
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
  const { events, counts } = importableEvents(file, parseEventLines(file, text));
  return withStore(
    context,
    values.store,
    async (store) => {
      const report = await appendInOrder(store, events, { sourceCounts: counts, atomic: true });
      context.io.err(
        report.events === 0 && report.skipped > 0
          ? `nothing to import: ${store.description} already holds all ${report.skipped} event(s) of ${file}`
          : `imported ${report.events} event(s) in ${report.streams} stream(s) into ${store.description}${report.skipped > 0 ? ` (${report.skipped} were already there from an interrupted import)` : ''}`,
      );
      return 0;
    },
    { create: true },
  );
}
