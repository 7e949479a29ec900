import { allEvents, ChainCheck, describeProblem, Ledger, regionOfStream, toEventLine } from '@libs/ledger';
import { renderHledgerJournal } from '@libs/reports';
import { createWriteStream, renameSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { UsageError } from '../cli-error';
import { CliContext, withStore } from '../cli-context';
import { formatOption, parseOptions, requireOption, storeOption, yearOption } from '../cli-options';
import { loadRegionView } from './load-region';

export const EXPORT_USAGE =
  'geldstroom export --format jsonl|hledger [--region R] [--year Y] [--out FILE] [--store URL]';

/** What a restore needs besides the events, for `export --help`. */
export const EXPORT_HELP = [
  'A backup for a restore is the jsonl export: every event with its envelope, in global order.',
  'Restore it with "geldstroom import FILE --store URL" into an empty store.',
  '',
  'Not in the export:',
  '  tokens.json     API tokens, kept only as hashes. Copy it along with the backup to keep the issued',
  '                  tokens valid, or create new ones after the restore ("geldstroom token create").',
  '  idempotency.db  the answers kept for Idempotency-Key retries. Safe to lose: a retried POST is then',
  '                  executed again and, as every command is idempotent on identical content, records',
  '                  nothing twice; it is answered "nothing changed" (200) instead of with the first',
  '                  answer, and a key reused with another body is no longer recognised.',
].join('\n');

/**
 * `jsonl`: every event of the store with its envelope, in global order (a backup, and the input of
 * `import`). `hledger`: one region as a journal hledger reads.
 */
export async function exportCommand(context: CliContext): Promise<number> {
  const { values } = parseOptions(context.args, {
    ...storeOption,
    format: { type: 'string' },
    region: { type: 'string' },
    year: { type: 'string' },
    out: { type: 'string' },
  });
  if (values.format === undefined) throw new UsageError('--format is required (jsonl or hledger)');
  const format = formatOption(values.format, ['jsonl', 'hledger'] as const, 'jsonl');
  if (format === 'jsonl' && (values.region !== undefined || values.year !== undefined))
    throw new UsageError('--format jsonl exports the whole store; --region and --year belong to --format hledger');
  const year = values.year === undefined ? undefined : yearOption(values.year);
  const regionId = format === 'hledger' ? requireOption(values.region, 'region') : undefined;
  return withStore(context, values.store, async (store) => {
    if (format === 'jsonl') {
      // written under a temporary name and renamed when complete, so an interrupted export never passes for a backup
      const partial = typeof values.out === 'string' ? `${values.out}.partial` : undefined;
      const out = partial ? createWriteStream(partial) : undefined;
      let count = 0;
      const chains = new Map<string, ChainCheck>();
      for await (const event of allEvents(store)) {
        const line = `${toEventLine(event)}\n`;
        if (!chains.has(event.streamId)) chains.set(event.streamId, new ChainCheck(event.streamId));
        chains.get(event.streamId)!.accept(event);
        if (out) {
          if (!out.write(line)) await once(out, 'drain');
        } else {
          process.stdout.write(line);
        }
        count += 1;
      }
      if (out) {
        await new Promise<void>((resolve, reject) =>
          out.end((error?: Error | null) => (error ? reject(error) : resolve())),
        );
        renameSync(partial!, values.out as string);
      }
      context.io.err(`exported ${count} event(s) from ${store.description}${out ? ` to ${values.out}` : ''}`);
      // the backup is written whatever it holds; what it pins, or that it does not verify, is said beside it
      for (const [streamId, chain] of chains)
        context.io.err(
          chain.problem
            ? `warning: ${describeProblem(chain.problem)} (the backup holds this history as stored; geldstroom verify tells more)`
            : `${regionOfStream(streamId)}: ${chain.events} events, ledger hash ${chain.head}`,
        );
      return 0;
    }
    const ledger = new Ledger(store);
    const { ledgerHash } = await loadRegionView(ledger, regionId!);
    const journal = renderHledgerJournal(regionId!, await ledger.regionEvents(regionId!), year, ledgerHash);
    if (typeof values.out === 'string') {
      writeFileSync(values.out, journal);
      context.io.err(`wrote ${values.out}`);
    } else {
      context.io.out(journal);
    }
    return 0;
  });
}
