import { Cents, ParseOptions, parseAmount, parseAmountText } from './amount';

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
