import { Cell, describeCell } from './cells';
import {
  amountOfNumber,
  amountOfText,
  Converted,
  decimalOfNumber,
  decimalOfNumberCell,
  decimalOfText,
} from './number-forms';
import { ColumnKind, ColumnSpec } from './sheets';

/** The region's members, for reading `gemeente` and `ontvanger` cells. */
export interface Members {
  readonly regionId: string;
  readonly municipalities: readonly { readonly code: string; readonly name: string }[];
}

/** A cell read for its column: a command-file value, nothing (empty: the field is left out), or why not. */
export type CellReading = { readonly value: unknown } | { readonly empty: true } | { readonly reason: string };

const reading = (converted: Converted): CellReading => converted;

/**
 * Turns one cell into the value a command file would hold for the field, so that the command
 * parser judges it with the same rules as a command file. Only what a spreadsheet adds is handled
 * here: number forms, date cells, Dutch words, municipality names, formula results.
 */
export function readCell(cell: Cell, kind: ColumnKind, column: ColumnSpec, members: Members): CellReading {
  switch (cell.kind) {
    case 'empty':
      return { empty: true };
    case 'error':
      return {
        reason: `the cell holds the error ${cell.value} (a formula that failed); correct the formula or type the value`,
      };
    case 'uncalculated':
      return {
        reason: `the formula =${cell.formula} has no calculated value; open the workbook in a spreadsheet program and save it, or type the value`,
      };
    case 'boolean':
      return { reason: `holds ${describeCell(cell)}, not a value for this column` };
    case 'number':
    case 'date':
    case 'text':
      break; // a value: read below by the column's kind
  }
  switch (kind) {
    case 'amount':
      if (cell.kind === 'number') return reading(amountOfNumber(cell.value));
      if (cell.kind === 'text') return reading(amountOfText(cell.value));
      return { reason: `holds ${describeCell(cell)}, not an amount` };
    case 'decimal':
      if (cell.kind === 'number') {
        if (cell.percentFormat)
          return {
            reason: `the cell is formatted as a percentage, so it holds ${decimalOfNumber(cell.value)} rather than ${hundredfold(decimalOfNumber(cell.value) ?? '')}; remove the % format and type the number (6,8)`,
          };
        return reading(decimalOfNumberCell(cell.value));
      }
      if (cell.kind === 'text') return reading(decimalOfText(cell.value));
      return { reason: `holds ${describeCell(cell)}, not a percentage or weight` };
    case 'integer':
      if (cell.kind === 'number') return { value: cell.value };
      if (cell.kind === 'text' && /^\s*-?\d{1,9}\s*$/.test(cell.value)) return { value: Number(cell.value.trim()) };
      return { value: cell.kind === 'text' ? cell.value.trim() : describeCell(cell) };
    case 'date':
      if (cell.kind === 'date') return { value: dayOf(cell.value) };
      if (cell.kind === 'text') return { value: cell.value.trim() };
      return { reason: `holds ${describeCell(cell)}, not a date; use a date cell or write it as 2024-03-15` };
    case 'choice':
      return choice(cell, column);
    case 'municipality':
      return municipality(cell, members);
    case 'text':
      if (cell.kind === 'text') return { value: cell.value.trim() };
      if (cell.kind === 'number') return { value: decimalOfNumber(cell.value) };
      return { value: dayOf(cell.value) };
  }
}

const HALF_DAY_MS = 12 * 60 * 60 * 1000;

/**
 * The calendar day of a date cell. A date typed in a spreadsheet is midnight UTC as read; one written
 * by a program as local midnight is off by the time-zone offset, so the nearest day is taken.
 */
function dayOf(date: Date): string {
  return new Date(Math.floor((date.getTime() + HALF_DAY_MS) / (2 * HALF_DAY_MS)) * 2 * HALF_DAY_MS)
    .toISOString()
    .slice(0, 10);
}

function choice(
  cell: Exclude<Cell, { kind: 'empty' | 'error' | 'uncalculated' | 'boolean' }>,
  column: ColumnSpec,
): CellReading {
  const text = cell.kind === 'text' ? cell.value.trim() : describeCell(cell);
  const values = column.values ?? {};
  const match = Object.entries(values).find(([word]) => word.toLowerCase() === text.toLowerCase());
  if (match) return { value: match[1] };
  const english = Object.values(values).find((value) => value.toLowerCase() === text.toLowerCase());
  if (english) return { value: english };
  return { reason: `must be one of ${Object.keys(values).join(', ')}, got ${JSON.stringify(text)}` };
}

function municipality(
  cell: Exclude<Cell, { kind: 'empty' | 'error' | 'uncalculated' | 'boolean' }>,
  members: Members,
): CellReading {
  if (cell.kind !== 'text')
    return { reason: `holds ${describeCell(cell)}, not a CBS code (GM0546) or a municipality name` };
  const text = cell.value.trim().replace(/\s+/g, ' ');
  if (/^gm\d{4}$/i.test(text)) {
    const code = text.toUpperCase();
    if (members.municipalities.some((member) => member.code === code)) return { value: code };
    return { reason: `${code} is not a municipality of region "${members.regionId}"` };
  }
  const named = members.municipalities.filter((member) => member.name.toLowerCase() === text.toLowerCase());
  if (named.length === 1) return { value: named[0].code };
  if (named.length > 1)
    return {
      reason: `"${text}" is the name of ${named.length} municipalities of region "${members.regionId}" (${named.map((member) => member.code).join(', ')}); use the CBS code`,
    };
  return {
    reason: `"${text}" is not a municipality of region "${members.regionId}"; use a CBS code (GM0546) or a name from the sheet Gemeenten`,
  };
}

/** "0.068" → "6.8": the decimal point moved two places, without floating-point arithmetic. */
function hundredfold(decimal: string): string {
  const negative = decimal.startsWith('-');
  const [whole, fraction = ''] = (negative ? decimal.slice(1) : decimal).split('.');
  const digits = `${whole}${fraction.padEnd(2, '0')}`;
  const point = whole.length + 2;
  const shifted = `${digits.slice(0, point).replace(/^0+(?=\d)/, '')}${digits.length > point ? `.${digits.slice(point)}` : ''}`;
  return `${negative ? '-' : ''}${shifted}`;
}
