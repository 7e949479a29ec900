import { Ledger } from '@libs/ledger';
import { buildStatement } from '@libs/projections';
import { renderStatementCsv, renderStatementTable, renderStatementXlsx } from '@libs/reports';
import { writeFileSync } from 'node:fs';
import { UsageError } from '../cli-error';
import { CliContext, withStore } from '../cli-context';
import { regionYearQuery } from '../cli-options';
import { loadRegionView } from './load-region';

export const STATEMENT_USAGE =
  'geldstroom statement --region R --year Y [--format json|table|csv|xlsx] [--out FILE] [--as-of TIME] [--store URL]';

export async function statementCommand(context: CliContext): Promise<number> {
  const { regionId, year, format, asOf, store, out } = regionYearQuery(
    context.args,
    ['json', 'table', 'csv', 'xlsx'] as const,
    true,
  );
  if (format === 'xlsx' && !out) throw new UsageError('--format xlsx needs --out FILE');
  return withStore(context, store, async (store) => {
    const { state, ledgerHash } = await loadRegionView(new Ledger(store), regionId, asOf);
    const statement = { ...buildStatement(state, year), ledgerHash };
    const output =
      format === 'xlsx'
        ? await renderStatementXlsx(statement)
        : format === 'json'
          ? JSON.stringify(statement, null, 2)
          : format === 'csv'
            ? renderStatementCsv(statement)
            : renderStatementTable(statement);
    if (out) {
      writeFileSync(out, output);
      context.io.err(`wrote ${out}`);
    } else {
      context.io.out(output as string);
    }
    return 0;
  });
}
