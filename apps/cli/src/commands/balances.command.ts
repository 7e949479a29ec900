import { Ledger } from '@libs/ledger';
import { buildBalances } from '@libs/projections';
import { renderBalancesTable } from '@libs/reports';
import { CliContext, withStore } from '../cli-context';
import { asOfOption, formatOption, parseOptions, requireOption, storeOption, yearOption } from '../cli-options';
import { loadRegion } from './load-region';

export const BALANCES_USAGE = 'geldstroom balances --region R --year Y [--format json|table] [--as-of TIME] [--store URL]';

export async function balancesCommand(context: CliContext): Promise<number> {
  const { values } = parseOptions(context.args, {
    ...storeOption,
    region: { type: 'string' },
    year: { type: 'string' },
    format: { type: 'string' },
    'as-of': { type: 'string' },
  });
  const regionId = requireOption(values.region, 'region');
  const year = yearOption(values.year);
  const format = formatOption(values.format, ['json', 'table'] as const, 'json');
  const asOf = asOfOption(values['as-of']);
  return withStore(context, values.store, async (store) => {
    const balances = buildBalances(await loadRegion(new Ledger(store), regionId, asOf), year);
    context.io.out(format === 'json' ? JSON.stringify(balances, null, 2) : renderBalancesTable(balances));
    return 0;
  });
}
