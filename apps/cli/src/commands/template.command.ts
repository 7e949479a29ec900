import { buildTemplate } from '@libs/intake';
import { Ledger } from '@libs/ledger';
import { renameSync, writeFileSync } from 'node:fs';
import { UsageError } from '../cli-error';
import { CliContext, withStore } from '../cli-context';
import { parseOptions, requireOption, storeOption, yearOption } from '../cli-options';
import { loadRegion } from './load-region';

export const TEMPLATE_USAGE = 'geldstroom template --region R --year Y --out FILE.xlsx [--store URL]';

/** Writes the workbook a region fills in for a year (interface.md §5). */
export async function templateCommand(context: CliContext): Promise<number> {
  const { values } = parseOptions(context.args, {
    ...storeOption,
    region: { type: 'string' },
    year: { type: 'string' },
    out: { type: 'string' },
  });
  const regionId = requireOption(values.region, 'region');
  const year = yearOption(values.year);
  const out = requireOption(values.out, 'out');
  if (!out.toLowerCase().endsWith('.xlsx')) throw new UsageError(`--out must name an .xlsx file, got "${out}"`);
  return withStore(context, values.store, async (store) => {
    const state = await loadRegion(new Ledger(store), regionId);
    const workbook = await buildTemplate(state, year);
    // written whole under a temporary name, so a half-written file never replaces a filled-in one
    writeFileSync(`${out}.partial`, workbook);
    renameSync(`${out}.partial`, out);
    context.io.err(
      `wrote ${out}: the workbook for ${state.region!.name} (${regionId}), ${year}; fill it in, then: geldstroom apply ${out} --dry-run`,
    );
    return 0;
  });
}
