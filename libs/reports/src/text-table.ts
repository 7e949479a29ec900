export type Align = 'left' | 'right';

/** A plain-text table with aligned columns; numbers right-aligned, text left. */
export function textTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly Align[],
): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const alignment = align ?? header.map((_, column) => (column === 0 ? 'left' : 'right'));
  const render = (row: readonly string[]) =>
    row
      .map((cell, column) =>
        alignment[column] === 'right' ? cell.padStart(widths[column]) : cell.padEnd(widths[column]),
      )
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '─'.repeat(width)).join('  ');
  return [render(header), rule, ...rows.map(render)].join('\n');
}

/** Label/amount pairs as an indented two-column block. */
export function labelled(rows: readonly (readonly [string, string])[], indent = '  '): string {
  const width = Math.max(...rows.map(([label]) => label.length));
  const amountWidth = Math.max(...rows.map(([, amount]) => amount.length));
  return rows
    .map(([label, amount]) => `${indent}${label.padEnd(width)}  ${amount.padStart(amountWidth)}`.trimEnd())
    .join('\n');
}
