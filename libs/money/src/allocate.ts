import { Cents } from './amount';
import { gcd, Rational } from './rational';

export interface AllocationWeight {
  readonly code: string;
  readonly weight: Rational;
}

/**
 * Splits a total over members by largest remainder (domain.md §2): each member gets the floor of its
 * exact quota T·w/Σw in cents, and the cents left over go one each to the largest fractional
 * remainders, ties by code ascending. A negative total is split as the mirror of its absolute value,
 * so a charge and a payout of the same size hit every member identically.
 */
export function allocate(total: Cents, weights: readonly AllocationWeight[]): Map<string, Cents> {
  const { integers, sum } = onCommonDenominator(weights.map((entry) => entry.weight));
  return allocateByIntegerWeights(
    total,
    weights.map((entry) => entry.code),
    integers,
    sum,
  );
}

/** Weights as integers on their common denominator, their sum and that denominator: the quotas T·w/Σw are T·W/ΣW. */
export function onCommonDenominator(weights: readonly Rational[]): {
  integers: bigint[];
  sum: bigint;
  denominator: bigint;
} {
  let common = 1n;
  for (const weight of weights) common = lcm(common, weight.denominator);
  let sum = 0n;
  const integers = weights.map((weight) => {
    const integer = weight.numerator * (common / weight.denominator);
    sum += integer;
    return integer;
  });
  return { integers, sum, denominator: common };
}

/**
 * `allocate` over integer weights (`codes[i]` weighs `weights[i]`, `sum` is their sum): the quota of
 * each member is T·W/ΣW, so its floor and its remainder are one integer division, and remainders over
 * the one denominator ΣW compare as integers — no fraction is built or reduced.
 */
export function allocateByIntegerWeights(
  total: Cents,
  codes: readonly string[],
  weights: readonly bigint[],
  sum: bigint,
): Map<string, Cents> {
  if (codes.length === 0) throw new RangeError('cannot allocate over an empty key');
  const seen = new Set<string>();
  let withinSum = true;
  for (let index = 0; index < codes.length; index += 1) {
    const code = codes[index];
    if (seen.has(code)) throw new RangeError(`member ${code} appears twice in the key`);
    seen.add(code);
    if (weights[index] < 0n) throw new RangeError(`weight of ${code} is negative`);
    if (weights[index] > sum) withinSum = false;
  }
  if (sum <= 0n) throw new RangeError('the weights of a key must sum to more than zero');

  if (total < 0n) {
    const mirrored = allocateByIntegerWeights(-total, codes, weights, sum);
    const result = new Map<string, Cents>();
    for (const [code, cents] of mirrored) result.set(code, -cents);
    return result;
  }
  if (withinSum && total * sum <= MAX_SAFE) return allocateOnNumbers(total, codes, weights, sum);

  const result = new Map<string, Cents>();
  const remainders: { index: number; remainder: bigint }[] = [];
  let leftover = total;
  for (let index = 0; index < codes.length; index += 1) {
    const share = total * weights[index];
    // total and weights are not negative: the quotient is the floor
    const floor = share / sum;
    result.set(codes[index], floor);
    leftover -= floor;
    remainders.push({ index, remainder: share - floor * sum });
  }
  if (leftover > 0n) {
    remainders.sort((a, b) =>
      a.remainder !== b.remainder ? (a.remainder > b.remainder ? -1 : 1) : compareCodes(codes[a.index], codes[b.index]),
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

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * allocateByIntegerWeights when T·ΣW is a safe integer (a total of cents over a key in percent with a
 * few decimals mostly is): every share T·W, floor and remainder is then an exact integer in a double,
 * and the same steps run without a bigint made per step. 0 ≤ T, every W ≤ ΣW.
 */
function allocateOnNumbers(
  total: Cents,
  codes: readonly string[],
  weights: readonly bigint[],
  sum: bigint,
): Map<string, Cents> {
  const whole = Number(total);
  const divisor = Number(sum);
  const floors = new Array<number>(codes.length);
  const remainders: { index: number; remainder: number }[] = [];
  let leftover = whole;
  for (let index = 0; index < codes.length; index += 1) {
    const share = whole * Number(weights[index]);
    const remainder = share % divisor;
    const floor = (share - remainder) / divisor;
    floors[index] = floor;
    leftover -= floor;
    remainders.push({ index, remainder });
  }
  if (leftover > 0) {
    remainders.sort((a, b) =>
      a.remainder !== b.remainder ? (a.remainder > b.remainder ? -1 : 1) : compareCodes(codes[a.index], codes[b.index]),
    );
    for (const { index } of remainders) {
      if (leftover === 0) break;
      floors[index] += 1;
      leftover -= 1;
    }
  }
  const result = new Map<string, Cents>();
  for (let index = 0; index < codes.length; index += 1) result.set(codes[index], BigInt(floors[index]));
  assertAllocation(total, result);
  return result;
}

function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function assertAllocation(total: Cents, parts: Map<string, Cents>): void {
  let sum = 0n;
  for (const part of parts.values()) sum += part;
  if (sum !== total) throw new Error(`allocation lost money: parts sum to ${sum}, total is ${total}`);
}

function lcm(a: bigint, b: bigint): bigint {
  if (a === b || b === 1n) return a;
  if (a === 1n) return b;
  return (a / gcd(a, b)) * b;
}
