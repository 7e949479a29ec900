import type { CellValue as ExcelValue } from 'exceljs';
import { REASONS } from './reasons';

/** A cell as the intake sees it, whether it came from a workbook or a CSV file. */
export type Cell =
  | { readonly kind: 'empty' }
  | { readonly kind: 'number'; readonly value: number; readonly percentFormat?: boolean }
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'date'; readonly value: Date }
  | { readonly kind: 'boolean'; readonly value: boolean }
  /** a formula error such as #REF! or #DIV/0!, or an error value typed in */
  | { readonly kind: 'error'; readonly value: string }
  /** a formula whose result was never calculated (written by a program, never opened in a spreadsheet) */
  | { readonly kind: 'uncalculated'; readonly formula: string };

export const EMPTY: Cell = { kind: 'empty' };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * The value of an exceljs cell: a formula counts as its cached result (what the spreadsheet shows),
 * rich text and hyperlinks as their text, and blank text as empty.
 */
export function cellOfExcel(value: ExcelValue | undefined, numFmt?: string): Cell {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'number')
    return { kind: 'number', value, ...(numFmt?.includes('%') ? { percentFormat: true } : {}) };
  if (typeof value === 'string') return value.trim() === '' ? EMPTY : { kind: 'text', value };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (value instanceof Date) return { kind: 'date', value };
  if (!isObject(value)) return EMPTY;
  if ('error' in value && typeof value.error === 'string') return { kind: 'error', value: value.error };
  if ('formula' in value || 'sharedFormula' in value) {
    const formula = String((value as { formula?: string; sharedFormula?: string }).formula ?? value.sharedFormula);
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) return { kind: 'uncalculated', formula };
    return cellOfExcel(result as ExcelValue, numFmt);
  }
  if ('richText' in value && Array.isArray(value.richText)) {
    const text = (value.richText as { text?: string }[]).map((part) => part.text ?? '').join('');
    return text.trim() === '' ? EMPTY : { kind: 'text', value: text };
  }
  // a hyperlink: its text, plain or rich (a link pasted with its formatting)
  if ('text' in value) return cellOfExcel(value.text as ExcelValue, numFmt);
  return EMPTY;
}

export const cellOfText = (text: string): Cell => (text.trim() === '' ? EMPTY : { kind: 'text', value: text });

/** What a cell holds, for messages (in Dutch). */
export function describeCell(cell: Cell): string {
  switch (cell.kind) {
    case 'empty':
      return REASONS.emptyCell;
    case 'number':
      return REASONS.numberCell(cell.value);
    case 'text':
      return JSON.stringify(cell.value.length > 60 ? `${cell.value.slice(0, 57)}...` : cell.value);
    case 'date':
      return REASONS.dateCell(cell.value.toISOString().slice(0, 10));
    case 'boolean':
      return REASONS.booleanCell(cell.value);
    case 'error':
      return cell.value;
    case 'uncalculated':
      return REASONS.formulaCell(cell.formula);
  }
}
