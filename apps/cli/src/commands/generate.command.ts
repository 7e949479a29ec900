import { once } from 'node:events';
import { Writable } from 'node:stream';
import { UsageError } from '../cli-error';
import { CliContext } from '../cli-context';
import { parseOptions, yearOption } from '../cli-options';
import { MAX_REGIONS } from '../generate/national-layout';
import { NATIONAL_SET, SYNTHETIC_LIMITS, SyntheticSetOptions, syntheticLines } from '../generate/synthetic-set';
import { streamWhole } from '../write-whole';

/**
 * Writes a synthetic command file (JSON Lines that `apply` accepts): by default the national set, 44
 * regions over ten years. Deterministic: the same options give the same bytes, so a benchmark is
 * repeatable and a file can be re-made instead of kept.
 */
export async function generateCommand(context: CliContext): Promise<number> {
  const { values } = parseOptions(context.args, {
    regions: { type: 'string' },
    years: { type: 'string' },
    'first-year': { type: 'string' },
    providers: { type: 'string' },
    'invoices-per-month': { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
  });
  const options: SyntheticSetOptions = {
    regions: whole(values.regions, 'regions', 1, MAX_REGIONS, NATIONAL_SET.regions),
    years: whole(values.years, 'years', SYNTHETIC_LIMITS.years.min, SYNTHETIC_LIMITS.years.max, NATIONAL_SET.years),
    firstYear: firstYearOption(values['first-year']),
    providers: whole(
      values.providers,
      'providers',
      SYNTHETIC_LIMITS.providers.min,
      SYNTHETIC_LIMITS.providers.max,
      NATIONAL_SET.providers,
    ),
    invoicesPerMonth: whole(
      values['invoices-per-month'],
      'invoices-per-month',
      SYNTHETIC_LIMITS.invoicesPerMonth.min,
      SYNTHETIC_LIMITS.invoicesPerMonth.max,
      NATIONAL_SET.invoicesPerMonth,
    ),
    seed: seedOption(values.seed),
  };
  const out = typeof values.out === 'string' ? values.out : undefined;
  let commands = 0;
  const generate = async (stream: Writable) => {
    let chunk: string[] = [];
    let size = 0;
    const flush = async () => {
      if (!stream.write(chunk.join(''))) await once(stream, 'drain');
      chunk = [];
      size = 0;
    };
    for (const line of syntheticLines(options)) {
      if (!line.startsWith('#')) commands += 1;
      chunk.push(line, '\n');
      size += line.length + 1;
      if (size > 1 << 20) await flush();
    }
    await flush();
  };
  // written whole, so an interrupted run leaves no half file
  if (out) await streamWhole(out, generate);
  else await generate(process.stdout);
  context.io.err(
    `generated ${commands} commands: ${options.regions} region(s) × ${options.years} year(s) from ${options.firstYear}, seed ${options.seed}${out ? `, in ${out}` : ''}`,
  );
  return 0;
}

function whole(value: string | boolean | undefined, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const text = String(value);
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  return Number(text);
}

/** A year by the year rule of every edge, within what the generator can lay out. */
function firstYearOption(value: string | boolean | undefined): number {
  if (value === undefined) return NATIONAL_SET.firstYear;
  const year = yearOption(value, 'first-year');
  const { min, max } = SYNTHETIC_LIMITS.firstYear;
  if (year < min || year > max) throw new UsageError(`--first-year must be a year from ${min} to ${max}, got ${year}`);
  return year;
}

function seedOption(value: string | boolean | undefined): string {
  if (value === undefined) return NATIONAL_SET.seed;
  const text = String(value);
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(text))
    throw new UsageError(`--seed must be 1 to 100 letters, digits, dots, hyphens or underscores, got "${text}"`);
  return text;
}
