import { DomainError } from '@libs/domain';
import { Ledger } from '@libs/ledger';
import { buildStatement, buildYearContext } from '@libs/projections';
import { buildSettlementLetter, renderSettlementLetterPdf } from '@libs/reports';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../cli-error';
import { CliContext, withStore } from '../cli-context';
import { asOfOption, generatedAt, parseOptions, requireOption, storeOption, yearOption } from '../cli-options';
import { loadRegionView } from './load-region';

export const LETTERS_USAGE =
  'geldstroom letters --region R --year Y [--municipality GM…]… --out DIR [--as-of TIME] [--store URL]';

/**
 * A settlement letter (PDF, in Dutch) per municipality of the region for the year — or for the
 * municipalities named — written to DIR as {region}-{year}-{code}.pdf. SOURCE_DATE_EPOCH fixes the
 * generation date, so a letter can be made again byte for byte.
 */
export async function lettersCommand(context: CliContext): Promise<number> {
  const { values } = parseOptions(context.args, {
    ...storeOption,
    region: { type: 'string' },
    year: { type: 'string' },
    municipality: { type: 'string', multiple: true },
    out: { type: 'string' },
    'as-of': { type: 'string' },
  });
  const regionId = requireOption(values.region, 'region');
  const year = yearOption(values.year);
  const out = requireOption(values.out, 'out');
  const asOf = asOfOption(values['as-of']);
  const wanted = (values.municipality ?? []).flatMap((each) => each.split(',')).map((each) => each.trim());
  if (wanted.some((code) => code === '')) throw new UsageError('--municipality needs a CBS code such as GM0546');
  const now = generatedAt(context.env);
  return withStore(context, values.store, async (store) => {
    const { state, ledgerHash } = await loadRegionView(new Ledger(store), regionId, asOf);
    if (!state.activeYears.has(year))
      throw new DomainError('NOT_FOUND', `region "${regionId}" has nothing recorded for ${year}`, 'year');
    const members = state.memberCodes();
    const unknown = wanted.filter((code) => !members.includes(code));
    if (unknown.length > 0)
      throw new DomainError(
        'UNKNOWN_MUNICIPALITY',
        `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a member of region "${regionId}" (members: ${members.join(', ')})`,
        'municipality',
      );
    const statement = { ...buildStatement(state, year), ledgerHash };
    const yearContext = buildYearContext(state, year);
    mkdirSync(out, { recursive: true });
    if (!statement.closed)
      context.io.err(`note: ${year} is not closed for ${regionId}; the letters say they are provisional`);
    for (const code of wanted.length > 0 ? [...new Set(wanted)] : members) {
      const letter = buildSettlementLetter(statement, yearContext, code, { generatedAt: now });
      const path = join(out, `${regionId}-${year}-${code}.pdf`);
      // written whole under another name first: an interrupted run never leaves half a letter
      writeFileSync(`${path}.partial`, await renderSettlementLetterPdf(letter, { generatedAt: now }));
      renameSync(`${path}.partial`, path);
      context.io.err(`wrote ${path}`);
    }
    return 0;
  });
}
