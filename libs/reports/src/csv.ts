import { Locale, LOCALES } from './locale';

/**
 * `nl` (the default for people): what Excel and LibreOffice in a Dutch locale open by double-click —
 * `;` between cells, a decimal comma in numbers (no thousands points, so a cell stays a number) and a
 * UTF-8 byte order mark, without which Excel reads `cliënten` as `cliÃ«nten`. `en`: the machine form
 * for scripts — `,` between cells, a decimal point, no BOM.
 */
export const CSV_LOCALES = LOCALES;
export type CsvLocale = Locale;

export interface CsvOptions {
  /** columns holding numbers (amounts, years): kept numeric when they hold a plain decimal */
  readonly numericColumns: readonly number[];
  readonly locale: CsvLocale;
}

/** A plain decimal such as "-115593.00": what a spreadsheet reads as a number, never as a formula. */
const DECIMAL = /^-?\d+(\.\d+)?$/;
const BOM = '\uFEFF';

/**
 * A CSV document for spreadsheets (RFC 4180 quoting, one header row); the cells come in the plain
 * form ("-115593.00") and are written in the locale's form. Text cells that a spreadsheet would run as
 * a formula — starting with =, +, -, @, a tab or a carriage return, e.g. a municipality registered as
 * "=HYPERLINK(…)" — are prefixed with an apostrophe (OWASP "CSV injection"); cells of the numeric
 * columns stay numbers when they hold a plain decimal, so "-115593.00" remains an amount.
 */
export function renderCsv(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: CsvOptions,
): string {
  const numeric = new Set(options.numericColumns);
  const dutch = options.locale === 'nl';
  // loaded by the commands that write CSV: a statement as JSON or a table need not pay for it
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand (typed by typeof import)
  const { stringify } = require('csv-stringify/sync') as typeof import('csv-stringify/sync');
  const text = stringify([header, ...rows] as string[][], {
    delimiter: dutch ? ';' : ',',
    escape_formulas: true,
    cast: {
      string: (value, context) =>
        numeric.has(context.index) && context.records > 0 && DECIMAL.test(value)
          ? { value: dutch ? value.replace('.', ',') : value, escape_formulas: false }
          : value,
    },
  });
  return dutch ? `${BOM}${text}` : text;
}

/** The file's media type, with the charset the locale writes. */
export const CSV_MEDIA_TYPE = 'text/csv; charset=utf-8';
