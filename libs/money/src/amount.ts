import Decimal from 'decimal.js';

/** Money inside Geldstroom: a whole number of euro cents. */
export type Cents = bigint;

/** Why a value is not an acceptable amount, percentage or weight; the caller adds the field name. */
export class MoneyFormatError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'MoneyFormatError';
  }
}

const AMOUNT_PATTERN = /^-?\d+(?:\.\d{1,2})?$/;
const NON_NEGATIVE_DECIMAL_PATTERN = /^\d+(?:\.\d+)?$/;

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return `${value} (a JSON number)`;
  if (value === null) return 'null';
  return typeof value;
}

/**
 * Parses an amount in euros given as a decimal string with at most two decimals ("5802407.00",
 * "-258783"). Numbers, exponents, thousands separators, a third decimal and empty strings are refused:
 * a JSON number has already lost exactness, and the others are typos too costly to guess at.
 */
export function parseAmount(value: unknown): Cents {
  if (typeof value !== 'string') {
    throw new MoneyFormatError(`must be a decimal string such as "1234.56", got ${describe(value)}`);
  }
  if (value.trim() === '') throw new MoneyFormatError('must not be empty');
  if (!AMOUNT_PATTERN.test(value)) {
    const hint = /^-?\d+\.\d{3,}$/.test(value)
      ? 'has more than two decimals'
      : /[eE]/.test(value)
        ? 'uses an exponent'
        : /[,\s_']/.test(value) || /\d\.\d{3}\./.test(value)
          ? 'uses a thousands separator'
          : 'is not a plain decimal number';
    throw new MoneyFormatError(`must be a decimal string with at most two decimals, got ${describe(value)} (${hint})`);
  }
  const negative = value.startsWith('-');
  const [whole, fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const cents = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  return negative ? -cents : cents;
}

/**
 * Parses a non-negative decimal string of any precision (percentages, weights) and returns it in a
 * canonical form, so that "24.30" and "24.3" compare equal as content.
 */
export function parseNonNegativeDecimal(value: unknown): string {
  if (typeof value !== 'string') {
    throw new MoneyFormatError(`must be a non-negative decimal string such as "24.3", got ${describe(value)}`);
  }
  if (value.trim() === '') throw new MoneyFormatError('must not be empty');
  if (value.startsWith('-') && NON_NEGATIVE_DECIMAL_PATTERN.test(value.slice(1))) {
    throw new MoneyFormatError(`must not be negative, got ${describe(value)}`);
  }
  if (!NON_NEGATIVE_DECIMAL_PATTERN.test(value)) {
    throw new MoneyFormatError(`must be a non-negative decimal string such as "24.3", got ${describe(value)}`);
  }
  return new Decimal(value).toFixed();
}

/** Plain rendering with exactly two decimals: "5802407.00", "-115593.00". */
export function formatAmount(cents: Cents): string {
  const negative = cents < 0n;
  const magnitude = negative ? -cents : cents;
  const text = `${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** Dutch rendering for people: "€ 5.802.407,00", "€ -115.593,00". */
export function formatEuro(cents: Cents): string {
  const negative = cents < 0n;
  const magnitude = negative ? -cents : cents;
  const whole = (magnitude / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const fraction = (magnitude % 100n).toString().padStart(2, '0');
  return `€ ${negative ? '-' : ''}${whole},${fraction}`;
}

export function sumCents(values: Iterable<Cents>): Cents {
  let total = 0n;
  for (const value of values) total += value;
  return total;
}
