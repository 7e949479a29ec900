import Decimal from 'decimal.js';
import {
  Cents,
  DECIMAL_MAX_DECIMALS,
  DECIMAL_MAX_SIGNIFICANT_DIGITS,
  MoneyFormatError,
  ParseOptions,
  parseAmount,
  parseAmountText,
} from './amount';

/*
 * parseAmount and formatAmount as they were before they worked on safe integers: a pattern and a
 * bigint parsed from the text (the general path, which did not change, is shared), bigint division.
 * Kept as the reference they are compared with.
 */
const PLAIN_AMOUNT = /^-?\d{1,12}\.\d{2}$/;

export function parseAmountByPattern(value: unknown, options: ParseOptions = {}): Cents {
  // the form every stored amount has ("5802407.00", within the limits): the result the general path gives
  if (typeof value === 'string' && PLAIN_AMOUNT.test(value)) return BigInt(value.replace('.', ''));
  // anything else takes the general path, which is the same then as now
  return typeof value === 'string' ? parseAmountText(value, options) : parseAmount(value, options);
}

export function formatAmountByBigint(cents: Cents): string {
  const negative = cents < 0n;
  const magnitude = negative ? -cents : cents;
  const text = `${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/*
 * parseNonNegativeDecimal as it was before its scan for the plain form: patterns, a split, and the
 * canonical form written by decimal.js.
 */
const NON_NEGATIVE_DECIMAL = /^\d+(?:\.\d+)?$/;

export function parseNonNegativeDecimalByDecimalJs(value: unknown, options: ParseOptions = {}): string {
  if (typeof value !== 'string') {
    throw new MoneyFormatError(`must be a non-negative decimal string such as "24.3", got ${describe(value)}`);
  }
  if (value.trim() === '') throw new MoneyFormatError('must not be empty');
  if (value.startsWith('-') && NON_NEGATIVE_DECIMAL.test(value.slice(1))) {
    throw new MoneyFormatError(`must not be negative, got ${describe(value)}`);
  }
  if (!NON_NEGATIVE_DECIMAL.test(value)) {
    throw new MoneyFormatError(`must be a non-negative decimal string such as "24.3", got ${describe(value)}`);
  }
  const [whole, fraction = ''] = value.split('.');
  const integerPart = whole.replace(/^0+/, '');
  const decimals = fraction.replace(/0+$/, '');
  const significant = integerPart !== '' ? integerPart.length + decimals.length : decimals.replace(/^0+/, '').length;
  if (options.limits && significant > DECIMAL_MAX_SIGNIFICANT_DIGITS) {
    throw new MoneyFormatError(
      `must have at most ${DECIMAL_MAX_SIGNIFICANT_DIGITS} significant digits, got ${significant}`,
    );
  }
  if (options.limits && decimals.length > DECIMAL_MAX_DECIMALS) {
    throw new MoneyFormatError(`must have at most ${DECIMAL_MAX_DECIMALS} decimals, got ${decimals.length}`);
  }
  return new Decimal(`${integerPart || '0'}${decimals ? `.${decimals}` : ''}`).toFixed();
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (typeof value === 'number') return `${value} (a JSON number)`;
  if (value === null) return 'null';
  return typeof value;
}
