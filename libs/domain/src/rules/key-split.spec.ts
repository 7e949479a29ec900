import { allocate, Cents, Rational, sumCents } from '@libs/money';
import fc from 'fast-check';
import { RegionState } from '../state/region-state';
import { keyReference, splitByKey, splitChanges, weightSum } from './key-split';
import { keyReferenceBySum } from './key-split.reference.spec-helper';

/**
 * The trail lines of a split as they were computed before the split worked on integer weights: every
 * quota an exact fraction (T/100 · w / Σw euros), its cents rounded towards zero. Kept as the reference.
 */
function linesByRationals(weights: Record<string, string>, members: readonly string[], total: Cents) {
  const parsed = members.map((code) => ({ code, weight: Rational.fromDecimal(weights[code] ?? '0') }));
  const sum = parsed.reduce((acc, entry) => acc.add(entry.weight), Rational.ZERO);
  const targets = total === 0n ? new Map(members.map((code) => [code, 0n])) : allocate(total, parsed);
  return parsed.map(({ code, weight }) => {
    const quota = total === 0n ? Rational.ZERO : Rational.fromCents(total).mul(weight).div(sum);
    const floorCents = quota.isNegative() ? -quota.neg().toCentsFloor() : quota.toCentsFloor();
    const target = targets.get(code) ?? 0n;
    return { code, quota: quota.toDecimalString(6), target, remainderCent: target - floorCents };
  });
}

function regionWithKey(members: readonly string[], weights: Record<string, string>): RegionState {
  const state = new RegionState();
  state.region = {
    regionId: 'r',
    name: 'R',
    centralMunicipality: members[0],
    municipalities: members.map((code) => ({ code, name: code })),
  };
  state.keys.set('k', [
    { regionId: 'r', keyId: 'k', version: 1, validFrom: 2020, unit: 'weight', basis: 'b', weights },
  ]);
  return state;
}

describe('splitByKey', () => {
  const decimal = fc.oneof(
    fc.constant('0'),
    fc.integer({ min: 0, max: 1000 }).map(String),
    fc
      .tuple(fc.integer({ min: 0, max: 100 }), fc.stringMatching(/^\d{1,8}$/))
      .map(([whole, fraction]) => `${whole}.${fraction}`),
  );
  const split = fc.uniqueArray(fc.stringMatching(/^GM\d{4}$/), { minLength: 1, maxLength: 12 }).chain((members) =>
    fc.tuple(
      fc.constant(members),
      // a key may leave a member out (weight 0) and name a code that is not a member
      fc.dictionary(fc.oneof(fc.constantFrom(...members), fc.constant('GM9999')), decimal),
      fc.oneof(fc.bigInt({ min: -1000n, max: 1000n }), fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n })),
    ),
  );

  it('writes the trail the split in exact fractions wrote: quotas, targets and remainder cents', () => {
    let splits = 0;
    fc.assert(
      fc.property(split, ([members, weights, total]) => {
        const sorted = [...members].sort();
        let expected;
        try {
          expected = { lines: linesByRationals(weights, sorted, total) };
        } catch (error) {
          expected = { error: (error as Error).message };
        }
        let actual;
        try {
          const result = splitByKey(regionWithKey(members, weights), 'k', 2024, total);
          expect(sumCents(result.targets.values())).toBe(total);
          actual = {
            lines: result.trail.lines.map(({ code, quota, target, remainderCent }) => ({
              code,
              quota,
              target,
              remainderCent,
            })),
          };
          splits += 1;
        } catch (error) {
          actual = { error: (error as Error).message };
        }
        expect(actual).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
    expect(splits).toBeGreaterThan(1000);
  });

  it('splitChanges is splitByKey when a share changes, and undefined when none does', () => {
    const previousOf = fc.oneof(fc.constant(undefined), fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }));
    let unchanged = 0;
    let changed = 0;
    fc.assert(
      fc.property(
        split,
        fc.array(previousOf, { maxLength: 13 }),
        fc.boolean(),
        ([members, weights, total], given, same) => {
          const state = regionWithKey(members, weights);
          const sorted = [...members].sort();
          let previous = new Map<string, Cents>();
          const outcome = (run: () => unknown) => {
            try {
              return { value: run() };
            } catch (error) {
              return { error: (error as Error).message };
            }
          };
          if (same) {
            // what an earlier run recorded: exactly these targets, or one member off by a cent
            const earlier = outcome(() => splitByKey(state, 'k', 2024, total));
            if ('value' in earlier) previous = new Map((earlier.value as ReturnType<typeof splitByKey>).targets);
            if (given[0] !== undefined && previous.size > 0)
              previous.set(sorted[0], (previous.get(sorted[0]) ?? 0n) + 1n);
          } else {
            sorted.forEach((code, index) => {
              const amount = given[index];
              if (amount !== undefined) previous.set(code, amount);
            });
          }
          const reference = outcome(() => {
            const result = splitByKey(state, 'k', 2024, total, previous);
            return [...result.deltas.values()].some((delta) => delta !== 0n) ? result : undefined;
          });
          const actual = outcome(() => splitChanges(state, 'k', 2024, total, previous));
          expect(actual).toEqual(reference);
          if ('value' in actual) {
            if (actual.value === undefined) unchanged += 1;
            else changed += 1;
          }
        },
      ),
      { numRuns: 2000 },
    );
    expect(unchanged).toBeGreaterThan(200);
    expect(changed).toBeGreaterThan(200);
  });

  it('compares each target with what was recorded before', () => {
    const state = regionWithKey(['GM0001', 'GM0002'], { GM0001: '1', GM0002: '3' });
    const result = splitByKey(state, 'k', 2024, 1001n, new Map([['GM0001', 200n]]));
    expect([...result.targets]).toEqual([
      ['GM0001', 250n],
      ['GM0002', 751n],
    ]);
    expect([...result.deltas]).toEqual([
      ['GM0001', 50n],
      ['GM0002', 751n],
    ]);
    expect(result.trail.lines.map((line) => [line.quota, line.remainderCent])).toEqual([
      ['2.5025', 0n],
      ['7.5075', 1n],
    ]);
  });

  it("sums a key's weights as adding them one by one as fractions did", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^GM\d{4}$/), decimal), (weights) => {
        const key = regionWithKey(['GM0001'], weights).keys.get('k')?.[0];
        if (!key) throw new Error('no key');
        const oneByOne = Object.values(weights).reduce(
          (sum, weight) => sum.add(Rational.fromDecimal(weight)),
          Rational.ZERO,
        );
        expect(weightSum(key).toString()).toBe(oneByOne.toString());
      }),
      { numRuns: 1000 },
    );
  });

  it("writes a key's reference, its weight sum included, as it was written from the exact sum", () => {
    const weight = fc.oneof(
      decimal,
      fc.stringMatching(/^0{0,2}\d{1,6}\.\d{1,6}0{0,2}$/),
      fc.constantFrom('0.0', '100.00', '007'),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^GM\d{4}$/), weight), (weights) => {
        const key = regionWithKey(['GM0001'], weights).keys.get('k')?.[0];
        if (!key) throw new Error('no key');
        expect(keyReference(key)).toEqual(keyReferenceBySum(key));
      }),
      { numRuns: 2000 },
    );
  });
});
