/** One measured figure, kept as a number for the JSON and as text for the table. */
export interface Figure {
  readonly value: number;
  readonly unit: string;
  readonly text: string;
}

/**
 * One row of the benchmark table: the product's figure next to its limit or peer measured in the same
 * run, the ratio between them, the goal and whether it is met. A row that could not be
 * measured says why (`skipped`) and has no figures.
 */
export interface Row {
  readonly id: string;
  readonly what: string;
  readonly product: Figure | null;
  readonly peer: (Figure & { readonly name: string }) | null;
  readonly ratio: { readonly value: number; readonly text: string } | null;
  readonly goal: string;
  readonly met: boolean | null;
  readonly note?: string;
  readonly skipped?: string;
  readonly details?: Record<string, unknown>;
}

const digits = (value: number) => (value >= 100 ? 0 : value >= 10 ? 1 : 2);
const grouped = (value: number) => Math.round(value).toLocaleString('en-US');

export const fig = {
  seconds: (ms: number): Figure => ({
    value: ms / 1000,
    unit: 's',
    text: ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms >= 100 ? 0 : 1)} ms`,
  }),
  ms: (ms: number): Figure => ({ value: ms, unit: 'ms', text: `${ms.toFixed(digits(ms))} ms` }),
  msPer: (ms: number, what: string): Figure => ({
    value: ms,
    unit: `ms/${what}`,
    text: `${ms.toFixed(ms >= 1 ? 2 : 3)} ms/${what}`,
  }),
  rate: (perSecond: number, what: string): Figure => ({
    value: perSecond,
    unit: `${what}/s`,
    text: `${grouped(perSecond)} ${what}/s`,
  }),
  mib: (mib: number, text?: string): Figure => ({ value: mib, unit: 'MiB', text: text ?? `${mib.toFixed(0)} MiB` }),
};

export const ratioText = {
  /** product ÷ peer, for costs (lower is better) */
  cost: (product: number, peer: number) => ({ value: product / peer, text: times(product / peer) }),
  /** peer ÷ product, for a peer that should be slower than the product */
  faster: (product: number, peer: number) => ({
    value: peer / product,
    text: peer >= product ? `${times(peer / product)} faster` : `${times(product / peer)} slower`,
  }),
  /** peer ÷ product, for throughput (higher is better) */
  slower: (product: number, peer: number) => ({
    value: peer / product,
    text: peer >= product ? `${times(peer / product)} slower` : `${times(product / peer)} faster`,
  }),
};

export function times(value: number): string {
  return `${value.toFixed(value >= 10 ? 0 : 1)}×`;
}

export function skippedRow(id: string, what: string, goal: string, reason: string): Row {
  return { id, what, product: null, peer: null, ratio: null, goal, met: null, skipped: reason };
}

/** The table: what | product | peer/limit | ratio | goal | met, in plain text with aligned columns. */
export function renderTable(rows: readonly Row[]): string {
  const header = ['what', 'product', 'peer/limit', 'ratio', 'goal', 'met'];
  const cells = rows.map((row) => [
    row.what,
    row.product?.text ?? '—',
    row.peer ? `${row.peer.name}: ${row.peer.text}` : row.skipped ? `skipped: ${row.skipped}` : '—',
    row.ratio?.text ?? '—',
    row.goal,
    row.met === null ? '—' : row.met ? 'met' : 'not met',
  ]);
  return renderColumns(header, cells);
}

export function renderColumns(header: readonly string[], cells: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((row) => row[column].length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join(' | ')
      .trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('-|-'), ...cells.map(line)].join('\n');
}
