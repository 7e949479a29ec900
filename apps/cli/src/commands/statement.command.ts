import { renderStatementCsv, renderStatementTable, renderStatementXlsx } from '@libs/reports';
import { writeFileSync } from 'node:fs';
import { UsageError } from '../cli-error';
import { CliContext } from '../cli-context';
import { generatedAt, regionYearQuery } from '../cli-options';
import { withQueries } from './region-queries';

export async function statementCommand(context: CliContext): Promise<number> {
  const { regionId, year, format, asOf, store, out, locale, localeGiven } = regionYearQuery(
    context.args,
    ['json', 'table', 'csv', 'xlsx'] as const,
    { out: true, locale: true },
  );
  if (format === 'xlsx' && !out) throw new UsageError('--format xlsx needs --out FILE');
  if (localeGiven && format !== 'csv')
    throw new UsageError('--locale belongs to --format csv (nl: for Dutch spreadsheets, en: the machine form)');
  const now = generatedAt(context.env);
  const { statement, context: yearContext } = await withQueries(context, store, (queries) =>
    queries.yearReport({ regionId, year, asOf }),
  );
  const output =
    format === 'xlsx'
      ? await renderStatementXlsx(statement, { context: yearContext, generatedAt: now })
      : format === 'json'
        ? JSON.stringify(statement, null, 2)
        : format === 'csv'
          ? renderStatementCsv(statement, locale)
          : renderStatementTable(statement);
  if (out) {
    writeFileSync(out, output);
    context.io.err(`wrote ${out}`);
  } else {
    context.io.out(output as string);
  }
  return 0;
}
