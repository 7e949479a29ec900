import { Ledger } from '@libs/ledger';
import { buildRegionOverview } from '@libs/projections';
import { renderRegionsTable } from '@libs/reports';
import { CliContext, withStore } from '../cli-context';
import { formatOption, parseOptions, storeOption } from '../cli-options';

/** Every region in the store with its years (open, closed or reopened) and how many events it holds. */
export async function regionsCommand(context: CliContext): Promise<number> {
  const { values } = parseOptions(context.args, { ...storeOption, format: { type: 'string' } });
  const format = formatOption(values.format, ['table', 'json'] as const, 'table');
  return withStore(context, values.store, async (store) => {
    const ledger = new Ledger(store);
    const regions = [];
    for (const regionId of await ledger.regionIds())
      regions.push(buildRegionOverview(await ledger.regionState(regionId)));
    context.io.out(format === 'json' ? JSON.stringify({ regions }, null, 2) : renderRegionsTable(regions));
    return 0;
  });
}
