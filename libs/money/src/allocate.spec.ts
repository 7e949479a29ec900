import fc from 'fast-check';
import { allocate, allocateByIntegerWeights } from './allocate';
import { allocateByBigintWeights, allocateByRationals } from './allocate.reference.spec-helper';
import { Rational } from './rational';

const key = (weights: Record<string, string>) =>
  Object.entries(weights).map(([code, weight]) => ({ code, weight: Rational.fromDecimal(weight) }));
const sum = (parts: Map<string, bigint>) => [...parts.values()].reduce((a, b) => a + b, 0n);

describe('allocate (largest remainder)', () => {
  it('splits the memo example: 32,947,593.00 over the bw-historical key (sums to 100.1)', () => {
    const parts = allocate(
      3294759300n,
      key({
        GM0484: '24.3',
        GM0534: '2.2',
        GM1884: '1.2',
        GM0537: '8.1',
        GM0546: '37.5',
        GM0547: '3.6',
        GM0553: '1.3',
        GM0569: '0.4',
        GM0575: '10.3',
        GM0579: '6.7',
        GM1525: '3.9',
        GM0626: '0.5',
        GM0638: '0.0',
      }),
    );
    expect(parts.get('GM0484')).toBe(800626510n);
    expect(parts.get('GM0546')).toBe(1235534737n);
    expect(parts.get('GM0638')).toBe(0n);
    expect(sum(parts)).toBe(3294759300n);
  });

  it('gives leftover cents to the largest remainders, ties by code ascending', () => {
    expect(allocate(100n, key({ B: '1', A: '1', C: '1' }))).toEqual(
      new Map([
        ['B', 33n],
        ['A', 34n],
        ['C', 33n],
      ]),
    );
    expect(allocate(2n, key({ Z: '1', Y: '1', X: '1' }))).toEqual(
      new Map([
        ['Z', 0n],
        ['Y', 1n],
        ['X', 1n],
      ]),
    );
  });

  it('mirrors negative totals', () => {
    expect(allocate(-100n, key({ A: '1', B: '1', C: '1' }))).toEqual(
      new Map([
        ['A', -34n],
        ['B', -33n],
        ['C', -33n],
      ]),
    );
  });

  it('refuses keys it cannot split by', () => {
    expect(() => allocate(100n, [])).toThrow(/empty/);
    expect(() => allocate(100n, key({ A: '0', B: '0' }))).toThrow(/more than zero/);
    expect(() =>
      allocate(100n, [
        { code: 'A', weight: Rational.of(-1n) },
        { code: 'B', weight: Rational.ONE },
      ]),
    ).toThrow(/negative/);
    expect(() =>
      allocate(100n, [
        { code: 'A', weight: Rational.ONE },
        { code: 'A', weight: Rational.ONE },
      ]),
    ).toThrow(/twice/);
  });

  const members = fc
    .uniqueArray(fc.stringMatching(/^GM\d{4}$/), { minLength: 1, maxLength: 20 })
    .chain((codes) =>
      fc.tuple(
        fc.constant(codes),
        fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1_000_000 })), {
          minLength: codes.length,
          maxLength: codes.length,
        }),
      ),
    )
    .filter(([, weights]) => weights.some((weight) => weight > 0))
    .map(([codes, weights]) =>
      codes.map((code, index) => ({ code, weight: Rational.of(BigInt(weights[index]), 1000n) })),
    );
  const totals = fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n });

  it('parts always sum exactly to the total', () => {
    fc.assert(fc.property(totals, members, (total, weights) => sum(allocate(total, weights)) === total));
  });

  it('each part is within one cent of its exact quota', () => {
    fc.assert(
      fc.property(totals, members, (total, weights) => {
        const weightSum = weights.reduce((acc, entry) => acc.add(entry.weight), Rational.ZERO);
        const parts = allocate(total, weights);
        return weights.every(({ code, weight }) => {
          const quota = Rational.of(total).mul(weight).div(weightSum);
          return Rational.of(parts.get(code)!).sub(quota).abs().compare(Rational.ONE) < 0;
        });
      }),
    );
  });

  it('does not depend on the order of the members', () => {
    fc.assert(
      fc.property(totals, members, fc.integer(), (total, weights, seed) => {
        const shuffled = [...weights].sort(
          (a, b) => ((a.code.charCodeAt(5) * seed) % 7) - ((b.code.charCodeAt(5) * seed) % 7),
        );
        expect(allocate(total, shuffled)).toEqual(new Map([...allocate(total, weights)].sort()));
        return [...allocate(total, shuffled)].every(([code, part]) => allocate(total, weights).get(code) === part);
      }),
    );
  });

  it('members with weight zero get zero', () => {
    fc.assert(
      fc.property(totals, members, (total, weights) =>
        weights.filter((entry) => entry.weight.isZero()).every(({ code }) => allocate(total, weights).get(code) === 0n),
      ),
    );
  });

  /** Any non-negative fraction: small, decimal or with a large denominator (as solidarity's claims are). */
  const anyWeight = fc.oneof(
    fc.constant(Rational.ZERO),
    fc.integer({ min: 0, max: 1000 }).map((whole) => Rational.of(BigInt(whole))),
    fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 40 }))
      .map(([digits, decimals]) => Rational.of(digits, 10n ** BigInt(decimals))),
    fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.bigInt({ min: 1n, max: 10n ** 18n }))
      .map(([numerator, denominator]) => Rational.of(numerator, denominator)),
  );
  const codes = fc.constantFrom('A', 'B', 'C', 'D', 'E', 'GM0001', 'GM0002', 'a', 'é');
  const anyKey = fc
    .oneof(
      // mostly keys that split; now and then one listing a member twice
      fc.uniqueArray(fc.tuple(codes, anyWeight), { maxLength: 9, selector: ([code]) => code }),
      fc.uniqueArray(fc.tuple(codes, anyWeight), { maxLength: 9, selector: ([code]) => code }),
      fc.array(fc.tuple(codes, anyWeight), { maxLength: 4 }),
    )
    .map((entries) => entries.map(([code, weight]) => ({ code, weight })));
  const anyTotal = fc.oneof(fc.bigInt({ min: -1000n, max: 1000n }), fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }));

  /** What a call gives: its parts in their order, or the error it throws. */
  const outcome = (split: () => Map<string, bigint>) => {
    try {
      return { parts: [...split()] };
    } catch (error) {
      return { error: `${(error as Error).name}: ${(error as Error).message}` };
    }
  };

  it('gives exactly what the split in exact fractions gave: the same parts in the same order, or the same error', () => {
    let splits = 0;
    fc.assert(
      fc.property(anyTotal, anyKey, (total, weights) => {
        const split = outcome(() => allocate(total, weights));
        expect(split).toEqual(outcome(() => allocateByRationals(total, weights)));
        splits += split.parts ? 1 : 0;
      }),
      { numRuns: 3000 },
    );
    // most cases split money: the comparison is not one of errors only
    expect(splits).toBeGreaterThan(1500);
  });
});

describe('allocateByIntegerWeights on numbers against the split on bigints', () => {
  const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
  const codes = fc.constantFrom('A', 'B', 'C', 'GM0001', 'GM0002', 'GM0003', 'a', 'é');
  /** integer weights as a key's: small ones (percent), ones like population counts, and now and then a large one */
  const weight = fc.oneof(
    fc.constant(0n),
    fc.bigInt({ min: 0n, max: 10_000n }),
    fc.bigInt({ min: 0n, max: 5_000_000n }),
    fc.bigInt({ min: 0n, max: 10n ** 12n }),
  );
  const key = fc.oneof(
    fc.uniqueArray(fc.tuple(codes, weight), { minLength: 1, maxLength: 8, selector: ([code]) => code }),
    // now and then a member listed twice, or all weights zero: the same error from both
    fc.array(fc.tuple(codes, fc.constantFrom(0n, 1n)), { minLength: 1, maxLength: 3 }),
  );
  /** totals whose T·ΣW lies below, around and above 2^53 for the weights above */
  const total = fc.oneof(
    fc.bigInt({ min: -1000n, max: 1000n }),
    fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }),
    fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }),
  );
  const outcome = (split: () => Map<string, bigint>) => {
    try {
      return { parts: [...split()] };
    } catch (error) {
      return { error: `${(error as Error).name}: ${(error as Error).message}` };
    }
  };

  it('gives the same parts in the same order, or the same error, on both sides of a safe T·ΣW', () => {
    let onNumbers = 0;
    let onBigints = 0;
    fc.assert(
      fc.property(total, key, (cents, entries) => {
        const members = entries.map(([code]) => code);
        const weights = entries.map(([, w]) => w);
        const sum = weights.reduce((a, b) => a + b, 0n);
        const split = outcome(() => allocateByIntegerWeights(cents, members, weights, sum));
        expect(split).toEqual(outcome(() => allocateByBigintWeights(cents, members, weights, sum)));
        if (split.parts) {
          if ((cents < 0n ? -cents : cents) * sum <= SAFE) onNumbers += 1;
          else onBigints += 1;
        }
      }),
      { numRuns: 4000 },
    );
    // both roads are taken often
    expect(onNumbers).toBeGreaterThan(800);
    expect(onBigints).toBeGreaterThan(400);
  });

  it('splits a total whose T·ΣW is just below or just above 2^53 alike', () => {
    const members = ['A', 'B', 'C'];
    const weights = [3n, 3n, 1n];
    const limit = SAFE / 7n;
    for (const cents of [limit - 1n, limit, limit + 1n, -limit, -(limit + 1n)])
      expect([...allocateByIntegerWeights(cents, members, weights, 7n)]).toEqual([
        ...allocateByBigintWeights(cents, members, weights, 7n),
      ]);
  });
});
