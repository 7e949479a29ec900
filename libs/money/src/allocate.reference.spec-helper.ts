import { Cents } from './amount';
import { Rational, sumRationals } from './rational';

/*
 * allocate as it was before it split over integer weights: every quota, floor and remainder an exact
 * fraction. Kept as the reference the integer split is compared with.
 */

interface AllocationWeight {
  readonly code: string;
  readonly weight: Rational;
}

/**
 * Splits a total over members by largest remainder (domain.md §2): each member gets the floor of its
 * exact quota T·w/Σw in cents, and the cents left over go one each to the largest fractional
 * remainders, ties by code ascending. A negative total is split as the mirror of its absolute value,
 * so a charge and a payout of the same size hit every member identically.
 */
export function allocateByRationals(total: Cents, weights: readonly AllocationWeight[]): Map<string, Cents> {
  if (weights.length === 0) throw new RangeError('cannot allocate over an empty key');
  const codes = new Set<string>();
  for (const { code, weight } of weights) {
    if (codes.has(code)) throw new RangeError(`member ${code} appears twice in the key`);
    codes.add(code);
    if (weight.isNegative()) throw new RangeError(`weight of ${code} is negative`);
  }
  const weightSum = sumRationals(weights.map((entry) => entry.weight));
  if (!weightSum.isPositive()) throw new RangeError('the weights of a key must sum to more than zero');

  if (total < 0n) {
    const mirrored = allocateByRationals(-total, weights);
    return new Map([...mirrored].map(([code, cents]) => [code, -cents]));
  }

  const totalRational = Rational.of(total);
  const shares = weights.map(({ code, weight }) => {
    const quota = totalRational.mul(weight).div(weightSum);
    const floor = quota.floor();
    return { code, floor, remainder: quota.sub(Rational.of(floor)) };
  });
  let leftover = total - shares.reduce((sum, share) => sum + share.floor, 0n);
  const byRemainder = [...shares].sort(
    (a, b) => b.remainder.compare(a.remainder) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
  const result = new Map<string, Cents>(shares.map((share) => [share.code, share.floor]));
  for (const share of byRemainder) {
    if (leftover === 0n) break;
    result.set(share.code, (result.get(share.code) ?? 0n) + 1n);
    leftover -= 1n;
  }
  assertAllocation(total, result);
  return result;
}

function assertAllocation(total: Cents, parts: Map<string, Cents>): void {
  let sum = 0n;
  for (const part of parts.values()) sum += part;
  if (sum !== total) throw new Error(`allocation lost money: parts sum to ${sum}, total is ${total}`);
}

/*
 * allocateByIntegerWeights as it was before its split on numbers: every share, floor and remainder a
 * bigint. Kept as the reference the split on numbers (a safe T·ΣW) is compared with.
 */
export function allocateByBigintWeights(
  total: Cents,
  codes: readonly string[],
  weights: readonly bigint[],
  sum: bigint,
): Map<string, Cents> {
  if (codes.length === 0) throw new RangeError('cannot allocate over an empty key');
  const seen = new Set<string>();
  for (let index = 0; index < codes.length; index += 1) {
    const code = codes[index];
    if (seen.has(code)) throw new RangeError(`member ${code} appears twice in the key`);
    seen.add(code);
    if (weights[index] < 0n) throw new RangeError(`weight of ${code} is negative`);
  }
  if (sum <= 0n) throw new RangeError('the weights of a key must sum to more than zero');

  if (total < 0n) {
    const mirrored = allocateByBigintWeights(-total, codes, weights, sum);
    const result = new Map<string, Cents>();
    for (const [code, cents] of mirrored) result.set(code, -cents);
    return result;
  }

  const result = new Map<string, Cents>();
  const remainders: { index: number; remainder: bigint }[] = [];
  let leftover = total;
  for (let index = 0; index < codes.length; index += 1) {
    const share = total * weights[index];
    const floor = share / sum;
    result.set(codes[index], floor);
    leftover -= floor;
    remainders.push({ index, remainder: share - floor * sum });
  }
  if (leftover > 0n) {
    remainders.sort((a, b) =>
      a.remainder !== b.remainder
        ? a.remainder > b.remainder
          ? -1
          : 1
        : codes[a.index] < codes[b.index]
          ? -1
          : codes[a.index] > codes[b.index]
            ? 1
            : 0,
    );
    for (const { index } of remainders) {
      if (leftover === 0n) break;
      const code = codes[index];
      result.set(code, (result.get(code) ?? 0n) + 1n);
      leftover -= 1n;
    }
  }
  assertAllocation(total, result);
  return result;
}
