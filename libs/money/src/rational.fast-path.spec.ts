import fc from 'fast-check';
import { fractionAsDecimal, gcd, Rational } from './rational';
import {
  decimalAsFraction,
  fractionAsDecimalByPattern,
  gcdOnBigints,
  lowestTerms,
  sumByCrossProducts,
} from './rational.reference.spec-helper';

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Integers around the safe range's edges as well as small ones and huge ones. */
const integer = fc.oneof(
  fc.bigInt({ min: -1000n, max: 1000n }),
  fc.bigInt({ min: -SAFE, max: SAFE }),
  fc.bigInt({ min: SAFE - 5n, max: SAFE + 5n }),
  fc.bigInt({ min: -SAFE - 5n, max: -SAFE + 5n }),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
);
const denominator = fc.oneof(
  fc.constantFrom(1n, 2n, 3n, 100n, 10_000n, 1_000_000n),
  fc.bigInt({ min: 1n, max: SAFE }),
  fc.bigInt({ min: 1n, max: 10n ** 30n }),
);

describe('Rational fast paths against the former arithmetic', () => {
  it('gcd on numbers gives the bigint Euclid result, signs and zeros included', () => {
    fc.assert(
      fc.property(integer, integer, (a, b) => {
        expect(gcd(a, b)).toBe(gcdOnBigints(a, b));
      }),
      { numRuns: 5000 },
    );
    for (const [a, b] of [
      [0n, 0n],
      [0n, 7n],
      [-6n, 3n],
      [6n, -3n],
      [-SAFE, SAFE],
      [SAFE + 1n, 2n],
    ])
      expect(gcd(a, b)).toBe(gcdOnBigints(a, b));
  });

  it('a sum on one denominator has the terms the sum over the product of the denominators has', () => {
    fc.assert(
      fc.property(integer, integer, denominator, denominator, fc.boolean(), (a, b, d, e, same) => {
        const left = Rational.of(a, d);
        const right = Rational.of(b, same ? d : e);
        const sum = left.add(right);
        const reference = sumByCrossProducts([left.numerator, left.denominator], [right.numerator, right.denominator]);
        expect([sum.numerator, sum.denominator]).toEqual(reference);
        expect([sum.numerator, sum.denominator]).toEqual(lowestTerms(sum.numerator, sum.denominator));
      }),
      { numRuns: 5000 },
    );
  });

  it('fractionAsDecimal writes what the pattern-trimmed rendering wrote', () => {
    fc.assert(
      fc.property(integer, denominator, fc.integer({ min: 0, max: 25 }), (n, d, decimals) => {
        expect(fractionAsDecimal(n, d, decimals)).toBe(fractionAsDecimalByPattern(n, d, decimals));
      }),
      { numRuns: 5000 },
    );
    // denominators on both sides of the largest one whose decimals are worked out on numbers, for each count
    // of decimals that has such a limit (a key's weight sum × 100 is one of these)
    const limit = (decimals: number) => BigInt(Math.floor(Number.MAX_SAFE_INTEGER / (2 * 10 ** decimals + 1)));
    const nearLimit = fc
      .integer({ min: 0, max: 10 })
      .chain((decimals) =>
        fc.tuple(
          fc.constant(decimals),
          fc.oneof(
            fc.bigInt({ min: 1n, max: limit(decimals) }),
            fc.bigInt({ min: limit(decimals) - 3n, max: limit(decimals) + 3n }),
          ),
        ),
      );
    fc.assert(
      fc.property(integer, nearLimit, (n, [decimals, d]) => {
        expect(fractionAsDecimal(n, d, decimals)).toBe(fractionAsDecimalByPattern(n, d, decimals));
        // a remainder just below the denominator: the decimals round up into the whole part
        expect(fractionAsDecimal(n * d + d - 1n, d, decimals)).toBe(
          fractionAsDecimalByPattern(n * d + d - 1n, d, decimals),
        );
        expect(fractionAsDecimal(n * d - d + 1n, d, decimals)).toBe(
          fractionAsDecimalByPattern(n * d - d + 1n, d, decimals),
        );
      }),
      { numRuns: 5000 },
    );
    expect(fractionAsDecimal(1999999n, 2000000n, 6)).toBe('1');
    expect(fractionAsDecimal(-1999999n, 2000000n, 6)).toBe('-1');
    expect(fractionAsDecimal(-1n, 3000000n, 6)).toBe('0');
    expect(fractionAsDecimal(1n, 8n, 2)).toBe('0.13');
    expect(fractionAsDecimal(-1n, 1000n, 2)).toBe('0');
    expect(fractionAsDecimal(3n, 10n, 6)).toBe('0.3');
  });

  it('fromDecimal gives the value it read before it kept texts, the first time and every time after', () => {
    const text = fc.oneof(
      fc.stringMatching(/^-?\d{1,25}(\.\d{1,25})?$/),
      fc.constantFrom('0', '-0', '100', '24.30', '0.0001', '12.5', '1.', '.5', '', 'x', '1e3', ' 1'),
    );
    const outcome = (read: () => [bigint, bigint]) => {
      try {
        return read();
      } catch (error) {
        return (error as Error).message;
      }
    };
    fc.assert(
      fc.property(fc.array(text, { maxLength: 10 }), (texts) => {
        for (const each of [...texts, ...texts]) {
          const value = outcome(() => {
            const read = Rational.fromDecimal(each);
            return [read.numerator, read.denominator];
          });
          expect(value).toEqual(outcome(() => decimalAsFraction(each)));
        }
      }),
      { numRuns: 2000 },
    );
  });
});
