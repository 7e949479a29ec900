import { DomainError, FieldParser } from '@libs/domain';
import { csvLocaleParameter, localeParameter, momentParameter, regionIdParameter, yearParameter } from '@libs/queries';
import { parseArgs, ParseArgsConfig } from 'node:util';
import { CsvLocale, Locale } from '@libs/reports';
import { UsageError } from './cli-error';
import { didYouMean } from './did-you-mean';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a subcommand's arguments; an unknown or malformed option is a usage error (exit 2), and an
 * unknown option close to a known one is named ("did you mean --region?"). So is an option given twice
 * with different values (see givenOnce).
 */
export function parseOptions<O extends Options>(args: string[], options: O, allowPositionals = false) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals, strict: true, tokens: true });
  } catch (error) {
    const unknown = /^Unknown option '([^']+)'/.exec((error as Error).message)?.[1];
    if (unknown === undefined) throw new UsageError((error as Error).message);
    const known = Object.keys(options).map((name) => `--${name}`);
    throw new UsageError(`unknown option ${unknown}${didYouMean(unknown, known)}`);
  }
  givenOnce(parsed.tokens, options);
  return parsed;
}

/**
 * parseArgs keeps the last value of an option given twice without a word: `--year 2024 --year 2025`
 * would answer for 2025, `--region a --region b` for b. An option that takes one value is refused when
 * it is given again with another (again with the same value changes nothing).
 */
function givenOnce(tokens: readonly { kind: string; name?: string; value?: string }[], options: Options): void {
  const given = new Map<string, string | undefined>();
  for (const { kind, name, value } of tokens) {
    if (kind !== 'option' || name === undefined || options[name]?.multiple === true) continue;
    if (given.has(name) && given.get(name) !== value)
      throw new UsageError(
        `--${name} is given twice, as ${JSON.stringify(given.get(name) ?? '')} and ${JSON.stringify(value ?? '')}; give it once`,
      );
    given.set(name, value);
  }
}

export function requireOption(value: string | boolean | undefined, name: string): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

/**
 * An option read by the rule of its query parameter (@libs/queries: the same rule the HTTP API
 * applies to the same parameter): a missing or refused value is a usage error, `--name: reason`. An
 * empty value (`--as-of=`) is the rule's to refuse, as `?asOf=` is, not said to be missing.
 */
export function parameterOption<T>(value: string | boolean | undefined, name: string, parse: FieldParser<T>): T {
  if (typeof value !== 'string') throw new UsageError(`--${name} is required`);
  try {
    return parse(value, name);
  } catch (error) {
    if (error instanceof DomainError) throw new UsageError(`--${name}: ${error.reason}`);
    throw error;
  }
}

/** The same for an option that may be left out. */
export function optionalParameterOption<T>(
  value: string | boolean | undefined,
  name: string,
  parse: FieldParser<T>,
): T | undefined {
  return value === undefined ? undefined : parameterOption(value, name, parse);
}

export const yearOption = (value: string | boolean | undefined, name = 'year'): number =>
  parameterOption(value, name, yearParameter);

export const regionOption = (value: string | boolean | undefined): string =>
  parameterOption(value, 'region', regionIdParameter);

export function formatOption<T extends string>(
  value: string | boolean | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--format must be one of ${allowed.join(', ')}, got "${String(value)}"`);
  }
  return value as T;
}

export const asOfOption = (value: string | boolean | undefined): Date | undefined =>
  optionalParameterOption(value, 'as-of', momentParameter);

export const storeOption = { store: { type: 'string' } } as const;

/** `--locale nl|en` of CSV output: Dutch spreadsheets by default, `en` for the machine form. */
export const localeOption = (value: string | boolean | undefined): CsvLocale =>
  optionalParameterOption(value, 'locale', csvLocaleParameter) ?? 'nl';

/**
 * `--locale nl|en` of explain and trace: what a person reads (text) is Dutch unless asked, the machine
 * form (JSON) keeps its English derivations and flows unless asked — as the API's `?locale=`.
 */
export const readerLocaleOption = (value: string | boolean | undefined, format: 'json' | 'text'): Locale =>
  optionalParameterOption(value, 'locale', localeParameter) ?? (format === 'text' ? 'nl' : 'en');

/**
 * The moment a document says it was generated: now, or SOURCE_DATE_EPOCH (seconds since 1970, the
 * reproducible-builds convention) so that a letter or workbook can be generated again byte for byte.
 */
export function generatedAt(env: NodeJS.ProcessEnv): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return new Date();
  if (!/^\d{1,12}$/.test(epoch))
    throw new UsageError(`SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01, got "${epoch}"`);
  return new Date(Number(epoch) * 1000);
}

/** The options every region/year query takes: --region, --year, --format, --as-of and --store. */
export function regionYearQuery<F extends string>(
  args: string[],
  formats: readonly F[],
  extra: { out?: boolean; locale?: boolean } = {},
) {
  const { values } = parseOptions(args, {
    ...storeOption,
    region: { type: 'string' },
    year: { type: 'string' },
    format: { type: 'string' },
    'as-of': { type: 'string' },
    ...(extra.out ? { out: { type: 'string' } } : {}),
    ...(extra.locale ? { locale: { type: 'string' } } : {}),
  } as const);
  const locale = localeOption((values as { locale?: string }).locale);
  const out: unknown = (values as { out?: unknown }).out;
  return {
    locale,
    localeGiven: (values as { locale?: string }).locale !== undefined,
    regionId: regionOption(values.region),
    year: yearOption(values.year),
    format: formatOption(values.format, formats, formats[0]),
    asOf: asOfOption(values['as-of']),
    store: values.store,
    out: typeof out === 'string' ? out : undefined,
  };
}
