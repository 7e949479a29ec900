/**
 * An exact fraction of two bigints. Money rules divide (quotas, ratios, solidarity shares); doing that
 * in floating point or in fixed-precision decimals can put an exact cent on the wrong side of a floor,
 * so every intermediate value stays exact and is rounded exactly once, at the end.
 */
export class Rational {
  private constructor(
    readonly numerator: bigint,
    readonly denominator: bigint,
  ) {}

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);
  static readonly HUNDRED = new Rational(100n, 1n);

  static of(numerator: bigint, denominator = 1n): Rational {
    if (denominator === 0n) throw new RangeError('Rational with a zero denominator');
    if (denominator < 0n) {
      numerator = -numerator;
      denominator = -denominator;
    }
    // a whole number is already in lowest terms
    if (denominator === 1n) return new Rational(numerator, 1n);
    const divisor = gcd(abs(numerator), denominator);
    return divisor > 1n
      ? new Rational(numerator / divisor, denominator / divisor)
      : new Rational(numerator, denominator);
  }

  /**
   * A canonical decimal string (as produced by the parsers) to its exact value. The rules read the same
   * few percentages and weights for every run and closing: each text is read once (a Rational never
   * changes, so one value serves every reader; the table is bounded and starts over when full).
   */
  static fromDecimal(text: string): Rational {
    let value = decimals.get(text);
    if (value === undefined) {
      const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
      if (!match) throw new RangeError(`not a decimal: ${text}`);
      const [, sign, whole, fraction = ''] = match;
      value = Rational.of(BigInt(whole + fraction) * (sign === '-' ? -1n : 1n), 10n ** BigInt(fraction.length));
      if (decimals.size >= MAX_DECIMALS) decimals.clear();
      decimals.set(text, value);
    }
    return value;
  }

  static fromCents(cents: bigint): Rational {
    return Rational.of(cents, 100n);
  }

  add(other: Rational): Rational {
    // on one denominator (cents, whole numbers) the sum is reduced from (a + b)/d, not from (a·d + b·d)/d²:
    // the same value, so the same lowest terms, from smaller numbers
    if (this.denominator === other.denominator) return Rational.of(this.numerator + other.numerator, this.denominator);
    return Rational.of(
      this.numerator * other.denominator + other.numerator * this.denominator,
      this.denominator * other.denominator,
    );
  }

  sub(other: Rational): Rational {
    return this.add(other.neg());
  }

  mul(other: Rational): Rational {
    return Rational.of(this.numerator * other.numerator, this.denominator * other.denominator);
  }

  div(other: Rational): Rational {
    if (other.numerator === 0n) throw new RangeError('division by zero');
    return Rational.of(this.numerator * other.denominator, this.denominator * other.numerator);
  }

  neg(): Rational {
    return new Rational(-this.numerator, this.denominator);
  }

  abs(): Rational {
    return this.numerator < 0n ? this.neg() : this;
  }

  compare(other: Rational): number {
    const left = this.numerator * other.denominator;
    const right = other.numerator * this.denominator;
    return left < right ? -1 : left > right ? 1 : 0;
  }

  isZero(): boolean {
    return this.numerator === 0n;
  }

  isNegative(): boolean {
    return this.numerator < 0n;
  }

  isPositive(): boolean {
    return this.numerator > 0n;
  }

  min(other: Rational): Rational {
    return this.compare(other) <= 0 ? this : other;
  }

  max(other: Rational): Rational {
    return this.compare(other) >= 0 ? this : other;
  }

  /** Largest integer not above the value. */
  floor(): bigint {
    return floorDiv(this.numerator, this.denominator);
  }

  /** Nearest integer, halves away from zero (decimal.js ROUND_HALF_UP). */
  roundHalfAwayFromZero(): bigint {
    return roundHalfAwayFromZero(this.numerator, this.denominator);
  }

  /** The value in euros as cents, rounded half away from zero (domain.md §2). */
  toCentsRounded(): bigint {
    return roundHalfAwayFromZero(this.numerator * 100n, this.denominator);
  }

  /** The value in euros as cents, rounded down (towards minus infinity). */
  toCentsFloor(): bigint {
    return floorDiv(this.numerator * 100n, this.denominator);
  }

  /** A short decimal rendering for explanations; exact when the value has a finite decimal form. */
  toDecimalString(maxDecimals = 10): string {
    return fractionAsDecimal(this.numerator, this.denominator, maxDecimals);
  }

  toString(): string {
    return this.denominator === 1n ? `${this.numerator}` : `${this.numerator}/${this.denominator}`;
  }
}

/** Decimal texts read by Rational.fromDecimal, with their values. */
const decimals = new Map<string, Rational>();
const MAX_DECIMALS = 4096;

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

/** The greatest common divisor of two integers (Euclid). */
export function gcd(a: bigint, b: bigint): bigint {
  // both safe integers (cents, key weights and their denominators mostly are): the same steps on numbers,
  // which are exact below 2^53 and take the remainder as bigints do (with the dividend's sign), without
  // a bigint allocated per step
  if (a <= MAX_SAFE && a >= MIN_SAFE && b <= MAX_SAFE && b >= MIN_SAFE) return BigInt(safeGcd(Number(a), Number(b)));
  while (b !== 0n) {
    const remainder = a % b;
    a = b;
    b = remainder;
  }
  return a;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = -MAX_SAFE;

function safeGcd(a: number, b: number): number {
  while (b !== 0) {
    const remainder = a % b;
    a = b;
    b = remainder;
  }
  return a;
}

// Rounding needs no fraction in lowest terms: n/d and its reduced form floor and round alike, so the
// roundings below skip the gcd that building a Rational would cost (they run for every share of every split).

/** ⌊n/d⌋ for d > 0. */
function floorDiv(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  return numerator < 0n && quotient * denominator !== numerator ? quotient - 1n : quotient;
}

/** n/d to the nearest integer, halves away from zero, for d > 0. */
function roundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  const magnitude = abs(numerator);
  const rounded = (magnitude * 2n + denominator) / (denominator * 2n);
  return numerator < 0n ? -rounded : rounded;
}

/**
 * n/d (d > 0, in lowest terms or not) as a decimal rounded half away from zero to at most
 * `maxDecimals` decimals, trailing zeros left out: Rational.toDecimalString, for a fraction that is
 * not built as a Rational.
 */
export function fractionAsDecimal(numerator: bigint, denominator: bigint, maxDecimals: number): string {
  const negative = numerator < 0n;
  const magnitude = abs(numerator);
  if (maxDecimals < SMALL_DENOMINATORS.length && denominator <= SMALL_DENOMINATORS[maxDecimals])
    return withSmallDenominator(negative, magnitude, denominator, maxDecimals);
  const scale = powerOfTen(maxDecimals);
  const scaled = roundHalfAwayFromZero(magnitude * scale, denominator);
  const whole = scaled / scale;
  const digits = scaled % scale;
  // the decimals without their trailing zeros, cut by a loop rather than a pattern (every line of a split's trail)
  const fraction = digits === 0n ? '' : withoutTrailingZeros(digits.toString().padStart(maxDecimals, '0'));
  const text = fraction.length > 0 ? `${whole}.${fraction}` : `${whole}`;
  return negative && scaled !== 0n ? `-${text}` : text;
}

/**
 * fractionAsDecimal when the decimals can be worked out on numbers: the whole part is one bigint
 * division, and the remainder r < d gives the decimals as ⌊(2·r·10^k + d) / 2d⌋, exact in a double
 * while d·(2·10^k + 1) stays below 2^53 (SMALL_DENOMINATORS). Rounding the decimals alone rounds the
 * whole value alike (the whole part is an integer), a carry included. Every line of a split's trail
 * and of a solidarity computation is written through here, with d = 100 × a key's weight sum or the
 * like.
 */
function withSmallDenominator(negative: boolean, magnitude: bigint, denominator: bigint, maxDecimals: number): string {
  let whole = magnitude / denominator;
  const remainder = Number(magnitude - whole * denominator);
  const divisor = Number(denominator);
  const scale = 10 ** maxDecimals;
  const doubled = 2 * remainder * scale + divisor;
  let digits = (doubled - (doubled % (2 * divisor))) / (2 * divisor);
  if (digits === scale) {
    whole += 1n;
    digits = 0;
  }
  const fraction = digits === 0 ? '' : withoutTrailingZeros(String(digits).padStart(maxDecimals, '0'));
  const text = fraction.length > 0 ? `${whole}.${fraction}` : `${whole}`;
  return negative && (whole !== 0n || digits !== 0) ? `-${text}` : text;
}

/** For k decimals, the largest denominator d with d·(2·10^k + 1) ≤ 2^53 − 1 (see withSmallDenominator). */
const SMALL_DENOMINATORS: readonly bigint[] = Array.from({ length: 11 }, (_, decimals) =>
  // one less than the quotient: a margin for the division's rounding
  BigInt(Math.floor(Number.MAX_SAFE_INTEGER / (2 * 10 ** decimals + 1)) - 1),
);

export function sumRationals(values: Iterable<Rational>): Rational {
  let total = Rational.ZERO;
  for (const value of values) total = total.add(value);
  return total;
}

/** 10^n, the common scales made once. */
const POWERS_OF_TEN = Array.from({ length: 21 }, (_, exponent) => 10n ** BigInt(exponent));
function powerOfTen(exponent: number): bigint {
  return POWERS_OF_TEN[exponent] ?? 10n ** BigInt(exponent);
}

function withoutTrailingZeros(digits: string): string {
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 48) end -= 1;
  return digits.slice(0, end);
}
