import { SolidarityAgreement } from '../state/region-state';
import fc from 'fast-check';
import { Rational } from '@libs/money';
import { centsAsEuros, computeSolidarity, SolidarityMemberInput } from './solidarity';

const mln = (value: number) => BigInt(value) * 1_000_000_00n;
const eur = (value: number) => BigInt(value) * 100n;

const agreement = (extra: Partial<SolidarityAgreement> = {}): SolidarityAgreement => ({
  regionId: 'r',
  version: 1,
  validFrom: 2025,
  baseline: 'income',
  executionCosts: 'actual',
  surchargePct: undefined,
  cap: false,
  weights: undefined,
  policyCorrections: false,
  ownAccountPct: '0',
  ownAccountPctByYear: undefined,
  ...extra,
});

const member = (
  code: string,
  income: bigint,
  careCosts: bigint,
  executionCosts = 0n,
  policyCorrections = 0n,
): SolidarityMemberInput => ({
  code,
  income,
  careCosts,
  executionCosts,
  policyCorrections,
});

const transfers = (outcome: ReturnType<typeof computeSolidarity>) =>
  Object.fromEntries(outcome.members.map((m) => [m.code, m.transfer]));

/** AEF slide 37: G1 income 100, spending 120; G2 income 20, spending 10 (mln). */
const aef = [member('GM9901', mln(100), mln(120)), member('GM9902', mln(20), mln(10))];

describe('solidarity (domain.md §6.5)', () => {
  it('income baseline without cap: the payer covers the whole deficit', () => {
    const outcome = computeSolidarity(agreement(), 2025, aef);
    expect(transfers(outcome)).toEqual({ GM9901: mln(20), GM9902: -mln(20) });
    expect(outcome.volume).toBe(mln(20));
  });

  it('income baseline with cap: a surplus never turns into a deficit', () => {
    const outcome = computeSolidarity(agreement({ cap: true }), 2025, aef);
    expect(transfers(outcome)).toEqual({ GM9901: mln(10), GM9902: -mln(10) });
  });

  it('regional-average baseline: deviations from the regional result, payments rounded down', () => {
    const outcome = computeSolidarity(agreement({ baseline: 'regional-average' }), 2025, aef);
    expect(transfers(outcome)).toEqual({ GM9901: 11_666_666_66n, GM9902: -11_666_666_66n });
    expect(outcome.members[1].deviation.toDecimalString(4)).toBe('1166666666.6667');
  });

  it('own-account share: only the pooled part is shared, with a per-year override', () => {
    expect(
      transfers(computeSolidarity(agreement({ baseline: 'regional-average', ownAccountPct: '25' }), 2025, aef)),
    ).toEqual({
      GM9901: 8_750_000_00n,
      GM9902: -8_750_000_00n,
    });
    const byYear = agreement({
      baseline: 'regional-average',
      ownAccountPct: '25',
      ownAccountPctByYear: { '2026': '100' },
    });
    expect(computeSolidarity(byYear, 2026, aef).volume).toBe(0n);
    expect(computeSolidarity(byYear, 2025, aef).volume).toBe(8_750_000_00n);
  });

  it('execution costs as a surcharge on care costs replace the actual execution costs', () => {
    const members = [member('GM0001', eur(100), eur(100), eur(50)), member('GM0002', eur(100), eur(50), eur(40))];
    // actual: E = 150 | 90 → R = −50 | 10; surcharge 10%: E = 110 | 55 → R = −10 | 45
    expect(transfers(computeSolidarity(agreement(), 2025, members))).toEqual({ GM0001: eur(50), GM0002: -eur(50) });
    expect(
      transfers(computeSolidarity(agreement({ executionCosts: 'surcharge', surchargePct: '10' }), 2025, members)),
    ).toEqual({ GM0001: eur(10), GM0002: -eur(10) });
  });

  it('policy corrections lower the spending that is shared, only when enabled', () => {
    const members = [member('GM0001', eur(100), eur(130), 0n, eur(20)), member('GM0002', eur(100), eur(50))];
    expect(computeSolidarity(agreement(), 2025, members).volume).toBe(eur(30));
    expect(computeSolidarity(agreement({ policyCorrections: true }), 2025, members).volume).toBe(eur(10));
  });

  it('weights the payers; a member left out weighs 1', () => {
    const members = [
      member('GM0001', eur(0), eur(8)),
      member('GM0002', eur(10), eur(0)),
      member('GM0003', eur(10), eur(0)),
    ];
    const outcome = computeSolidarity(agreement({ weights: { GM0002: '3' } }), 2025, members);
    expect(transfers(outcome)).toEqual({ GM0001: eur(8), GM0002: -eur(6), GM0003: -eur(2) });
  });

  it('with cap, water-fills: a clipped payer pays its cap, the rest is shared again', () => {
    const members = [
      member('GM0001', eur(0), eur(16)),
      member('GM0002', eur(10), eur(0)),
      member('GM0003', eur(10), eur(0)),
    ];
    const weights = { GM0002: '3' };
    // without cap Beta would pay 16 × 30/40 = 12, more than its surplus of 10
    expect(transfers(computeSolidarity(agreement({ weights }), 2025, members))).toEqual({
      GM0001: eur(16),
      GM0002: -eur(12),
      GM0003: -eur(4),
    });
    const capped = computeSolidarity(agreement({ weights, cap: true }), 2025, members);
    expect(transfers(capped)).toEqual({ GM0001: eur(16), GM0002: -eur(10), GM0003: -eur(6) });
    expect(capped.members[1].cap?.toString()).toBe('1000');
  });

  it('with cap, the volume is limited to what the payers can pay', () => {
    const members = [
      member('GM0001', eur(0), eur(50)),
      member('GM0002', eur(10), eur(0)),
      member('GM0003', eur(5), eur(0)),
    ];
    expect(transfers(computeSolidarity(agreement({ cap: true }), 2025, members))).toEqual({
      GM0001: eur(15),
      GM0002: -eur(10),
      GM0003: -eur(5),
    });
  });

  it('with cap and a regional-average baseline, a member in deficit never pays', () => {
    // R = −10 | −40 | 5; ΣR/ΣI = −45/300; Alpha's deviation −10 + 15 = +5 makes it a payer without a surplus
    const members = [
      member('GM0001', eur(100), eur(110)),
      member('GM0002', eur(100), eur(140)),
      member('GM0003', eur(100), eur(95)),
    ];
    const open = computeSolidarity(agreement({ baseline: 'regional-average' }), 2025, members);
    expect(open.members[0].transfer).toBeLessThan(0n);
    const capped = computeSolidarity(agreement({ baseline: 'regional-average', cap: true }), 2025, members);
    expect(capped.members[0].transfer).toBe(0n);
    expect(transfers(capped)).toEqual({ GM0001: 0n, GM0002: eur(5), GM0003: -eur(5) });
  });

  it('rounds every payment down and lets the receivers share exactly what was paid', () => {
    const members = [
      member('GM0001', 0n, 10_000n),
      member('GM0002', 0n, 5n),
      member('GM0003', 10_000n, 0n),
      member('GM0004', 10_000n, 0n),
      member('GM0005', 10_000n, 0n),
    ];
    const outcome = computeSolidarity(agreement(), 2025, members);
    // three payers share 100.05 equally: 33.35 each exactly; receivers get 100.00 and 0.05
    expect(transfers(outcome)).toEqual({ GM0001: 10_000n, GM0002: 5n, GM0003: -3335n, GM0004: -3335n, GM0005: -3335n });
    const thirds = computeSolidarity(agreement(), 2025, [member('GM0001', 0n, 100n), ...members.slice(2)]);
    // 1.00 over three payers: 0.333… each, rounded down to 0.33; the receiver gets the 0.99 actually paid
    expect(transfers(thirds)).toEqual({ GM0001: 99n, GM0003: -33n, GM0004: -33n, GM0005: -33n });
    expect(thirds.volume).toBe(99n);
  });

  it('shares between receivers by largest remainder, ties by code', () => {
    const members = [
      member('GM0003', 0n, 100n),
      member('GM0001', 0n, 100n),
      member('GM0002', 0n, 100n),
      member('GM0009', 100n, 0n),
    ];
    expect(transfers(computeSolidarity(agreement({ cap: true }), 2025, members))).toEqual({
      GM0001: 34n,
      GM0002: 33n,
      GM0003: 33n,
      GM0009: -100n,
    });
  });

  it('moves nothing without payers or without receivers', () => {
    expect(computeSolidarity(agreement(), 2025, [member('GM0001', 0n, 10n), member('GM0002', 0n, 5n)]).volume).toBe(0n);
    expect(computeSolidarity(agreement(), 2025, [member('GM0001', 10n, 0n), member('GM0002', 5n, 0n)]).volume).toBe(0n);
  });

  it('falls back to the income baseline when the region has no income at all', () => {
    const members = [member('GM0001', 0n, 100n), member('GM0002', 0n, -100n)];
    expect(transfers(computeSolidarity(agreement({ baseline: 'regional-average' }), 2025, members))).toEqual({
      GM0001: 100n,
      GM0002: -100n,
    });
  });
});

describe('centsAsEuros', () => {
  it('writes what the reduced fraction in euros wrote (the former rendering), on random fractions of a cent', () => {
    const integer = fc.oneof(
      fc.bigInt({ min: -(10n ** 6n), max: 10n ** 6n }),
      fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }),
    );
    const denominator = fc.oneof(fc.bigInt({ min: 1n, max: 10n ** 4n }), fc.bigInt({ min: 1n, max: 10n ** 20n }));
    fc.assert(
      fc.property(integer, denominator, (numerator, d) => {
        const value = Rational.of(numerator, d);
        expect(centsAsEuros(value)).toBe(Rational.of(value.numerator, value.denominator * 100n).toDecimalString(6));
      }),
      { numRuns: 3000 },
    );
  });
});
