import { Ledger } from '@libs/ledger';
import { compareKeys } from '@libs/projections';
import { renderKeyComparisonText } from '@libs/reports';
import { UsageError } from '../cli-error';
import { CliContext, withStore } from '../cli-context';
import { formatOption, parseOptions, requireOption, storeOption } from '../cli-options';
import { loadRegion } from './load-region';

export const COMPARE_KEYS_USAGE =
  'geldstroom compare-keys --region R --years A-B [--scheme BW|MO] [--format json|text] [--store URL]';

/** The AEF key options (inhabitants, income, use) side by side, with their year-to-year stability. */
export async function compareKeysCommand(context: CliContext): Promise<number> {
  const { values } = parseOptions(context.args, {
    ...storeOption,
    region: { type: 'string' },
    years: { type: 'string' },
    scheme: { type: 'string' },
    format: { type: 'string' },
  });
  const regionId = requireOption(values.region, 'region');
  const range = /^(\d{4})-(\d{4})$/.exec(requireOption(values.years, 'years'));
  if (!range || Number(range[1]) > Number(range[2]) || Number(range[2]) - Number(range[1]) > 50) {
    throw new UsageError(`--years must be a range such as 2023-2025, got "${values.years}"`);
  }
  const scheme = formatOption(values.scheme, ['BW', 'MO'] as const, 'BW');
  const format = formatOption(values.format, ['json', 'text'] as const, 'json');
  return withStore(context, values.store, async (store) => {
    const comparison = compareKeys(
      await loadRegion(new Ledger(store), regionId),
      Number(range[1]),
      Number(range[2]),
      scheme,
    );
    context.io.out(format === 'json' ? JSON.stringify(comparison, null, 2) : renderKeyComparisonText(comparison));
    return 0;
  });
}
