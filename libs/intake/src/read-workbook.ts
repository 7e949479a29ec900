import type ExcelJS from 'exceljs';
import { Cell, cellOfExcel, describeCell } from './cells';
import { IntakeError, IntakeIssue, issue } from './intake.errors';
import { REASONS } from './reasons';
import { MAX_COLUMNS, MAX_ROWS, SheetTable } from './sheet-table';
import { nameKey, REFERENCE_SHEETS, sheetNamed } from './sheets';
import { checkWorkbookSize } from './workbook-size';

export interface WorkbookContents {
  readonly tables: readonly SheetTable[];
  /** the region named in cell B1 of the sheet Regio, if the workbook has one */
  readonly region?: { readonly value: string; readonly issue?: IntakeIssue };
  /** sheets that are neither data nor reference sheets: not applied, reported */
  readonly ignoredSheets: readonly string[];
}

/** Reads the data sheets of a workbook (.xlsx) and the region cell; throws an IntakeError for an unreadable file. */
export async function readWorkbook(file: string, data: Buffer): Promise<WorkbookContents> {
  await checkWorkbookSize(file, data);
  // loaded here, not at start-up: exceljs takes longer to load than most commands take to run
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand (typed by typeof import)
  const { Workbook } = require('exceljs') as typeof import('exceljs');
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (error) {
    throw new IntakeError([
      issue({ file }, REASONS.unreadableWorkbook, 'INVALID_FILE', (error as Error).message.split('\n')[0]),
    ]);
  }
  const tables: SheetTable[] = [];
  const ignoredSheets: string[] = [];
  let region: WorkbookContents['region'];
  for (const worksheet of workbook.worksheets) {
    if (nameKey(worksheet.name) === nameKey('Regio')) {
      region = regionCell(file, worksheet);
      continue;
    }
    if (!sheetNamed(worksheet.name)) {
      if (!REFERENCE_SHEETS.some((name) => nameKey(name) === nameKey(worksheet.name)))
        ignoredSheets.push(worksheet.name);
      continue;
    }
    tables.push(tableOf(file, worksheet));
  }
  return { tables, region, ignoredSheets };
}

function regionCell(file: string, worksheet: ExcelJS.Worksheet): WorkbookContents['region'] {
  const label = cellOfExcel(worksheet.getCell('A1').value);
  const value = cellOfExcel(worksheet.getCell('B1').value);
  const where = { file, sheet: worksheet.name, row: 1, column: 'regio' };
  if (label.kind !== 'text' || label.value.trim().toLowerCase() !== 'regio')
    return {
      value: '',
      issue: issue(where, REASONS.regionLabel(describeCell(label))),
    };
  if (value.kind !== 'text')
    return {
      value: '',
      issue: issue(where, REASONS.regionValue(describeCell(value))),
    };
  return { value: value.value.trim() };
}

function tableOf(file: string, worksheet: ExcelJS.Worksheet): SheetTable {
  const rows: { row: number; cells: Cell[] }[] = [];
  let headerRow = 0;
  let headers: string[] = [];
  const issues: IntakeIssue[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    const width = Math.min(row.cellCount, MAX_COLUMNS + 1);
    for (let column = 1; column <= width; column += 1) {
      const cell = row.getCell(column);
      cells.push(cellOfExcel(cell.value, cell.numFmt));
    }
    while (cells.length > 0 && cells[cells.length - 1].kind === 'empty') cells.pop();
    if (cells.length === 0) return;
    if (headerRow === 0) {
      headerRow = rowNumber;
      headers = cells.map((cell) =>
        cell.kind === 'text' ? cell.value.trim() : cell.kind === 'empty' ? '' : describeCell(cell),
      );
      return;
    }
    if (rows.length === MAX_ROWS)
      issues.push(issue({ file, sheet: worksheet.name, row: rowNumber }, REASONS.tooManyRows(MAX_ROWS, 'werkboek')));
    else if (rows.length < MAX_ROWS) rows.push({ row: rowNumber, cells });
  });
  if (issues.length > 0) throw new IntakeError(issues);
  return { file, sheet: worksheet.name, headerRow: headerRow || 1, headers, rows };
}
