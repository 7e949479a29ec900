import { renderBalancesTable } from '@libs/reports';
import { CliContext } from '../cli-context';
import { regionYearQuery } from '../cli-options';
import { balancesAnswer } from './region-queries';

export async function balancesCommand(context: CliContext): Promise<number> {
  const { regionId, year, format, asOf, store } = regionYearQuery(context.args, ['json', 'table'] as const);
  const balances = await balancesAnswer(context, store, { regionId, year, asOf });
  context.io.out(format === 'json' ? JSON.stringify(balances, null, 2) : renderBalancesTable(balances));
  return 0;
}
