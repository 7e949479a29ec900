import { Ledger } from '@libs/ledger';
import { tracePayment } from '@libs/projections';
import { renderTraceText } from '@libs/reports';
import { CliContext, withStore } from '../cli-context';
import { asOfOption, formatOption, parseOptions, requireOption, storeOption } from '../cli-options';
import { loadRegion } from './load-region';

export const TRACE_USAGE =
  'geldstroom trace --region R --payment PAYMENT_ID [--as-of TIME] [--format json|text] [--store URL]';

/** Forward from a Rijk payment: where its money went, pro rata through the pots it was mixed in. */
export async function traceCommand(context: CliContext): Promise<number> {
  const { values } = parseOptions(context.args, {
    ...storeOption,
    region: { type: 'string' },
    payment: { type: 'string' },
    format: { type: 'string' },
    'as-of': { type: 'string' },
  });
  const regionId = requireOption(values.region, 'region');
  const paymentId = requireOption(values.payment, 'payment');
  const format = formatOption(values.format, ['json', 'text'] as const, 'json');
  const asOf = asOfOption(values['as-of']);
  return withStore(context, values.store, async (store) => {
    const ledger = new Ledger(store);
    await loadRegion(ledger, regionId, asOf);
    const trace = tracePayment(regionId, await ledger.regionEvents(regionId), paymentId, asOf);
    context.io.out(format === 'json' ? JSON.stringify(trace, null, 2) : renderTraceText(trace));
    return 0;
  });
}
