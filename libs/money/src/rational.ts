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
    const divisor = gcd(abs(numerator), denominator);
    return divisor > 1n
      ? new Rational(numerator / divisor, denominator / divisor)
      : new Rational(numerator, denominator);
  }

  /** A canonical decimal string (as produced by the parsers) to its exact value. */
  static fromDecimal(text: string): Rational {
    const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
    if (!match) throw new RangeError(`not a decimal: ${text}`);
    const [, sign, whole, fraction = ''] = match;
    const value = BigInt(whole + fraction) * (sign === '-' ? -1n : 1n);
    return Rational.of(value, 10n ** BigInt(fraction.length));
  }

  static fromCents(cents: bigint): Rational {
    return Rational.of(cents, 100n);
  }

  add(other: Rational): Rational {
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
    const quotient = this.numerator / this.denominator;
    return this.numerator < 0n && quotient * this.denominator !== this.numerator ? quotient - 1n : quotient;
  }

  /** Nearest integer, halves away from zero (decimal.js ROUND_HALF_UP). */
  roundHalfAwayFromZero(): bigint {
    const magnitude = this.abs();
    const rounded = Rational.of(magnitude.numerator * 2n + magnitude.denominator, magnitude.denominator * 2n).floor();
    return this.numerator < 0n ? -rounded : rounded;
  }

  /** The value in euros as cents, rounded half away from zero (domain.md §2). */
  toCentsRounded(): bigint {
    return this.mul(Rational.HUNDRED).roundHalfAwayFromZero();
  }

  /** The value in euros as cents, rounded down (towards minus infinity). */
  toCentsFloor(): bigint {
    return this.mul(Rational.HUNDRED).floor();
  }

  /** A short decimal rendering for explanations; exact when the value has a finite decimal form. */
  toDecimalString(maxDecimals = 10): string {
    const negative = this.numerator < 0n;
    const magnitude = this.abs();
    const scale = 10n ** BigInt(maxDecimals);
    const scaled = Rational.of(magnitude.numerator * scale, magnitude.denominator).roundHalfAwayFromZero();
    const whole = scaled / scale;
    const fraction = (scaled % scale).toString().padStart(maxDecimals, '0').replace(/0+$/, '');
    const text = fraction.length > 0 ? `${whole}.${fraction}` : `${whole}`;
    return negative && scaled !== 0n ? `-${text}` : text;
  }

  toString(): string {
    return this.denominator === 1n ? `${this.numerator}` : `${this.numerator}/${this.denominator}`;
  }
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function sumRationals(values: Iterable<Rational>): Rational {
  let total = Rational.ZERO;
  for (const value of values) total = total.add(value);
  return total;
}
