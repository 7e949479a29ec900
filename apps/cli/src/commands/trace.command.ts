import { paymentIdParameter } from '@libs/queries';
import { renderTraceText } from '@libs/reports';
import { CliContext } from '../cli-context';
import {
  asOfOption,
  formatOption,
  parameterOption,
  parseOptions,
  readerLocaleOption,
  regionOption,
  storeOption,
} from '../cli-options';
import { withQueries } from './region-queries';

/** Forward from a Rijk payment: where its money went, pro rata through the pots it was mixed in. */
export async function traceCommand(context: CliContext): Promise<number> {
  const { values } = parseOptions(context.args, {
    ...storeOption,
    region: { type: 'string' },
    payment: { type: 'string' },
    format: { type: 'string' },
    'as-of': { type: 'string' },
    locale: { type: 'string' },
  });
  const question = {
    regionId: regionOption(values.region),
    paymentId: parameterOption(values.payment, 'payment', paymentIdParameter),
    asOf: asOfOption(values['as-of']),
  };
  const format = formatOption(values.format, ['json', 'text'] as const, 'json');
  const locale = readerLocaleOption(values.locale, format);
  const trace = await withQueries(context, values.store, (queries) => queries.trace({ ...question, locale }));
  context.io.out(format === 'json' ? JSON.stringify(trace, null, 2) : renderTraceText(trace, locale));
  return 0;
}
