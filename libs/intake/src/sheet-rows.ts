import { Command, DomainError, parseCommand } from '@libs/domain';
import { Cell, describeCell } from './cells';
import { Members, readCell } from './convert-cell';
import { IntakeIssue, issue, IssueList } from './intake.errors';
import { REASONS } from './reasons';
import { refusalReason } from './refusals';
import { SheetTable } from './sheet-table';
import { ColumnSpec, isRequired, kindOf, nameKey, SheetSpec } from './sheets';

/** Where a row is: what sources and messages name. */
export interface RowPlace {
  readonly file: string;
  readonly sheet: string;
  readonly row: number;
}

/** A data row that became a command, or one whose problems went to the IssueList (listed or counted). */
export type Row = { readonly place: RowPlace } & ({ readonly command: Command } | { readonly refused: true });

export interface SheetRows {
  readonly table: SheetTable;
  readonly spec: SheetSpec;
  /**
   * Every non-empty data row in order, read only as it is asked for: a refused row puts its problems
   * in `issues` then, so they stay in file order with the ledger's refusals of the rows before it,
   * and no refused row is kept after it was counted.
   */
  readonly rows: (issues: IssueList) => Iterable<Row>;
  /** a problem with the sheet as a whole (a missing or unknown column); then no row is read */
  readonly sheetIssues: readonly IntakeIssue[];
}

/**
 * Reads a sheet's rows into commands: each row becomes the command-file object of the sheet's
 * command and goes through the domain's own parser, whose field errors are put back at the
 * row's column.
 */
export function rowsOf(table: SheetTable, spec: SheetSpec, members: Members): SheetRows {
  const { columns, issues: headerIssues } = columnsOf(table, spec);
  const sheetIssues = [...headerIssues, ...cellBeyondHeaders(table)];
  if (sheetIssues.length > 0) return { table, spec, rows: () => [], sheetIssues };
  function* rows(issues: IssueList): Iterable<Row> {
    for (const { row, cells } of table.rows)
      yield rowCommand({ file: table.file, sheet: table.sheet, row }, cells, columns, spec, members, issues);
  }
  return { table, spec, rows, sheetIssues };
}

/**
 * The sheet's column for each header (undefined for an empty or unknown one), and what is wrong with
 * the header row: values under an empty header, an unknown or repeated column, a missing required one.
 */
function columnsOf(table: SheetTable, spec: SheetSpec): { columns: (ColumnSpec | undefined)[]; issues: IntakeIssue[] } {
  const { file, sheet, headerRow } = table;
  const columns: (ColumnSpec | undefined)[] = [];
  const issues: IntakeIssue[] = [];
  const seen = new Set<string>();
  table.headers.forEach((header, index) => {
    if (header === '') {
      if (table.rows.some(({ cells }) => (cells[index]?.kind ?? 'empty') !== 'empty'))
        issues.push(
          issue(
            { file, sheet, row: headerRow, column: columnLetter(index) },
            REASONS.valuesWithoutHeader(columnLetter(index)),
            'UNKNOWN_FIELD',
          ),
        );
      columns.push(undefined);
      return;
    }
    const column = spec.columns.find((candidate) => nameKey(candidate.header) === nameKey(header));
    if (!column) {
      issues.push(
        issue(
          { file, sheet, row: headerRow, column: header },
          REASONS.unknownColumn(
            spec.name,
            spec.columns.map((candidate) => candidate.header),
          ),
          'UNKNOWN_FIELD',
        ),
      );
    } else if (seen.has(column.header)) {
      issues.push(issue({ file, sheet, row: headerRow, column: header }, REASONS.columnTwice, 'UNKNOWN_FIELD'));
    } else {
      seen.add(column.header);
    }
    columns.push(column);
  });
  for (const column of spec.columns) {
    if (!seen.has(column.header) && isRequired(spec, column))
      issues.push(
        issue({ file, sheet, row: headerRow, column: column.header }, REASONS.requiredColumnAbsent, 'MISSING_FIELD'),
      );
  }
  return { columns, issues };
}

/** The first filled cell right of the last header: an unnamed column too. One is enough to refuse the sheet. */
function cellBeyondHeaders(table: SheetTable): IntakeIssue[] {
  const { file, sheet } = table;
  for (const { row, cells } of table.rows) {
    if (
      cells.length > table.headers.length &&
      cells.slice(table.headers.length).some((cell) => cell.kind !== 'empty')
    ) {
      const index = table.headers.length + cells.slice(table.headers.length).findIndex((cell) => cell.kind !== 'empty');
      return [
        issue(
          { file, sheet, row, column: columnLetter(index) },
          REASONS.cellBeyondHeaders(describeCell(cells[index])),
          'UNKNOWN_FIELD',
        ),
      ];
    }
  }
  return [];
}

/** One data row as its command-file object through the domain's parser, or every problem of its cells. */
function rowCommand(
  place: RowPlace,
  cells: readonly Cell[],
  columns: readonly (ColumnSpec | undefined)[],
  spec: SheetSpec,
  members: Members,
  issues: IssueList,
): Row {
  const raw: Record<string, unknown> = { command: spec.command, regionId: members.regionId };
  let refused = false;
  for (const [index, column] of columns.entries()) {
    if (!column) continue;
    const reading = readCell(cells[index] ?? { kind: 'empty' }, kindOf(spec, column), column, members);
    if ('reason' in reading) {
      refused = true;
      issues.add(() => issue({ ...place, column: column.header }, reading.reason));
    } else if ('value' in reading) raw[column.field] = reading.value;
  }
  // every bad cell of the row at once: first those the spreadsheet forms refuse, then the parser's
  if (refused) return { place, refused: true };
  try {
    return { place, command: parseCommand(raw) };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    for (const found of error.issues.length > 0 ? error.issues : [error])
      issues.add(() => located(found, place, spec, raw));
    return { place, refused: true };
  }
}

/**
 * A domain error of a row's command, put at the row's column (`FILE:SHEET:ROW: column: reason`) with
 * its Dutch reason; the parser's or ledger's own words go along as `original`. `values` is the row's
 * command-file object (parser refusals) or its command (ledger refusals).
 */
export function located(
  error: DomainError,
  place: RowPlace,
  spec: SheetSpec,
  values: Readonly<Record<string, unknown>>,
): IntakeIssue {
  const field = error.field?.split(/[.[]/)[0];
  const columnSpec = field === undefined ? undefined : spec.columns.find((candidate) => candidate.field === field);
  const column = field === undefined ? undefined : field === 'regionId' ? 'regio' : (columnSpec?.header ?? field);
  const reason = refusalReason(error, {
    command: spec.command,
    values,
    ...(columnSpec?.values ? { choices: Object.keys(columnSpec.values) } : {}),
  });
  return issue({ ...place, ...(column !== undefined ? { column } : {}) }, reason, error.code, error.reason);
}

export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
