import { Cell } from './cells';

/** One sheet as read: its header row and its data rows, with the numbers users see in their program. */
export interface SheetTable {
  readonly file: string;
  /** the sheet's name as it is in the file (or, for a CSV file, the name of the sheet it stands for) */
  readonly sheet: string;
  readonly headerRow: number;
  /** the header cells in column order (index 0 = column A); empty where a column has no header */
  readonly headers: readonly string[];
  readonly rows: readonly { readonly row: number; readonly cells: readonly Cell[] }[];
}

/** Rows a single upload or file may hold: far above a region's year, well below what would exhaust memory. */
export const MAX_ROWS = 50_000;
export const MAX_COLUMNS = 50;
