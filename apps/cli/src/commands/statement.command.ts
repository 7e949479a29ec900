import { Ledger } from '@libs/ledger';
import { buildStatement } from '@libs/projections';
import { renderStatementCsv, renderStatementTable } from '@libs/reports';
import { CliContext, withStore } from '../cli-context';
import { regionYearQuery } from '../cli-options';
import { loadRegion } from './load-region';

export const STATEMENT_USAGE = 'geldstroom statement --region R --year Y [--format json|table|csv] [--as-of TIME] [--store URL]';

export async function statementCommand(context: CliContext): Promise<number> {
  const { regionId, year, format, asOf, store } = regionYearQuery(context.args, ['json', 'table', 'csv'] as const);
  return withStore(context, store, async (store) => {
    const state = await loadRegion(new Ledger(store), regionId, asOf);
    const statement = buildStatement(state, year);
    context.io.out(format === 'json' ? JSON.stringify(statement, null, 2) : format === 'csv' ? renderStatementCsv(statement) : renderStatementTable(statement));
    return 0;
  });
}
