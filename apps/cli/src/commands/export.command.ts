import { EventStore } from '@libs/event-store';
import { allEvents, ChainCheck, describeProblem, regionOfStream, toEventLine } from '@libs/ledger';
import {
  CsvLocale,
  defaultJournalMapping,
  JournalMapping,
  parseJournalMapping,
  renderHledgerJournal,
  renderJournalCsv,
  renderJournalMapping,
} from '@libs/reports';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { UsageError } from '../cli-error';
import { CliContext, withStore } from '../cli-context';
import { formatOption, localeOption, parseOptions, regionOption, storeOption, yearOption } from '../cli-options';
import { streamWhole } from '../write-whole';
import { withQueries } from './region-queries';

const FORMATS = ['jsonl', 'hledger', 'journal-csv', 'journal-mapping'] as const;

function exportOptions(args: string[]) {
  const { values } = parseOptions(args, {
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
  return { ...values, format, locale: localeOption(values.locale) };
}

/**
 * `jsonl`: every event of the store with its envelope, in global order (a backup, and the input of
 * `import`). `hledger`: one region as a journal hledger reads. `journal-csv`: one region's postings as
 * lines for a financial system, mapped to its general-ledger accounts by `--mapping` (a file that
 * `journal-mapping` writes to start from).
 */
export async function exportCommand(context: CliContext): Promise<number> {
  const options = exportOptions(context.args);
  const { format } = options;
  if (format === 'jsonl')
    return withStore(context, options.store, (store) => exportBackup(store, options.out, context));
  const regionId = regionOption(options.region);
  const write = (text: string) => {
    if (options.out !== undefined) {
      writeFileSync(options.out, text);
      context.io.err(`wrote ${options.out}`);
    } else {
      context.io.out(text);
    }
  };
  if (format === 'journal-mapping') {
    write(renderJournalMapping(defaultJournalMapping(regionId), options.locale));
    return 0;
  }
  // read before the store is opened: a mistake in the mapping costs nothing
  const mapping = options.mapping !== undefined ? readMapping(options.mapping) : defaultJournalMapping(regionId);
  const year = options.year === undefined ? undefined : yearOption(options.year);
  const { events, ledgerHash } = await withQueries(context, options.store, (queries) =>
    queries.journal({ regionId, ...(year !== undefined ? { year } : {}) }),
  );
  if (format === 'hledger') write(renderHledgerJournal(regionId, events, year, ledgerHash));
  else journalCsv({ regionId, year, mapping, locale: options.locale, ledgerHash }, events, write, context);
  return 0;
}

/** One line per posting for a financial system, and what could not be mapped. */
function journalCsv(
  journal: { regionId: string; year?: number; mapping: JournalMapping; locale: CsvLocale; ledgerHash?: string },
  events: Parameters<typeof renderJournalCsv>[0],
  write: (text: string) => void,
  context: CliContext,
): void {
  const rendered = renderJournalCsv(events, { year: journal.year, mapping: journal.mapping, locale: journal.locale });
  write(rendered.csv);
  context.io.err(`${journal.regionId}: ${rendered.lines} journal line(s), ledger hash ${journal.ledgerHash}`);
  if (rendered.unmapped.length > 0)
    context.io.err(
      `note: no grootboekrekening for ${rendered.unmapped.length} account(s) (${rendered.unmapped.slice(0, 5).join(', ')}${rendered.unmapped.length > 5 ? ', …' : ''}): write a mapping with --format journal-mapping, fill it in and pass it with --mapping`,
    );
}

/**
 * Every event in global order, to `out` or stdout. Written under a temporary name and renamed when
 * complete, so an interrupted export never passes for a backup.
 */
async function exportBackup(store: EventStore, file: string | undefined, context: CliContext): Promise<number> {
  let count = 0;
  const chains = new Map<string, ChainCheck>();
  const copy = async (out?: Writable) => {
    for await (const event of allEvents(store)) {
      const line = `${toEventLine(event)}\n`;
      const chain = chains.get(event.streamId) ?? new ChainCheck(event.streamId);
      chains.set(event.streamId, chain);
      chain.accept(event);
      if (!out) process.stdout.write(line);
      else if (!out.write(line)) await once(out, 'drain');
      count += 1;
    }
  };
  if (file !== undefined) await streamWhole(file, copy);
  else await copy();
  context.io.err(`exported ${count} event(s) from ${store.description}${file !== undefined ? ` to ${file}` : ''}`);
  // the backup is written whatever it holds; what it pins, or that it does not verify, is said beside it
  for (const [streamId, chain] of chains)
    context.io.err(
      chain.problem
        ? `warning: ${describeProblem(chain.problem)} (the backup holds this history as stored; geldstroom verify tells more)`
        : `${regionOfStream(streamId)}: ${chain.events} events, ledger hash ${chain.head}`,
    );
  return 0;
}

function readMapping(file: string): JournalMapping {
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
