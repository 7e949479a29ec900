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
  const result = new Map(rows.map((row) => [row, new Map<string, bigint>()]));
  const rowNeed = new Map(rows.map((row) => [row, rowTotals.get(row) ?? 0n]));
  const columnNeed = new Map(columns.map((column) => [column, columnTotals.get(column) ?? 0n]));
  const fractional: { row: string; column: string; remainder: Rational }[] = [];
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
  fractional.sort(
    (a, b) =>
      b.remainder.compare(a.remainder) ||
      (a.row < b.row ? -1 : a.row > b.row ? 1 : 0) ||
      (a.column < b.column ? -1 : a.column > b.column ? 1 : 0),
  );
  const raised = new Set<string>();
  const cell = (row: string, column: string) => `${row}\u0000${column}`;
  const raise = (row: string, column: string, by: bigint) => {
    at(result, row).set(column, at(at(result, row), column) + by);
    if (by > 0n) raised.add(cell(row, column));
    else raised.delete(cell(row, column));
  };
  for (const { row, column } of fractional) {
    if (at(rowNeed, row) > 0n && at(columnNeed, column) > 0n) {
      raise(row, column, 1n);
      rowNeed.set(row, at(rowNeed, row) - 1n);
      columnNeed.set(column, at(columnNeed, column) - 1n);
    }
  }
  // what greedy left: augmenting paths row → (raise) column → (lower) row → … → a column still short
  const canRaise = new Map<string, string[]>();
  for (const { row, column } of fractional) canRaise.set(row, [...(canRaise.get(row) ?? []), column]);
  for (;;) {
    const start = rows.find((row) => at(rowNeed, row) > 0n);
    if (start === undefined) break;
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
    rowNeed.set(start, at(rowNeed, start) - 1n);
    columnNeed.set(end, at(columnNeed, end) - 1n);
    for (let column: string = end; ;) {
      const row = at(cameFrom, column);
      raise(row, column, 1n);
      const previous = at(rowFrom, row);
      if (previous === '') break;
      raise(row, previous, -1n);
      column = previous;
    }
  }
  return result;
}
