import { buildTemplate } from '@libs/intake';
import { UsageError } from '../cli-error';
import { CliContext } from '../cli-context';
import { parseOptions, regionOption, requireOption, storeOption, yearOption } from '../cli-options';
import { writeWhole } from '../write-whole';
import { withQueries } from './region-queries';

/** Writes the workbook a region fills in for a year (interface.md §5). */
export async function templateCommand(context: CliContext): Promise<number> {
  const { values } = parseOptions(context.args, {
    ...storeOption,
    region: { type: 'string' },
    year: { type: 'string' },
    out: { type: 'string' },
  });
  const regionId = regionOption(values.region);
  const year = yearOption(values.year);
  const out = requireOption(values.out, 'out');
  if (!out.toLowerCase().endsWith('.xlsx')) throw new UsageError(`--out must name an .xlsx file, got "${out}"`);
  const { state } = await withQueries(context, values.store, (queries) => queries.region({ regionId }));
  const workbook = await buildTemplate(state, year);
  // written whole, so a half-written file never replaces a filled-in one
  writeWhole(out, workbook);
  context.io.err(
    `wrote ${out}: the workbook for ${state.region?.name ?? regionId} (${regionId}), ${year}; fill it in, then: geldstroom apply ${out} --dry-run`,
  );
  return 0;
}
