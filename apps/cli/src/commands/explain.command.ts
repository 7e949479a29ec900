import { Ledger } from '@libs/ledger';
import { explainAccount } from '@libs/projections';
import { renderExplanationText } from '@libs/reports';
import { CliContext, withStore } from '../cli-context';
import { asOfOption, formatOption, parseOptions, requireOption, storeOption, yearOption } from '../cli-options';
import { loadRegion } from './load-region';

export const EXPLAIN_USAGE =
  'geldstroom explain --region R --year Y --account ACCOUNT [--as-of TIME] [--format json|text] [--store URL]';

/** Every posting on an account for a year, with the rule, key, inputs and arithmetic behind it. */
export async function explainCommand(context: CliContext): Promise<number> {
  const { values } = parseOptions(context.args, {
    ...storeOption,
    region: { type: 'string' },
    year: { type: 'string' },
    account: { type: 'string' },
    format: { type: 'string' },
    'as-of': { type: 'string' },
  });
  const regionId = requireOption(values.region, 'region');
  const year = yearOption(values.year);
  const account = requireOption(values.account, 'account');
  const format = formatOption(values.format, ['json', 'text'] as const, 'json');
  const asOf = asOfOption(values['as-of']);
  return withStore(context, values.store, async (store) => {
    const ledger = new Ledger(store);
    const state = await loadRegion(ledger, regionId, asOf);
    const explanation = explainAccount(state, await ledger.regionEvents(regionId), year, account, asOf);
    context.io.out(format === 'json' ? JSON.stringify(explanation, null, 2) : renderExplanationText(explanation));
    return 0;
  });
}
