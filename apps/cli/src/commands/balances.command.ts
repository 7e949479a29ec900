import { Ledger } from '@libs/ledger';
import { buildBalances } from '@libs/projections';
import { renderBalancesTable } from '@libs/reports';
import { CliContext, withStore } from '../cli-context';
import { regionYearQuery } from '../cli-options';
import { loadRegion } from './load-region';

export const BALANCES_USAGE =
  'geldstroom balances --region R --year Y [--format json|table] [--as-of TIME] [--store URL]';

export async function balancesCommand(context: CliContext): Promise<number> {
  const { regionId, year, format, asOf, store } = regionYearQuery(context.args, ['json', 'table'] as const);
  return withStore(context, store, async (store) => {
    const balances = buildBalances(await loadRegion(new Ledger(store), regionId, asOf), year);
    context.io.out(format === 'json' ? JSON.stringify(balances, null, 2) : renderBalancesTable(balances));
    return 0;
  });
}
