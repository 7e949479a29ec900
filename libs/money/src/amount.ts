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

/**
 * Limits of domain.md §2. A ledger is permanent, so absurd input is refused before it is recorded —
 * and before anything is computed from it: the digits are counted on the text, so a number of
 * 400,000 digits is refused in microseconds instead of turning into a bigint that later runs choke on.
 */
export const AMOUNT_MAX_INTEGER_DIGITS = 12;
export const DECIMAL_MAX_SIGNIFICANT_DIGITS = 20;
/** A weight of 0.000…01 has one significant digit but an absurd scale; its decimals are capped too. */
export const DECIMAL_MAX_DECIMALS = 40;

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (typeof value === 'number') return `${value} (a JSON number)`;
  if (value === null) return 'null';
  return typeof value;
}

/**
 * Whether the limits apply: to input, yes; to what was recorded (and to derived sums, which may
 * exceed an input's limit), no — a limit added later must never make recorded history unreadable.
 */
export interface ParseOptions {
  readonly limits?: boolean;
}

/**
 * Parses an amount in euros given as a decimal string with at most two decimals ("5802407.00",
 * "-258783"). Numbers, exponents, thousands separators, a third decimal and empty strings are refused:
 * a JSON number has already lost exactness, and the others are typos too costly to guess at.
 */
export function parseAmount(value: unknown, options: ParseOptions = {}): Cents {
  if (typeof value !== 'string') {
    throw new MoneyFormatError(`must be a decimal string such as "1234.56", got ${describe(value)}`);
  }
  // the form every stored amount has ("5802407.00", within the limits): the result the general path gives
  return plainAmountCents(value) ?? parseAmountText(value, options);
}

/** Why a text is no plain decimal amount: the first hint that applies, in this order. */
const REFUSAL_HINTS: readonly (readonly [(value: string) => boolean, string])[] = [
  [(value) => /^-?\d+\.\d{3,}$/.test(value), 'has more than two decimals'],
  [(value) => /[eE]/.test(value), 'uses an exponent'],
  [(value) => value.trim() !== value, 'has spaces before or after it'],
  [(value) => /^-?\d+,\d{1,2}$/.test(value), 'uses a decimal comma; write a decimal point'],
  [(value) => /[,\s_']/.test(value) || /\d\.\d{3}\./.test(value), 'uses a thousands separator'],
];

/** parseAmount's general path: any text, checked against the limits and the pattern, with the reason it is refused. */
export function parseAmountText(value: string, options: ParseOptions = {}): Cents {
  if (value.trim() === '') throw new MoneyFormatError('must not be empty');
  const integerDigits = value.replace(/^-?0*/, '').replace(/\D.*$/s, '').length;
  if (options.limits && integerDigits > AMOUNT_MAX_INTEGER_DIGITS) {
    throw new MoneyFormatError(
      `must have at most ${AMOUNT_MAX_INTEGER_DIGITS} digits before the decimal point (less than € 1.000.000.000.000), got ${integerDigits} digits`,
    );
  }
  if (!AMOUNT_PATTERN.test(value)) {
    const hint = REFUSAL_HINTS.find(([applies]) => applies(value))?.[1] ?? 'is not a plain decimal number';
    throw new MoneyFormatError(`must be a decimal string with at most two decimals, got ${describe(value)} (${hint})`);
  }
  const negative = value.startsWith('-');
  const [whole, fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const cents = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  return negative ? -cents : cents;
}

/**
 * The cents of an amount of the plain form -?d{1,12}.dd, or undefined for any other text. At most 14
 * digits: their value is below Number.MAX_SAFE_INTEGER, so it is summed exactly as a number, digit by
 * digit, and becomes a bigint once — no pattern, no copy of the text, no parse of a decimal string.
 */
function plainAmountCents(value: string): Cents | undefined {
  const length = value.length;
  const negative = value.charCodeAt(0) === MINUS;
  const point = length - 3;
  const integerDigits = point - (negative ? 1 : 0);
  if (integerDigits < 1 || integerDigits > PLAIN_INTEGER_DIGITS || value.charCodeAt(point) !== POINT) return undefined;
  let cents = 0;
  for (let index = negative ? 1 : 0; index < length; index += 1) {
    if (index === point) continue;
    const digit = value.charCodeAt(index) - ZERO;
    if (digit < 0 || digit > 9) return undefined;
    cents = cents * 10 + digit;
  }
  return BigInt(negative ? -cents : cents);
}

const MINUS = 45;
const POINT = 46;
const ZERO = 48;
/** the integer digits of the plain form (within AMOUNT_MAX_INTEGER_DIGITS, and 10^14 < 2^53) */
const PLAIN_INTEGER_DIGITS = 12;

/**
 * Parses a non-negative decimal string of any precision (percentages, weights) and returns it in a
 * canonical form, so that "24.30" and "24.3" compare equal as content.
 */
export function parseNonNegativeDecimal(value: unknown, options: ParseOptions = {}): string {
  if (typeof value !== 'string') {
    throw new MoneyFormatError(`must be a non-negative decimal string such as "24.3", got ${describe(value)}`);
  }
  // the form nearly every weight and percentage has: its canonical form in one scan, or the general path
  return plainDecimal(value, options) ?? parseNonNegativeDecimalText(value, options);
}

/** parseNonNegativeDecimal's general path: any text, with the reason it is refused. */
export function parseNonNegativeDecimalText(value: string, options: ParseOptions = {}): string {
  if (value.trim() === '') throw new MoneyFormatError('must not be empty');
  if (value.startsWith('-') && NON_NEGATIVE_DECIMAL_PATTERN.test(value.slice(1))) {
    throw new MoneyFormatError(`must not be negative, got ${describe(value)}`);
  }
  if (!NON_NEGATIVE_DECIMAL_PATTERN.test(value)) {
    throw new MoneyFormatError(`must be a non-negative decimal string such as "24.3", got ${describe(value)}`);
  }
  const [whole, fraction = ''] = value.split('.');
  const integerPart = whole.replace(/^0+/, '');
  const decimals = withoutTrailingZeros(fraction);
  const significant = integerPart !== '' ? integerPart.length + decimals.length : decimals.replace(/^0+/, '').length;
  if (options.limits && significant > DECIMAL_MAX_SIGNIFICANT_DIGITS) {
    throw new MoneyFormatError(
      `must have at most ${DECIMAL_MAX_SIGNIFICANT_DIGITS} significant digits, got ${significant}`,
    );
  }
  if (options.limits && decimals.length > DECIMAL_MAX_DECIMALS) {
    throw new MoneyFormatError(`must have at most ${DECIMAL_MAX_DECIMALS} decimals, got ${decimals.length}`);
  }
  // the digits without leading and trailing zeros are the canonical form (as decimal.js's toFixed wrote it)
  return `${integerPart || '0'}${decimals ? `.${decimals}` : ''}`;
}

/**
 * The canonical form of a text of the pattern \d+(\.\d+)? within the limits, or undefined for any other
 * text: one scan for the digits, the point and where the zeros to leave out end, and no copy when the
 * text is canonical already ("24.3", "241221").
 */
function plainDecimal(value: string, options: ParseOptions): string | undefined {
  const length = value.length;
  let point = -1;
  // the first digit that is not a leading zero, and the end of the digits that are not trailing zeros
  let start = -1;
  let end = 0;
  for (let index = 0; index < length; index += 1) {
    const code = value.charCodeAt(index);
    if (code === POINT) {
      if (point !== -1 || index === 0 || index === length - 1) return undefined;
      point = index;
      end = index;
      continue;
    }
    if (code < ZERO || code > NINE) return undefined;
    if (point === -1) {
      if (start === -1 && code !== ZERO) start = index;
      end = index + 1;
    } else if (code !== ZERO) end = index + 1;
  }
  if (length === 0) return undefined;
  const integerDigits = start === -1 ? 0 : (point === -1 ? length : point) - start;
  const decimals = point === -1 ? 0 : Math.max(0, end - point - 1);
  if (options.limits) {
    // significant digits: the integer part's and the decimals', or the decimals' without leading zeros
    let significant = integerDigits + decimals;
    if (integerDigits === 0) {
      let firstNonZero = point + 1;
      while (firstNonZero < end && value.charCodeAt(firstNonZero) === ZERO) firstNonZero += 1;
      significant = end - firstNonZero;
    }
    if (significant > DECIMAL_MAX_SIGNIFICANT_DIGITS || decimals > DECIMAL_MAX_DECIMALS) return undefined;
  }
  const from = start === -1 ? (point === -1 ? length - 1 : point - 1) : start;
  const to = decimals > 0 ? end : point === -1 ? length : point;
  return from === 0 && to === length ? value : value.slice(from, to);
}

const NINE = 57;

/** A loop, not /0+$/: that pattern backtracks quadratically on a long run of zeros before a digit. */
function withoutTrailingZeros(digits: string): string {
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 48) end -= 1;
  return digits.slice(0, end);
}

/** Plain rendering with exactly two decimals: "5802407.00", "-115593.00". */
export function formatAmount(cents: Cents): string {
  const negative = cents < 0n;
  const magnitude = negative ? -cents : cents;
  let text: string;
  if (magnitude <= MAX_SAFE_CENTS) {
    // a safe integer divides exactly as a number: the remainder, then the whole euros
    const value = Number(magnitude);
    const fraction = value % 100;
    text = `${(value - fraction) / 100}.${fraction < 10 ? '0' : ''}${fraction}`;
  } else {
    text = `${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}`;
  }
  return negative ? `-${text}` : text;
}

const MAX_SAFE_CENTS = BigInt(Number.MAX_SAFE_INTEGER);

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
