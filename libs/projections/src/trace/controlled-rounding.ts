import { at } from '@libs/domain/model';
import { Rational } from '@libs/money';

/**
 * Rounds a table of exact amounts to whole cents so that every row adds up exactly to its total and
 * every column to its total, and every cell is its exact amount rounded down or up (controlled
 * rounding). The totals must be whole cents and agree with the exact cells. Cells are floored first;
 * the cents still missing go to the cells with the largest remainders, and where that leaves a row
 * and a column short, along an augmenting path — such a rounding always exists, because the exact
 * table is itself a solution of the same row and column sums.
 */
export function roundTable(
  rows: readonly string[],
  columns: readonly string[],
  exact: (row: string, column: string) => Rational,
  rowTotals: ReadonlyMap<string, bigint>,
  columnTotals: ReadonlyMap<string, bigint>,
): Map<string, Map<string, bigint>> {
  const rounding: Rounding = {
    result: new Map(rows.map((row) => [row, new Map<string, bigint>()])),
    rowNeed: new Map(rows.map((row) => [row, rowTotals.get(row) ?? 0n])),
    columnNeed: new Map(columns.map((column) => [column, columnTotals.get(column) ?? 0n])),
    raised: new Set<string>(),
  };
  const fractional = floorCells(rounding, rows, columns, exact);
  for (const { row, column } of fractional) {
    if (at(rounding.rowNeed, row) > 0n && at(rounding.columnNeed, column) > 0n) {
      raise(rounding, row, column, 1n);
      needOneCentLess(rounding, row, column);
    }
  }
  // what greedy left: augmenting paths row → (raise) column → (lower) row → … → a column still short
  const canRaise = new Map<string, string[]>();
  for (const { row, column } of fractional) canRaise.set(row, [...(canRaise.get(row) ?? []), column]);
  for (;;) {
    const start = rows.find((row) => at(rounding.rowNeed, row) > 0n);
    if (start === undefined) break;
    augment(rounding, rows, canRaise, start);
  }
  return rounding.result;
}

/** The table as it is being rounded: the cells, the cents each row and column still needs, and the cells raised. */
interface Rounding {
  readonly result: Map<string, Map<string, bigint>>;
  readonly rowNeed: Map<string, bigint>;
  readonly columnNeed: Map<string, bigint>;
  /** the cells rounded up, by `cell(row, column)` */
  readonly raised: Set<string>;
}

interface FractionalCell {
  readonly row: string;
  readonly column: string;
  readonly remainder: Rational;
}

const cell = (row: string, column: string) => `${row}\u0000${column}`;

/** Every cell its exact amount rounded down; returns the cells with a remainder, largest remainder first. */
function floorCells(
  rounding: Rounding,
  rows: readonly string[],
  columns: readonly string[],
  exact: (row: string, column: string) => Rational,
): FractionalCell[] {
  const { result, rowNeed, columnNeed } = rounding;
  const fractional: FractionalCell[] = [];
  for (const row of rows) {
    for (const column of columns) {
      const value = exact(row, column);
      const floor = value.floor();
      at(result, row).set(column, floor);
      rowNeed.set(row, at(rowNeed, row) - floor);
      columnNeed.set(column, at(columnNeed, column) - floor);
      const remainder = value.sub(Rational.of(floor));
      if (!remainder.isZero()) fractional.push({ row, column, remainder });
    }
  }
  return fractional.sort(
    (a, b) =>
      b.remainder.compare(a.remainder) ||
      (a.row < b.row ? -1 : a.row > b.row ? 1 : 0) ||
      (a.column < b.column ? -1 : a.column > b.column ? 1 : 0),
  );
}

function raise(rounding: Rounding, row: string, column: string, by: bigint): void {
  const { result, raised } = rounding;
  at(result, row).set(column, at(at(result, row), column) + by);
  if (by > 0n) raised.add(cell(row, column));
  else raised.delete(cell(row, column));
}

function needOneCentLess(rounding: Rounding, row: string, column: string): void {
  rounding.rowNeed.set(row, at(rounding.rowNeed, row) - 1n);
  rounding.columnNeed.set(column, at(rounding.columnNeed, column) - 1n);
}

/** Gives the row `start` one cent more along a shortest augmenting path that ends at a column still short. */
function augment(
  rounding: Rounding,
  rows: readonly string[],
  canRaise: ReadonlyMap<string, string[]>,
  start: string,
): void {
  const { raised, columnNeed } = rounding;
  const cameFrom = new Map<string, string>(); // column → the row it was reached from
  const rowFrom = new Map<string, string>([[start, '']]); // row → the column it was reached from
  const queue = [start];
  let end: string | undefined;
  while (queue.length > 0 && end === undefined) {
    const row = queue.shift();
    if (row === undefined) break;
    for (const column of canRaise.get(row) ?? []) {
      if (raised.has(cell(row, column)) || cameFrom.has(column)) continue;
      cameFrom.set(column, row);
      if (at(columnNeed, column) > 0n) {
        end = column;
        break;
      }
      for (const other of rows) {
        if (!rowFrom.has(other) && raised.has(cell(other, column))) {
          rowFrom.set(other, column);
          queue.push(other);
        }
      }
    }
  }
  if (end === undefined) throw new Error('no controlled rounding exists for these totals');
  needOneCentLess(rounding, start, end);
  for (let column: string = end; ;) {
    const row = at(cameFrom, column);
    raise(rounding, row, column, 1n);
    const previous = at(rowFrom, row);
    if (previous === '') break;
    raise(rounding, row, previous, -1n);
    column = previous;
  }
}
