import { allEvents, ChainCheck, describeProblem, Ledger, regionOfStream, toEventLine } from '@libs/ledger';
import {
  defaultJournalMapping,
  parseJournalMapping,
  renderHledgerJournal,
  renderJournalCsv,
  renderJournalMapping,
} from '@libs/reports';
import { createWriteStream, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { UsageError } from '../cli-error';
import { CliContext, withStore } from '../cli-context';
import { formatOption, localeOption, parseOptions, requireOption, storeOption, yearOption } from '../cli-options';
import { loadRegionView } from './load-region';

export const EXPORT_USAGE =
  'geldstroom export --format jsonl|hledger|journal-csv|journal-mapping [--region R] [--year Y] [--mapping FILE] [--locale nl|en] [--out FILE] [--store URL]';

const FORMATS = ['jsonl', 'hledger', 'journal-csv', 'journal-mapping'] as const;

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
  '',
  'For the financial system: "--format journal-mapping --region R --out grootboek.csv" writes a mapping',
  '(rekening;grootboekrekening;kostenplaats;taakveld;omschrijving, * for any text) to fill in; then',
  '"--format journal-csv --region R [--year Y] --mapping grootboek.csv" writes one line per posting.',
  'Both are CSV for Dutch spreadsheets; --locale en gives the machine form.',
].join('\n');

/**
 * `jsonl`: every event of the store with its envelope, in global order (a backup, and the input of
 * `import`). `hledger`: one region as a journal hledger reads. `journal-csv`: one region's postings as
 * lines for a financial system, mapped to its general-ledger accounts by `--mapping` (a file that
 * `journal-mapping` writes to start from).
 */
export async function exportCommand(context: CliContext): Promise<number> {
  const { values } = parseOptions(context.args, {
    ...storeOption,
    format: { type: 'string' },
    region: { type: 'string' },
    year: { type: 'string' },
    out: { type: 'string' },
    mapping: { type: 'string' },
    locale: { type: 'string' },
  });
  if (values.format === undefined) throw new UsageError(`--format is required (${FORMATS.join(', ')})`);
  const format = formatOption(values.format, FORMATS, 'jsonl');
  if (format === 'jsonl' && (values.region !== undefined || values.year !== undefined))
    throw new UsageError('--format jsonl exports the whole store; --region and --year belong to the other formats');
  if (values.mapping !== undefined && format !== 'journal-csv')
    throw new UsageError('--mapping belongs to --format journal-csv');
  if (values.locale !== undefined && format !== 'journal-csv' && format !== 'journal-mapping')
    throw new UsageError('--locale belongs to --format journal-csv and journal-mapping');
  if (format === 'journal-mapping' && values.year !== undefined)
    throw new UsageError('--format journal-mapping maps accounts, not a year; leave out --year');
  const locale = localeOption(values.locale);
  const year = values.year === undefined ? undefined : yearOption(values.year);
  const regionId = format === 'jsonl' ? undefined : requireOption(values.region, 'region');
  // read before the store is opened: a mistake in the mapping costs nothing
  const mapping =
    typeof values.mapping === 'string'
      ? readMapping(values.mapping)
      : regionId
        ? defaultJournalMapping(regionId)
        : undefined;
  const write = (text: string) => {
    if (typeof values.out === 'string') {
      writeFileSync(values.out, text);
      context.io.err(`wrote ${values.out}`);
    } else {
      context.io.out(text);
    }
  };
  if (format === 'journal-mapping') {
    write(renderJournalMapping(defaultJournalMapping(regionId!), locale));
    return 0;
  }
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
    const events = await ledger.regionEvents(regionId!);
    if (format === 'hledger') {
      write(renderHledgerJournal(regionId!, events, year, ledgerHash));
      return 0;
    }
    const journal = renderJournalCsv(events, { year, mapping: mapping!, locale });
    write(journal.csv);
    context.io.err(`${regionId}: ${journal.lines} journal line(s), ledger hash ${ledgerHash}`);
    if (journal.unmapped.length > 0)
      context.io.err(
        `note: no grootboekrekening for ${journal.unmapped.length} account(s) (${journal.unmapped.slice(0, 5).join(', ')}${journal.unmapped.length > 5 ? ', …' : ''}): write a mapping with --format journal-mapping, fill it in and pass it with --mapping`,
      );
    return 0;
  });
}

function readMapping(file: string) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `--mapping ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  return parseJournalMapping(text, file);
}
