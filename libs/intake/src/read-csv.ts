import { CsvError, parse } from 'csv-parse/sync';
import { basename, extname } from 'node:path';
import { cellOfText } from './cells';
import { IntakeError, issue } from './intake.errors';
import { REASONS } from './reasons';
import { MAX_COLUMNS, MAX_ROWS, SheetTable } from './sheet-table';
import { SHEETS, sheetNamed } from './sheets';

/** The sheet a CSV file stands for: its file name without .csv (`rijksbetalingen.csv` → Rijksbetalingen). */
export function sheetOfCsvFile(file: string): string {
  const stem = basename(file, extname(file));
  const sheet = sheetNamed(stem);
  if (!sheet)
    throw new IntakeError([
      issue(
        { file },
        REASONS.csvNotASheet(
          stem,
          SHEETS.map((spec) => spec.name.toLowerCase().replace(/ /g, '-')),
        ),
        'INVALID_FILE',
      ),
    ]);
  return sheet.name;
}

/**
 * Reads a CSV file (UTF-8 with or without BOM, `;` or `,` separated — whichever the header row
 * uses) as the sheet its name names. Row numbers are the rows a spreadsheet program shows.
 */
export function readCsv(file: string, data: Buffer): SheetTable {
  const sheet = sheetOfCsvFile(file);
  const records = csvRecords(file, sheet, data);
  const headerIndex = records.findIndex((record) => record.some((field) => field.trim() !== ''));
  if (headerIndex < 0) return { file, sheet, headerRow: 1, headers: [], rows: [] };
  const headers = records[headerIndex].slice(0, MAX_COLUMNS + 1).map((field) => field.trim());
  const rows = records
    .map((record, index) => ({ row: index + 1, cells: record.slice(0, MAX_COLUMNS + 1).map(cellOfText) }))
    .slice(headerIndex + 1)
    .filter(({ cells }) => cells.some((cell) => cell.kind !== 'empty'));
  return { file, sheet, headerRow: headerIndex + 1, headers, rows };
}

/** The records of a CSV file, one per spreadsheet row (an empty line is an empty record). */
export function csvRecords(file: string, sheet: string | undefined, data: Buffer): string[][] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw new IntakeError([issue({ file, sheet }, REASONS.notUtf8, 'INVALID_FILE')]);
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  let records: string[][];
  try {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- csv-parse's typed overload wants `columns`; without it the result is any[]
    records = parse(text, {
      delimiter: separatorOf(text),
      relax_column_count: true,
      skip_empty_lines: false,
      to: MAX_ROWS + 2,
    }) as string[][];
  } catch (error) {
    const row = error instanceof CsvError ? (error as CsvError & { records?: number }).records : undefined;
    throw new IntakeError([
      issue(
        { file, sheet, ...(row !== undefined ? { row: row + 1 } : {}) },
        REASONS.invalidCsv,
        'INVALID_FILE',
        (error as Error).message,
      ),
    ]);
  }
  if (records.length > MAX_ROWS + 1)
    throw new IntakeError([issue({ file, sheet }, REASONS.tooManyRows(MAX_ROWS, 'bestand'), 'INVALID_FILE')]);
  return records;
}

/** The separator of the first non-empty line, counted outside quotes: `;` (Dutch Excel) or `,`. */
function separatorOf(text: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const character of text) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && character === ';') semicolons += 1;
    else if (!quoted && character === ',') commas += 1;
    else if (!quoted && character === '\n' && semicolons + commas > 0) break;
  }
  return semicolons >= commas && semicolons > 0 ? ';' : ',';
}
