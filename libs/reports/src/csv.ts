import { stringify } from 'csv-stringify/sync';

/** A plain decimal such as "-115593.00": what a spreadsheet reads as a number, never as a formula. */
const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * A CSV document for spreadsheets (RFC 4180 quoting, one header row). Text cells that a spreadsheet
 * would run as a formula — starting with =, +, -, @, a tab or a carriage return, e.g. a municipality
 * registered as "=HYPERLINK(…)" — are prefixed with an apostrophe (OWASP "CSV injection"); cells of
 * the numeric columns stay numbers when they hold a plain decimal, so "-115593.00" remains an amount.
 */
export function renderCsv(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  numericColumns: readonly number[],
): string {
  const numeric = new Set(numericColumns);
  return stringify([header, ...rows] as string[][], {
    escape_formulas: true,
    cast: {
      string: (value, context) =>
        numeric.has(context.index) && DECIMAL.test(value) ? { value, escape_formulas: false } : value,
    },
  });
}
