import { schemeParameter, yearRangeParameter } from '@libs/queries';
import { renderKeyComparisonText } from '@libs/reports';
import { CliContext } from '../cli-context';
import {
  formatOption,
  optionalParameterOption,
  parameterOption,
  parseOptions,
  regionOption,
  storeOption,
} from '../cli-options';
import { withQueries } from './region-queries';

/** The AEF key options (inhabitants, income, use) side by side, with their year-to-year stability. */
export async function compareKeysCommand(context: CliContext): Promise<number> {
  const { values } = parseOptions(context.args, {
    ...storeOption,
    region: { type: 'string' },
    years: { type: 'string' },
    scheme: { type: 'string' },
    format: { type: 'string' },
  });
  const question = {
    regionId: regionOption(values.region),
    years: parameterOption(values.years, 'years', yearRangeParameter),
    scheme: optionalParameterOption(values.scheme, 'scheme', schemeParameter) ?? 'BW',
  };
  const format = formatOption(values.format, ['json', 'text'] as const, 'json');
  const comparison = await withQueries(context, values.store, (queries) => queries.compareKeys(question));
  context.io.out(format === 'json' ? JSON.stringify(comparison, null, 2) : renderKeyComparisonText(comparison));
  return 0;
}
