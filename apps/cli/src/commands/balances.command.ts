import { renderBalancesTable } from '@libs/reports';
import { CliContext } from '../cli-context';
import { regionYearQuery } from '../cli-options';
import { withQueries } from './region-queries';

export const BALANCES_USAGE =
  'geldstroom balances --region R --year Y [--format json|table] [--as-of TIME] [--store URL]';

export async function balancesCommand(context: CliContext): Promise<number> {
  const { regionId, year, format, asOf, store } = regionYearQuery(context.args, ['json', 'table'] as const);
  const balances = await withQueries(context, store, (queries) => queries.balances({ regionId, year, asOf }));
  context.io.out(format === 'json' ? JSON.stringify(balances, null, 2) : renderBalancesTable(balances));
  return 0;
}
