import { nationalLayout } from './national-layout';
import { CommandLine } from './region-history/command-line';
import { RegionHistory } from './region-history/region-history';

export interface SyntheticSetOptions {
  readonly seed: string;
  readonly regions: number;
  readonly years: number;
  readonly firstYear: number;
  /** care providers per region */
  readonly providers: number;
  /** invoices each provider sends every month */
  readonly invoicesPerMonth: number;
}

/** The national set: 44 regions over ten years, ~80k commands and ~85k events. */
export const NATIONAL_SET: SyntheticSetOptions = {
  seed: 'geldstroom',
  regions: 44,
  years: 10,
  firstYear: 2023,
  providers: 6,
  invoicesPerMonth: 1,
};

export const SYNTHETIC_LIMITS = {
  years: { min: 1, max: 50 },
  firstYear: { min: 1990, max: 2900 },
  providers: { min: 2, max: 200 },
  invoicesPerMonth: { min: 1, max: 100 },
} as const;

/**
 * The synthetic data set as commands, in the order a country of regions would record them: every
 * region's registration and agreements first, then month by month through the years with the regions
 * interleaved, and the last year's closing in the spring after. Deterministic: the same options give
 * the same commands, byte for byte once serialised.
 */
export function* syntheticCommands(options: SyntheticSetOptions): Generator<CommandLine> {
  const histories = nationalLayout(options.seed, options.regions, options.providers).map(
    (region) => new RegionHistory(region, options),
  );
  for (const history of histories) yield* history.prologue();
  const end = options.firstYear + options.years;
  for (let year = options.firstYear; year <= end; year += 1)
    for (let month = 1; month <= 12; month += 1) for (const history of histories) yield* history.month(year, month);
}

/** The command file: a comment naming how it was made, then one command per line. */
export function* syntheticLines(options: SyntheticSetOptions): Generator<string> {
  yield `# Geldstroom synthetic data set (not real figures): geldstroom generate ${describeOptions(options)}`;
  for (const command of syntheticCommands(options)) yield JSON.stringify(command);
}

export function describeOptions(options: SyntheticSetOptions): string {
  return [
    `--regions ${options.regions}`,
    `--years ${options.years}`,
    `--first-year ${options.firstYear}`,
    `--providers ${options.providers}`,
    `--invoices-per-month ${options.invoicesPerMonth}`,
    `--seed ${options.seed}`,
  ].join(' ');
}
