/*
 * Rational's arithmetic as it was before its fast paths: Euclid on bigints, every sum over the product of
 * the denominators, the power of ten computed and the trailing zeros cut by a pattern. Kept as the
 * reference the fast paths are compared with.
 */

export function gcdOnBigints(a: bigint, b: bigint): bigint {
  while (b !== 0n) {
    const remainder = a % b;
    a = b;
    b = remainder;
  }
  return a;
}

/** n/d in lowest terms with a positive denominator, as Rational.of reduces it. */
export function lowestTerms(numerator: bigint, denominator: bigint): [bigint, bigint] {
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  if (denominator === 1n) return [numerator, 1n];
  const divisor = gcdOnBigints(numerator < 0n ? -numerator : numerator, denominator);
  return divisor > 1n ? [numerator / divisor, denominator / divisor] : [numerator, denominator];
}

/** The sum of two fractions over the product of their denominators, reduced. */
export function sumByCrossProducts(a: [bigint, bigint], b: [bigint, bigint]): [bigint, bigint] {
  return lowestTerms(a[0] * b[1] + b[0] * a[1], a[1] * b[1]);
}

export function fractionAsDecimalByPattern(numerator: bigint, denominator: bigint, maxDecimals: number): string {
  const negative = numerator < 0n;
  const scale = 10n ** BigInt(maxDecimals);
  const magnitude = (negative ? -numerator : numerator) * scale;
  const scaled = (magnitude * 2n + denominator) / (denominator * 2n);
  const whole = scaled / scale;
  const fraction = (scaled % scale).toString().padStart(maxDecimals, '0').replace(/0+$/, '');
  const text = fraction.length > 0 ? `${whole}.${fraction}` : `${whole}`;
  return negative && scaled !== 0n ? `-${text}` : text;
}

/** Rational.fromDecimal as it was before it kept the texts it read: the numerator and denominator it gives. */
export function decimalAsFraction(text: string): [bigint, bigint] {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new RangeError(`not a decimal: ${text}`);
  const [, sign, whole, fraction = ''] = match;
  return lowestTerms(BigInt(whole + fraction) * (sign === '-' ? -1n : 1n), 10n ** BigInt(fraction.length));
}
