import { Cents, parseAmount } from './amount';

/*
 * parseAmount's and formatAmount's plain forms as they were before they worked on safe integers: a
 * pattern and a bigint parsed from the text, bigint division. Kept as the reference they are compared with.
 */
const PLAIN_AMOUNT = /^-?\d{1,12}\.\d{2}$/;

export function parseAmountByPattern(value: unknown, options: { limits?: boolean } = {}): Cents {
  if (typeof value === 'string' && PLAIN_AMOUNT.test(value)) return BigInt(value.replace('.', ''));
  // any other text takes the general road, which is unchanged
  return parseAmount(value, options);
}

export function formatAmountByBigint(cents: Cents): string {
  const negative = cents < 0n;
  const magnitude = negative ? -cents : cents;
  const text = `${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}
