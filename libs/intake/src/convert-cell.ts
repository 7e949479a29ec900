import { Cell, describeCell } from './cells';
import {
  amountOfNumber,
  amountOfText,
  Converted,
  decimalOfNumber,
  decimalOfNumberCell,
  decimalOfText,
} from './number-forms';
import { orList, REASONS } from './reasons';
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
      return { reason: REASONS.errorCell(cell.value) };
    case 'uncalculated':
      return { reason: REASONS.uncalculated(cell.formula) };
    case 'boolean':
      return { reason: REASONS.wrongCell(describeCell(cell), 'waarde voor deze kolom') };
    case 'number':
    case 'date':
    case 'text':
      break; // a value: read below by the column's kind
  }
  switch (kind) {
    case 'amount':
      if (cell.kind === 'number') return reading(amountOfNumber(cell.value));
      if (cell.kind === 'text') return reading(amountOfText(cell.value));
      return { reason: REASONS.wrongCell(describeCell(cell), 'bedrag') };
    case 'decimal':
      if (cell.kind === 'number') {
        if (cell.percentFormat)
          return {
            reason: REASONS.percentFormatted(
              decimalOfNumber(cell.value) ?? '',
              hundredfold(decimalOfNumber(cell.value) ?? ''),
            ),
          };
        return reading(decimalOfNumberCell(cell.value));
      }
      if (cell.kind === 'text') return reading(decimalOfText(cell.value));
      return { reason: REASONS.wrongCell(describeCell(cell), 'percentage of gewicht') };
    case 'integer':
      if (cell.kind === 'number') return { value: cell.value };
      if (cell.kind === 'text' && /^\s*-?\d{1,9}\s*$/.test(cell.value)) return { value: Number(cell.value.trim()) };
      if (cell.kind === 'text') return { value: cell.value.trim() };
      return { reason: REASONS.wrongCell(describeCell(cell), column.field === 'year' ? 'jaar' : 'geheel getal') };
    case 'date':
      if (cell.kind === 'date') return { value: dayOf(cell.value) };
      if (cell.kind === 'text') return { value: cell.value.trim() };
      return { reason: REASONS.notADate(describeCell(cell)) };
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
  const values = column.values ?? {};
  if (cell.kind !== 'text') return { reason: REASONS.wrongCell(describeCell(cell), orList(Object.keys(values))) };
  const text = cell.value.trim();
  const match = Object.entries(values).find(([word]) => word.toLowerCase() === text.toLowerCase());
  if (match) return { value: match[1] };
  const english = Object.values(values).find((value) => value.toLowerCase() === text.toLowerCase());
  if (english) return { value: english };
  return { reason: REASONS.notAChoice(Object.keys(values), text) };
}

function municipality(
  cell: Exclude<Cell, { kind: 'empty' | 'error' | 'uncalculated' | 'boolean' }>,
  members: Members,
): CellReading {
  if (cell.kind !== 'text') return { reason: REASONS.notAMunicipalityCell(describeCell(cell)) };
  const text = cell.value.trim().replace(/\s+/g, ' ');
  if (/^gm\d{4}$/i.test(text)) {
    const code = text.toUpperCase();
    if (members.municipalities.some((member) => member.code === code)) return { value: code };
    return { reason: REASONS.notAMember(code, members.regionId) };
  }
  const named = members.municipalities.filter((member) => member.name.toLowerCase() === text.toLowerCase());
  if (named.length === 1) return { value: named[0].code };
  if (named.length > 1)
    return {
      reason: REASONS.ambiguousName(
        text,
        named.length,
        members.regionId,
        named.map((member) => member.code),
      ),
    };
  return { reason: REASONS.unknownName(text, members.regionId) };
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
