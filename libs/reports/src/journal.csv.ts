import { factIdOf, postingsOf, ruleOf, yearOf } from '@libs/domain';
import { formatAmount, formatCalendarDateNl, formatDateTimeNl } from '@libs/money';
import { LedgerEvent } from '@libs/projections';
import { CsvLocale, renderCsv } from './csv';
import { eventLabel } from './event-labels';

/**
 * How the controller's financial system names a ledger account: a pattern over Geldstroom's account
 * names (`*` stands for any text, e.g. `municipality:*:bw`), with the general-ledger account
 * (grootboekrekening), cost centre (kostenplaats) and Iv3 task field (taakveld) it books on.
 */
export interface JournalMappingRule {
  readonly pattern: string;
  readonly ledgerAccount: string;
  readonly costCentre: string;
  readonly taskField: string;
  readonly description: string;
}

export interface JournalMapping {
  readonly rules: readonly JournalMappingRule[];
}

/** A mapping file that cannot be used: names the file, line and column, and says why. */
export class JournalMappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JournalMappingError';
  }
}

const COLUMNS = ['rekening', 'grootboekrekening', 'kostenplaats', 'taakveld', 'omschrijving'] as const;
const PATTERN = /^[A-Za-z0-9:*._-]{1,200}$/;

/**
 * A starting mapping for a region, for the controller to fill in: every kind of account, with the Iv3
 * task field where the scheme decides it (6.81a beschermd wonen, 6.81b maatschappelijke opvang; 0.10
 * mutaties reserves) and the general-ledger accounts and cost centres left empty.
 */
export function defaultJournalMapping(regionId: string): JournalMapping {
  const rule = (pattern: string, taskField: string, description: string): JournalMappingRule => ({
    pattern,
    ledgerAccount: '',
    costCentre: '',
    taskField,
    description,
  });
  const region = `region:${regionId}`;
  return {
    rules: [
      rule('rijk', '', 'Rijk: integratie-uitkering BW en decentralisatie-uitkering MO uit het gemeentefonds'),
      rule(`${region}:bw-historical`, '6.81a', 'Historisch budget BW, bij de centrumgemeente'),
      rule(`${region}:bw-provisions`, '6.81a', 'Regionale voorzieningen BW'),
      rule(`${region}:mo-budget`, '6.81b', 'MO-budget, bij de centrumgemeente'),
      rule(`${region}:mo-provisions`, '6.81b', 'Regionale voorzieningen MO'),
      rule(`${region}:reserve`, '0.10', 'Regionale reserve (mutaties reserves)'),
      rule(`${region}:fund:*`, '0.10', 'Fondsen van de regio (mutaties reserves)'),
      rule(`${region}:advances`, '', 'Voorschotten van en aan de gemeenten'),
      rule('municipality:*:bw', '6.81a', 'Beschermd wonen: geld van een gemeente'),
      rule('municipality:*:mo', '6.81b', 'Maatschappelijke opvang: geld van een gemeente'),
      rule('external:providers', '', 'Zorgaanbieders en andere uitgaven'),
      rule('external:co-payments', '', 'Eigen bijdragen van cliënten'),
      rule('external:opening-balances', '', 'Beginbalansen'),
      rule('external:municipal-treasuries', '', 'Kassen van de gemeenten (voorschotten)'),
    ],
  };
}

/** The mapping as the CSV file the controller edits. */
export function renderJournalMapping(mapping: JournalMapping, locale: CsvLocale): string {
  return renderCsv(
    [...COLUMNS],
    mapping.rules.map((rule) => [rule.pattern, rule.ledgerAccount, rule.costCentre, rule.taskField, rule.description]),
    { numericColumns: [], locale },
  );
}

/**
 * Reads a mapping file: CSV separated by `;` or `,`, UTF-8 with or without BOM, a header row naming
 * the columns (rekening first; the others in any order, each optional). Rules apply in file order, the
 * first matching pattern wins. A formula-escaped cell (a leading apostrophe) is read back as written.
 */
export function parseJournalMapping(text: string, file: string): JournalMapping {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0];
  const delimiter = firstLine.includes(';') ? ';' : ',';
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    // loaded by the one command that reads a mapping file, not by every command that loads the renderers
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand (typed by typeof import)
    const { parse } = require('csv-parse/sync') as typeof import('csv-parse/sync');
    parsed = parse(text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as typeof parsed;
  } catch (error) {
    throw new JournalMappingError(`${file}: not a readable CSV file: ${(error as Error).message}`);
  }
  const records = parsed.map((entry) => entry.record);
  if (records.length === 0)
    throw new JournalMappingError(`${file}: empty; expected a header row (${COLUMNS.join(delimiter)})`);
  const header = records[0].map((name) => name.trim().toLowerCase());
  for (const [index, name] of header.entries())
    if (!(COLUMNS as readonly string[]).includes(name))
      throw new JournalMappingError(
        `${file}:1: column ${index + 1} "${records[0][index]}" is not a column of a mapping (${COLUMNS.join(', ')})`,
      );
  if (header[0] !== 'rekening') throw new JournalMappingError(`${file}:1: the first column must be "rekening"`);
  const seen = new Map<string, number>();
  const rules: JournalMappingRule[] = [];
  parsed.slice(1).forEach(({ record, info }) => {
    // the line the record ends on: a cell may hold a line break
    const line = info.lines;
    if (record.length > header.length)
      throw new JournalMappingError(
        `${file}:${line}: ${record.length} cells, the header names ${header.length} columns`,
      );
    const cell = (name: (typeof COLUMNS)[number]) => {
      const at = header.indexOf(name);
      const value = at < 0 ? '' : (record[at] ?? '').trim();
      return value.startsWith("'") ? value.slice(1) : value;
    };
    const pattern = cell('rekening');
    if (pattern === '')
      throw new JournalMappingError(
        `${file}:${line}: rekening: empty; name an account or a pattern such as municipality:*:bw`,
      );
    if (!PATTERN.test(pattern))
      throw new JournalMappingError(
        `${file}:${line}: rekening: "${pattern}" is not an account pattern (letters, digits, : . _ - and * for any text)`,
      );
    if (seen.has(pattern))
      throw new JournalMappingError(
        `${file}:${line}: rekening: "${pattern}" is mapped already on line ${seen.get(pattern)}`,
      );
    seen.set(pattern, line);
    for (const name of ['grootboekrekening', 'kostenplaats', 'taakveld'] as const)
      if (cell(name).length > 100)
        throw new JournalMappingError(`${file}:${line}: ${name}: longer than 100 characters`);
    rules.push({
      pattern,
      ledgerAccount: cell('grootboekrekening'),
      costCentre: cell('kostenplaats'),
      taskField: cell('taakveld'),
      description: cell('omschrijving'),
    });
  });
  return { rules };
}

const patternRegex = (pattern: string) =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );

/** The first rule whose pattern matches the account, or undefined. */
export function mappingFor(mapping: JournalMapping, account: string): JournalMappingRule | undefined {
  return mapping.rules.find((rule) => patternRegex(rule.pattern).test(account));
}

export interface JournalCsvOptions {
  readonly year?: number;
  readonly mapping: JournalMapping;
  readonly locale: CsvLocale;
}

export interface JournalCsv {
  readonly csv: string;
  /** accounts booked in the journal without a general-ledger account in the mapping */
  readonly unmapped: readonly string[];
  readonly lines: number;
}

/** A posting's counter account: the one account on the other side of its event, or "diversen". */
export const SEVERAL_ACCOUNTS = 'diversen';

/** The journal's columns, in order (Dutch names: the file is read by Dutch finance staff and their systems). */
const JOURNAL_COLUMNS = [
  'boekdatum',
  'boekjaar',
  'gebeurtenis',
  'soort',
  'regel',
  'omschrijving',
  'rekening',
  'tegenrekening',
  'grootboekrekening',
  'kostenplaats',
  'taakveld',
  'tegengrootboekrekening',
  'bedrag',
  'debet',
  'credit',
  'vastgelegd',
  'door',
  'bron',
] as const;

/**
 * The region's money events as a journal for a financial system: one line per posting, with the
 * booking date (the last day of the budget year, as in the hledger journal, so a year's lines give
 * that year's balances; the moment it was recorded is a column of its own), the account and its
 * counter account (the one account on the other side of the event, or "diversen"), the mapped
 * general-ledger account, cost centre and Iv3 task field, debit and credit, and the event and rule
 * it came from. Every event's lines sum to zero.
 */
export function renderJournalCsv(events: readonly LedgerEvent[], options: JournalCsvOptions): JournalCsv {
  const dutch = options.locale === 'nl';
  const rows: string[][] = [];
  const unmapped = new Set<string>();
  const ledgerOf = (account: string) => {
    const rule = mappingFor(options.mapping, account);
    if (!rule?.ledgerAccount) unmapped.add(account);
    return rule;
  };
  for (const event of events) {
    const year = yearOf(event);
    const postings = postingsOf(event);
    if (postings.length === 0 || year === undefined || (options.year !== undefined && year !== options.year)) continue;
    const id = factIdOf(event)?.[1];
    const label = eventLabel(event.type);
    const ownScheme = 'scheme' in event.data ? event.data.scheme : undefined;
    const scheme = ownScheme !== undefined && !label.split(' ').includes(ownScheme) ? ownScheme : '';
    const description = [label, id, scheme].filter(Boolean).join(' ');
    const date = `${year}-12-31`;
    for (const posting of postings) {
      const cents = posting.amount;
      const others = new Set(
        postings.filter((other) => (cents < 0n ? other.amount > 0n : other.amount < 0n)).map((other) => other.account),
      );
      const counter = others.size === 1 ? [...others][0] : SEVERAL_ACCOUNTS;
      const rule = ledgerOf(posting.account);
      const counterRule = counter === SEVERAL_ACCOUNTS ? undefined : mappingFor(options.mapping, counter);
      rows.push([
        dutch ? formatCalendarDateNl(date) : date,
        String(year),
        event.eventId,
        eventLabel(event.type),
        ruleOf(event) ?? '',
        description,
        posting.account,
        counter,
        rule?.ledgerAccount ?? '',
        rule?.costCentre ?? '',
        rule?.taskField ?? '',
        counterRule?.ledgerAccount ?? '',
        formatAmount(cents),
        cents > 0n ? formatAmount(cents) : '',
        cents < 0n ? formatAmount(-cents) : '',
        dutch ? formatDateTimeNl(event.metadata.recordedAt) : event.metadata.recordedAt,
        event.metadata.actor,
        event.metadata.source,
      ]);
    }
  }
  const header = [...JOURNAL_COLUMNS];
  const amountColumns = (['boekjaar', 'bedrag', 'debet', 'credit'] as const).map((name) => header.indexOf(name));
  return {
    csv: renderCsv(header, rows, { numericColumns: amountColumns, locale: options.locale }),
    unmapped: [...unmapped].sort(),
    lines: rows.length,
  };
}
