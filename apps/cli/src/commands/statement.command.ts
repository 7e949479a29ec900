import { renderStatementCsv, renderStatementTable, renderStatementXlsx } from '@libs/reports';
import { writeFileSync } from 'node:fs';
import { UsageError } from '../cli-error';
import { CliContext } from '../cli-context';
import { generatedAt, regionYearQuery } from '../cli-options';
import { statementAnswer, withQueries } from './region-queries';

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
  const question = { regionId, year, asOf };
  // a workbook shows the year's documents beside the statement: folded; the rest is the statement alone
  const report =
    format === 'xlsx'
      ? await withQueries(context, store, (queries) => queries.yearReport(question))
      : { statement: await statementAnswer(context, store, question), context: undefined };
  const { statement, context: yearContext } = report;
  const output =
    yearContext !== undefined
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
