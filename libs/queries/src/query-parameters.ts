import {
  described,
  DescribedParser,
  DomainError,
  identifier,
  municipalityCode,
  oneOf,
  parseAccount,
  Scheme,
  SCHEMES,
  slug,
  text,
  version,
  YEAR_MAX,
  YEAR_MIN,
  yearKey,
} from '@libs/domain';
import { HASH_PATTERN } from '@libs/ledger';
import { CsvLocale, Locale, LOCALES } from '@libs/reports';

const invalidField = (field: string, reason: string) => new DomainError('INVALID_FIELD', reason, field);

/**
 * The parameters of the questions both edges answer — CLI options and HTTP path and query
 * parameters — each read from the text as typed or sent, by the domain's own field rules: one rule,
 * one place. A refusal is a DomainError whose reason both edges show word for word (the CLI as
 * `--year: reason`, exit 2; HTTP as a 400 with `year: reason`).
 */

/** A region id: the domain's slug rule. */
export const regionIdParameter = slug;

/** A Rijk payment id: the domain's id rule. */
export const paymentIdParameter = identifier;

/** A CBS municipality code ("GM" and 4 digits). */
export const municipalityParameter = municipalityCode;

export const schemeParameter: DescribedParser<Scheme> = oneOf(...SCHEMES);

/** The language of explain's derivations and trace's flows: nl (Dutch), en (the words of the machine form). */
export const localeParameter: DescribedParser<Locale> = oneOf(...LOCALES);

/** The form of a CSV: nl for Dutch spreadsheets, en for the machine form (the same two locales). */
export const csvLocaleParameter: DescribedParser<CsvLocale> = localeParameter;

const accountText = text(200);
/**
 * An account name as the ledger writes it (municipality:GM0546:bw, region:holland-rijnland:reserve, …). A
 * name that is no account — a typo — is refused: explained, it would be an empty list and a balance of 0,00
 * that passes for an answer.
 */
export const accountParameter: DescribedParser<string> = described((value, field) => {
  const name = accountText(value, field);
  if (parseAccount(name) === undefined)
    throw invalidField(
      field,
      `must be an account name such as municipality:GM0546:bw, region:holland-rijnland:reserve, region:holland-rijnland:fund:ID, external:providers or rijk, got ${JSON.stringify(name)}`,
    );
  return name;
}, accountText.schema);

/** A budget year as typed: four digits from 1900 to 2999 ("0042", "2024.0", "+2024" and "0x7e8" are refused). */
export const yearParameter: DescribedParser<number> = described((value, field) => Number(yearKey(value, field)), {
  type: 'integer',
  title: 'year',
  description: `a budget year: four digits from ${YEAR_MIN} to ${YEAR_MAX}`,
  minimum: YEAR_MIN,
  maximum: YEAR_MAX,
  example: 2024,
});

/** A version as typed: a whole number from 1 to 1000000, without sign, point or leading zeros. */
export const versionParameter: DescribedParser<number> = described(
  (value, field) => {
    if (typeof value !== 'string' || !/^[1-9]\d*$/.test(value))
      throw invalidField(field, `must be a whole number from 1 to 1000000, got ${JSON.stringify(value)}`);
    return version(Number(value), field);
  },
  { ...version.schema },
);

export interface YearRange {
  readonly from: number;
  readonly to: number;
}

/** The widest range of years one comparison spans. */
export const YEAR_RANGE_MAX_YEARS = 50;

/** A range of budget years such as "2023-2025": each end a year, forward, at most 50 years. */
export const yearRangeParameter: DescribedParser<YearRange> = described(
  (value, field) => {
    if (typeof value !== 'string' || !/^[^-]+-[^-]+$/.test(value))
      throw invalidField(field, `must be a range of years such as "2023-2025", got ${JSON.stringify(value)}`);
    const [from, to] = value.split('-').map((end) => Number(yearKey(end, field)));
    if (from > to) throw invalidField(field, `must run from the earlier year to the later one, got "${value}"`);
    if (to - from > YEAR_RANGE_MAX_YEARS)
      throw invalidField(field, `must span at most ${YEAR_RANGE_MAX_YEARS} years, got "${value}"`);
    return { from, to };
  },
  {
    type: 'string',
    title: 'years',
    description: `a range of budget years FROM-TO, forward, at most ${YEAR_RANGE_MAX_YEARS} years`,
    pattern: '^\\d{4}-\\d{4}$',
    example: '2023-2024',
  },
);

/** RFC 3339: a date, or a date and time with seconds optional and a zone (Z or ±hh:mm); no week or ordinal dates. */
const MOMENT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2})))?$/;

/** Whether year-month-day is a day of the calendar (JavaScript's Date would take 31 February for 3 March). */
function isCalendarDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isMoment(value: string): boolean {
  const match = MOMENT.exec(value);
  if (!match) return false;
  const [, year, month, day, hour = '0', minute = '0', second = '0', , zoneHour = '0', zoneMinute = '0'] = match;
  return (
    isCalendarDay(Number(year), Number(month), Number(day)) &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59 &&
    Number(zoneHour) <= 23 &&
    Number(zoneMinute) <= 59
  );
}

/** A moment to read the ledger as it was recorded then: RFC 3339, or a date for its midnight UTC. */
export const momentParameter: DescribedParser<Date> = described(
  (value, field) => {
    if (typeof value !== 'string' || !isMoment(value))
      throw invalidField(
        field,
        `must be an ISO 8601 moment such as 2026-03-01T12:00:00Z or a date such as 2026-03-01, got ${JSON.stringify(value)}`,
      );
    return new Date(value);
  },
  {
    type: 'string',
    title: 'moment',
    description: 'an RFC 3339 moment with its zone (2026-03-01T12:00:00Z, 2026-03-01T13:00:00+01:00) or a date',
    format: 'date-time',
    example: '2026-03-01T12:00:00Z',
  },
);

/** A ledger hash as printed on a statement: 64 hexadecimal digits (either case), as the ledger writes it. */
export const ledgerHashParameter: DescribedParser<string> = described(
  (value, field) => {
    const hash = typeof value === 'string' ? value.toLowerCase() : undefined;
    if (hash === undefined || !HASH_PATTERN.test(hash))
      throw invalidField(field, `must be a ledger hash of 64 hexadecimal digits, got ${JSON.stringify(value)}`);
    return hash;
  },
  {
    type: 'string',
    title: 'ledger hash',
    description: 'the ledger hash the history must have, as printed on a statement: 64 hexadecimal digits',
    pattern: '^[0-9a-fA-F]{64}$',
    example: '6c1b4f0e9d2a73b58e41c0d2f7a9b3e5c1d8f6a4b2e0c9d7f5a3b1e8c6d4f2a0',
  },
);

/** The reason a parameter is refused, or undefined when it passes. */
export function refusalOf(parse: DescribedParser<unknown>, value: unknown, field: string): string | undefined {
  try {
    parse(value, field);
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) return error.reason;
    throw error;
  }
}
