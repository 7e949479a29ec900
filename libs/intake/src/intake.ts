import { Command, CONFLICT_CODES, DomainError, InvariantViolation, Scheme } from '@libs/domain';
import { formatAmount } from '@libs/money';
import { CommandContext, CommandRejected, Ledger, runCommands } from '@libs/ledger';
import { extname } from 'node:path';
import { IntakeError, IntakeIssue, issue, IssueList, MAX_ISSUES } from './intake.errors';
import { REASONS } from './reasons';
import { readCsv } from './read-csv';
import { readWorkbook } from './read-workbook';
import { SheetTable } from './sheet-table';
import { located, RowPlace, rowsOf, SheetRows } from './sheet-rows';
import { SheetSpec, SHEETS, sheetNamed } from './sheets';

export interface IntakeFile {
  /** the name the user knows the file by: the path given on the command line, the uploaded file name */
  readonly file: string;
  readonly data: Buffer;
}

export interface IntakeOptions {
  /** the region; otherwise cell B1 of the sheet Regio */
  readonly regionId?: string;
  readonly actor: string;
  readonly correlationId?: string;
  /** the event source of a row: `FILE:SHEET:ROW` (CLI), `upload:FILE:SHEET:ROW` (HTTP) */
  readonly source: (place: RowPlace) => string;
  /**
   * The ledger of the run. A dry-run ledger (apply --dry-run) only checks, and keeps what the rows
   * would record for the rest of its run; otherwise every row is first checked on a dry-run copy
   * over the same store and then recorded on this one.
   */
  readonly ledger: Ledger;
  /** whether the caller may send a command (HTTP roles); a row it may not send is refused */
  readonly mayRecord?: (command: Command) => boolean;
  /** how many issues a refusal lists (MAX_ISSUES); the rest are counted in `moreIssues` */
  readonly maxIssues?: number;
}

export type RowStatus = 'new' | 'identical' | 'conflicting' | 'rejected';

export interface YearTotal {
  readonly year: number;
  readonly scheme: Scheme | null;
  readonly amount: string;
}

export interface SheetReport {
  readonly file: string;
  readonly sheet: string;
  readonly command: string;
  /** non-empty data rows */
  readonly rows: number;
  /** rows that became a command */
  readonly commands: number;
  readonly new: number;
  readonly identical: number;
  readonly conflicting: number;
  readonly rejected: number;
  /** events recorded (or, in a dry run, that would be) */
  readonly events: number;
  /** Σ amounts (local expenditure: care plus execution costs) per year and scheme */
  readonly totals: readonly YearTotal[];
}

export interface IntakeReport {
  readonly regionId: string;
  readonly dryRun: boolean;
  /** true when the rows were recorded */
  readonly recorded: boolean;
  readonly sheets: readonly SheetReport[];
  readonly ignoredSheets: readonly { readonly file: string; readonly sheet: string }[];
  readonly rows: number;
  readonly commands: number;
  readonly new: number;
  readonly identical: number;
  readonly conflicting: number;
  readonly rejected: number;
  readonly events: number;
  /** the first MAX_ISSUES problems, in file order */
  readonly issues: readonly IntakeIssue[];
  /** how many problems were found beyond `issues` */
  readonly moreIssues: number;
}

/** What one upload or invocation may hold. */
export const MAX_FILES = 20;

/**
 * Applies spreadsheet input (interface.md §5): every sheet of every file in the order of §5, each row
 * a command through the domain's parser and the ledger. Every row is checked first — against what is
 * recorded and against the rows before it — and nothing is recorded unless every row passes; then
 * the rows are recorded in order. Rows identical to what is recorded record nothing, so applying
 * the same workbook twice records nothing the second time. Throws an IntakeError naming the first
 * MAX_ISSUES problems in file order, counting the rest, with the preview attached.
 */
/** The readers keep only tables whose sheet is known, so a table without a spec is a bug here, not bad input. */
function specOf(table: SheetTable): SheetSpec {
  const spec = sheetNamed(table.sheet);
  if (!spec) throw new InvariantViolation(`intake: sheet ${table.sheet} was read but has no spec`);
  return spec;
}

export async function runIntake(files: readonly IntakeFile[], options: IntakeOptions): Promise<IntakeReport> {
  if (files.length > MAX_FILES)
    throw new IntakeError([issue({ file: files[MAX_FILES].file }, REASONS.tooManyFiles(MAX_FILES))]);
  const read = await readFiles(files);
  const regionId = resolveRegion(files, read.regions, options.regionId);
  const validator = options.ledger.dryRun ? options.ledger : new Ledger(options.ledger.store, { dryRun: true });
  const recorder = options.ledger.dryRun ? undefined : options.ledger;
  const state = await validator.regionState(regionId);
  if (!state.region)
    throw new IntakeError([
      issue(
        read.regions[0]?.place ?? { file: files[0]?.file ?? '(input)' },
        REASONS.regionNotRegistered(regionId),
        'UNKNOWN_REGION',
      ),
    ]);
  const members = { regionId, municipalities: state.region.municipalities };
  const order = (table: SheetTable) => SHEETS.indexOf(specOf(table));
  const sheets = [...read.tables]
    .sort((a, b) => order(a) - order(b))
    .map((table) => rowsOf(table, specOf(table), members));

  const issues = new IssueList(options.maxIssues ?? MAX_ISSUES);
  const checked = await check(sheets, validator, options, issues);
  const report = (recorded: boolean, events?: readonly number[]) =>
    summarise(regionId, !recorder, recorded, checked, events, read.ignored, issues);
  if (issues.total > 0) throw new IntakeError(issues.listed, report(false), issues.more);
  if (!recorder) return report(false);

  const recordedEvents = [];
  for (const sheet of checked) recordedEvents.push(await recordSheet(recorder, sheet, options));
  return report(true, recordedEvents);
}

/**
 * Records a checked sheet's rows in order through the applyCommands use case (runCommands: every row
 * was checked already). A row refused now means the ledger changed between the check and now (another
 * writer): the error says which rows stay recorded.
 */
async function recordSheet(recorder: Ledger, sheet: CheckedSheet, options: IntakeOptions): Promise<number> {
  const rows = sheet.commands.map(({ place, command }) => ({ place, source: options.source(place), command }));
  try {
    const report = await runCommands(recorder, rows, {
      actor: options.actor,
      ...(options.correlationId ? { correlationId: options.correlationId } : {}),
    });
    return report.events;
  } catch (error) {
    if (!(error instanceof CommandRejected && error.cause instanceof DomainError)) throw error;
    const found = located(error.cause, (error as CommandRejected<RowPlace>).place, sheet.rows.spec, error.command);
    throw new IntakeError([issue(found, REASONS.ledgerChanged(found.reason), found.code, found.original)]);
  }
}

interface CheckedSheet {
  readonly rows: SheetRows;
  readonly commands: readonly { readonly place: RowPlace; readonly command: Command; readonly status: RowStatus }[];
  readonly events: number;
}

/** Checks every row of every sheet in order; their problems go to `issues` in that order. */
async function check(
  sheets: readonly SheetRows[],
  validator: Ledger,
  options: IntakeOptions,
  issues: IssueList,
): Promise<CheckedSheet[]> {
  const checked: CheckedSheet[] = [];
  for (const rows of sheets) {
    issues.addAll(rows.sheetIssues);
    const commands: { place: RowPlace; command: Command; status: RowStatus }[] = [];
    let events = 0;
    for (const row of rows.rows(issues)) {
      if ('refused' in row) continue;
      if (options.mayRecord && !options.mayRecord(row.command)) {
        issues.add(() => issue(row.place, REASONS.mayNotRecord(rows.spec.name), 'FORBIDDEN'));
        commands.push({ place: row.place, command: row.command, status: 'rejected' });
        continue;
      }
      try {
        const outcome = await validator.execute(row.command, context(options, row.place));
        events += outcome.events.length;
        commands.push({
          place: row.place,
          command: row.command,
          status: outcome.events.length > 0 ? 'new' : 'identical',
        });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        issues.add(() => located(error, row.place, rows.spec, row.command));
        commands.push({
          place: row.place,
          command: row.command,
          status: CONFLICT_CODES.has(error.code) ? 'conflicting' : 'rejected',
        });
      }
    }
    checked.push({ rows, commands, events });
  }
  return checked;
}

function context(options: IntakeOptions, place: RowPlace): CommandContext {
  return {
    actor: options.actor,
    source: options.source(place),
    ...(options.correlationId ? { correlationId: options.correlationId } : {}),
  };
}

async function readFiles(files: readonly IntakeFile[]) {
  const tables: SheetTable[] = [];
  const regions: { value: string; place: { file: string; sheet: string; row: number; column: string } }[] = [];
  const ignored: { file: string; sheet: string }[] = [];
  const issues: IntakeIssue[] = [];
  for (const { file, data } of files) {
    const extension = extname(file).toLowerCase();
    if (extension === '.csv') {
      tables.push(readCsv(file, data));
    } else if (extension === '.xlsx') {
      const workbook = await readWorkbook(file, data);
      tables.push(...workbook.tables);
      ignored.push(...workbook.ignoredSheets.map((sheet) => ({ file, sheet })));
      if (workbook.region?.issue) issues.push(workbook.region.issue);
      else if (workbook.region)
        regions.push({ value: workbook.region.value, place: { file, sheet: 'Regio', row: 1, column: 'regio' } });
    } else {
      issues.push(issue({ file }, REASONS.notASpreadsheet, 'INVALID_FILE'));
    }
  }
  if (issues.length > 0) throw new IntakeError(issues);
  return { tables, regions, ignored };
}

function resolveRegion(
  files: readonly IntakeFile[],
  regions: readonly { value: string; place: { file: string; sheet: string; row: number; column: string } }[],
  given: string | undefined,
): string {
  const regionId = given ?? regions[0]?.value;
  if (regionId === undefined)
    throw new IntakeError([issue({ file: files[0]?.file ?? '(input)' }, REASONS.whichRegion, 'MISSING_FIELD')]);
  const other = regions.find((region) => region.value !== regionId);
  if (other) throw new IntakeError([issue(other.place, REASONS.otherRegion(other.value, regionId), 'INVALID_FIELD')]);
  return regionId;
}

function summarise(
  regionId: string,
  dryRun: boolean,
  recorded: boolean,
  checked: readonly CheckedSheet[],
  recordedEvents: readonly number[] | undefined,
  ignoredSheets: readonly { file: string; sheet: string }[],
  issues: IssueList,
): IntakeReport {
  const sheets = checked.map((sheet, index): SheetReport => {
    const count = (status: RowStatus) => sheet.commands.filter((row) => row.status === status).length;
    const rows = sheet.rows.table.rows.length;
    return {
      file: sheet.rows.table.file,
      sheet: sheet.rows.spec.name,
      command: sheet.rows.spec.command,
      rows,
      commands: sheet.commands.length,
      new: count('new'),
      identical: count('identical'),
      conflicting: count('conflicting'),
      // rows that did not become a command: a bad cell, or a sheet whose columns are wrong
      rejected: rows - sheet.commands.length + count('rejected'),
      events: recordedEvents?.[index] ?? sheet.events,
      totals: totalsOf(sheet.commands.map((row) => row.command)),
    };
  });
  const sum = (key: 'rows' | 'commands' | 'new' | 'identical' | 'conflicting' | 'rejected' | 'events') =>
    sheets.reduce((total, sheet) => total + sheet[key], 0);
  return {
    regionId,
    dryRun,
    recorded,
    sheets,
    ignoredSheets,
    rows: sum('rows'),
    commands: sum('commands'),
    new: sum('new'),
    identical: sum('identical'),
    conflicting: sum('conflicting'),
    rejected: sum('rejected'),
    events: sum('events'),
    issues: [...issues.listed],
    moreIssues: issues.more,
  };
}

function totalsOf(commands: readonly Command[]): YearTotal[] {
  const totals = new Map<string, { year: number; scheme: Scheme | null; cents: bigint }>();
  for (const command of commands) {
    const fields = command as unknown as {
      year?: number;
      scheme?: Scheme;
      amount?: bigint;
      careCosts?: bigint;
      executionCosts?: bigint;
    };
    if (fields.year === undefined) continue;
    const cents = fields.amount ?? (fields.careCosts ?? 0n) + (fields.executionCosts ?? 0n);
    const key = `${fields.year}/${fields.scheme ?? ''}`;
    const total = totals.get(key) ?? { year: fields.year, scheme: fields.scheme ?? null, cents: 0n };
    total.cents += cents;
    totals.set(key, total);
  }
  return [...totals.values()]
    .sort((a, b) => a.year - b.year || (a.scheme ?? '').localeCompare(b.scheme ?? ''))
    .map(({ year, scheme, cents }) => ({ year, scheme, amount: formatAmount(cents) }));
}
