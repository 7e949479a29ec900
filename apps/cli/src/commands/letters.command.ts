import { DomainError } from '@libs/domain';
import { municipalityParameter } from '@libs/queries';
import { buildSettlementLetter, renderSettlementLetterPdf } from '@libs/reports';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { NotAnswered } from '../cli-error';
import { CliContext } from '../cli-context';
import {
  asOfOption,
  generatedAt,
  parameterOption,
  parseOptions,
  regionOption,
  requireOption,
  storeOption,
  yearOption,
} from '../cli-options';
import { writeWhole } from '../write-whole';
import { withQueries } from './region-queries';

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
  const question = {
    regionId: regionOption(values.region),
    year: yearOption(values.year),
    asOf: asOfOption(values['as-of']),
    municipalities: (values.municipality ?? [])
      .flatMap((each) => each.split(','))
      .map((code) => parameterOption(code.trim(), 'municipality', municipalityParameter)),
  };
  const out = requireOption(values.out, 'out');
  const now = generatedAt(context.env);
  const {
    statement,
    context: yearContext,
    municipalities,
  } = await withQueries(context, values.store, async (queries) => {
    try {
      return await queries.letters(question);
    } catch (error) {
      if (!(error instanceof DomainError && error.field === 'municipality')) throw error;
      const members = Object.keys((await queries.yearReport(question)).statement.municipalities);
      throw new NotAnswered(error.reason, `members: ${members.join(', ')}`);
    }
  });
  mkdirSync(out, { recursive: true });
  if (!statement.closed)
    context.io.err(
      `note: ${question.year} is not closed for ${question.regionId}; the letters say they are provisional`,
    );
  for (const code of municipalities) {
    const letter = buildSettlementLetter(statement, yearContext, code, { generatedAt: now });
    const path = join(out, `${question.regionId}-${question.year}-${code}.pdf`);
    // written whole: an interrupted run never leaves half a letter
    writeWhole(path, await renderSettlementLetterPdf(letter, { generatedAt: now }));
    context.io.err(`wrote ${path}`);
  }
  return 0;
}
