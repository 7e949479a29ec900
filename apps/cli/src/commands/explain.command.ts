import { DomainError } from '@libs/domain';
import { accountParameter } from '@libs/queries';
import { renderExplanationText } from '@libs/reports';
import { CliContext } from '../cli-context';
import {
  asOfOption,
  formatOption,
  parameterOption,
  parseOptions,
  readerLocaleOption,
  regionOption,
  storeOption,
  yearOption,
} from '../cli-options';
import { UsageError } from '../cli-error';
import { withQueries } from './region-queries';

/** Every posting on an account for a year, with the rule, key, inputs and arithmetic behind it. */
export async function explainCommand(context: CliContext): Promise<number> {
  const { values } = parseOptions(context.args, {
    ...storeOption,
    region: { type: 'string' },
    year: { type: 'string' },
    account: { type: 'string' },
    format: { type: 'string' },
    'as-of': { type: 'string' },
    locale: { type: 'string' },
  });
  const question = {
    regionId: regionOption(values.region),
    year: yearOption(values.year),
    account: parameterOption(values.account, 'account', accountParameter),
    asOf: asOfOption(values['as-of']),
  };
  const format = formatOption(values.format, ['json', 'text'] as const, 'json');
  const locale = readerLocaleOption(values.locale, format);
  const explanation = await withQueries(context, values.store, (queries) =>
    queries.explain({ ...question, locale }),
  ).catch((error: unknown) => {
    // an account of another region, or of no member, is a malformed question (exit 2), as over HTTP (400)
    if (error instanceof DomainError && error.code === 'INVALID_FIELD' && error.field === 'account')
      throw new UsageError(`--account: ${error.reason}`);
    throw error;
  });
  context.io.out(format === 'json' ? JSON.stringify(explanation, null, 2) : renderExplanationText(explanation, locale));
  return 0;
}
