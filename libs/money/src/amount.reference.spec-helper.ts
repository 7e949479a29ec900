import { AMOUNT_MAX_INTEGER_DIGITS, Cents, MoneyFormatError, ParseOptions } from './amount';

/*
 * parseAmount and formatAmount as they were before they worked on safe integers: a pattern and a
 * bigint parsed from the text, bigint division. Kept as the reference they are compared with.
 */
const AMOUNT_PATTERN = /^-?\d+(?:\.\d{1,2})?$/;
const PLAIN_AMOUNT = /^-?\d{1,12}\.\d{2}$/;

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (typeof value === 'number') return `${value} (a JSON number)`;
  if (value === null) return 'null';
  return typeof value;
}

export function parseAmountByPattern(value: unknown, options: ParseOptions = {}): Cents {
  // the form every stored amount has ("5802407.00", within the limits): the result the general path gives
  if (typeof value === 'string' && PLAIN_AMOUNT.test(value)) return BigInt(value.replace('.', ''));
  if (typeof value !== 'string') {
    throw new MoneyFormatError(`must be a decimal string such as "1234.56", got ${describe(value)}`);
  }
  if (value.trim() === '') throw new MoneyFormatError('must not be empty');
  const integerDigits = value.replace(/^-?0*/, '').replace(/\D.*$/s, '').length;
  if (options.limits && integerDigits > AMOUNT_MAX_INTEGER_DIGITS) {
    throw new MoneyFormatError(
      `must have at most ${AMOUNT_MAX_INTEGER_DIGITS} digits before the decimal point (less than € 1.000.000.000.000), got ${integerDigits} digits`,
    );
  }
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

export function formatAmountByBigint(cents: Cents): string {
  const negative = cents < 0n;
  const magnitude = negative ? -cents : cents;
  const text = `${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}
