import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHEETS, SheetSpec } from '../../libs/intake/src/sheets';
import { EXAMPLES } from './cli';

export interface RawCommand {
  readonly command: string;
  readonly [field: string]: unknown;
}

export const commandsOfFile = (path: string): RawCommand[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map((line) => JSON.parse(line));

export const exampleCommands = (file: string) => commandsOfFile(join(EXAMPLES, file));

/** Which commands a workbook carries (the §5 sheets); the rest stays in command files. */
export const SHEET_COMMANDS = new Set(SHEETS.map((sheet) => sheet.command as string));

/** "38750000.00" → "38.750.000,00" (text in Dutch form). */
export function dutch(amount: string): string {
  const negative = amount.startsWith('-');
  const [whole, fraction = ''] = (negative ? amount.slice(1) : amount).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/** The forms an amount cell can take; a row's index picks one, so a filled workbook uses every one. */
export const AMOUNT_FORMS = ['number', 'dutch', 'plain', 'grouped', 'formula', 'dutch-no-decimals'] as const;

function amountCell(amount: string, form: (typeof AMOUNT_FORMS)[number]): ExcelJS.CellValue {
  const whole = /^-?\d+(\.00)?$/.test(amount);
  switch (form) {
    case 'number':
      return Number(amount);
    case 'dutch':
      return dutch(amount);
    case 'plain':
      return amount;
    case 'grouped':
      // "-250.000": without a comma, dots followed by three digits group thousands
      return whole ? dutch(amount.replace(/\.00$/, '')) : dutch(amount);
    case 'formula':
      return { formula: `${amount}*1`, result: Number(amount) };
    case 'dutch-no-decimals':
      return whole ? dutch(amount.replace(/\.00$/, '')) : amount;
  }
}

const BASIS_NL: Record<string, string> = { historical: 'historisch', objective: 'objectief' };

/** A command field that a cell shows as text: a string, number or boolean (anything else is a mistake in the test). */
function scalarText(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new TypeError(`a command field for a text cell should be a scalar, not ${JSON.stringify(value)}`);
}

/**
 * The cells of one row of `sheet` for a command-file command, varying the forms with `index`: amounts
 * in every form, municipalities as code or name, years as number or text, dates as date cell or text.
 */
export function rowOf(
  sheet: SheetSpec,
  command: RawCommand,
  index: number,
  names: ReadonlyMap<string, string>,
): ExcelJS.CellValue[] {
  return sheet.columns.map((column) => {
    const value = command[column.field];
    if (value === undefined) return null;
    switch (column.header) {
      case 'bedrag':
      case 'zorgkosten':
      case 'uitvoeringskosten':
        return amountCell(scalarText(value), AMOUNT_FORMS[index % AMOUNT_FORMS.length]);
      case 'jaar':
        return index % 2 === 0 ? (value as number) : scalarText(value);
      case 'regeling':
        return index % 3 === 0 ? scalarText(value).toLowerCase() : scalarText(value);
      case 'grondslag':
        return BASIS_NL[scalarText(value)];
      case 'ontvanger':
      case 'gemeente':
        return index % 2 === 1 ? (names.get(scalarText(value)) ?? scalarText(value)) : scalarText(value);
      case 'objectief %':
        return index % 2 === 0 ? scalarText(value).replace('.', ',') : Number(value);
      case 'datum':
      case 'boekdatum':
        return index % 2 === 0 ? new Date(`${scalarText(value)}T00:00:00Z`) : scalarText(value);
      default:
        return value as ExcelJS.CellValue;
    }
  });
}

/** Adds rows to the sheets of a workbook (a template made by `geldstroom template`) and returns the new file. */
export async function fillWorkbook(
  template: Buffer,
  commands: readonly RawCommand[],
  names: ReadonlyMap<string, string>,
  edit?: (workbook: ExcelJS.Workbook) => void,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  for (const sheet of SHEETS) {
    const worksheet = workbook.getWorksheet(sheet.name)!;
    commands
      .filter((command) => command.command === sheet.command)
      .forEach((command, index) => {
        // an empty row between facts is skipped
        if (index === 2) worksheet.addRow([]);
        worksheet.addRow(rowOf(sheet, command, index, names));
      });
  }
  edit?.(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Municipality names by code, from the RegisterRegion of a command list. */
export function namesOf(commands: readonly RawCommand[]): Map<string, string> {
  const region = commands.find((command) => command.command === 'RegisterRegion');
  return new Map(
    ((region?.municipalities as { code: string; name: string }[]) ?? []).map((member) => [member.code, member.name]),
  );
}
