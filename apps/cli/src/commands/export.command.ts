import { Ledger } from '@libs/ledger';
import { renderHledgerJournal } from '@libs/reports';
import { writeFileSync } from 'node:fs';
import { UsageError } from '../cli-error';
import { CliContext, withStore } from '../cli-context';
import { formatOption, parseOptions, requireOption, storeOption, yearOption } from '../cli-options';
import { loadRegion } from './load-region';

export const EXPORT_USAGE = 'geldstroom export --format hledger --region R [--year Y] [--out FILE] [--store URL]';

export async function exportCommand(context: CliContext): Promise<number> {
  const { values } = parseOptions(context.args, { ...storeOption, format: { type: 'string' }, region: { type: 'string' }, year: { type: 'string' }, out: { type: 'string' } });
  if (values.format === undefined) throw new UsageError('--format is required');
  const format = formatOption(values.format, ['hledger'] as const, 'hledger');
  const year = values.year === undefined ? undefined : yearOption(values.year);
  const regionId = requireOption(values.region, 'region');
  return withStore(context, values.store, async (store) => {
    const ledger = new Ledger(store);
    await loadRegion(ledger, regionId);
    const output = format === 'hledger' ? renderHledgerJournal(regionId, await ledger.regionEvents(regionId), year) : '';
    if (typeof values.out === 'string') {
      writeFileSync(values.out, output);
      context.io.err(`wrote ${values.out}`);
    } else {
      context.io.out(output);
    }
    return 0;
  });
}
