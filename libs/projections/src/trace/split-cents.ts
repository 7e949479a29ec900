import { at } from '@libs/domain/model';
import { Rational } from '@libs/money';

/**
 * Splits `total` cents over keys in proportion to integer weights by largest remainder (ties by key),
 * so the parts always sum exactly to the total. Unlike the domain's `allocate`, weights may be signed
 * (a trace may have to divide over a correction's negative share); their sum must not be zero.
 */
export function splitCents(total: bigint, weights: ReadonlyMap<string, bigint>): Map<string, bigint> {
  const parts = new Map<string, bigint>();
  let weightSum = 0n;
  for (const [key, weight] of weights) {
    parts.set(key, 0n);
    weightSum += weight;
  }
  if (total === 0n) return parts;
  if (weightSum === 0n) throw new RangeError(`cannot split ${total} cents over weights that sum to zero`);
  const remainders: { key: string; remainder: Rational }[] = [];
  let leftover = total;
  for (const [key, weight] of weights) {
    const quota = Rational.of(total * weight, weightSum);
    const floor = quota.floor();
    parts.set(key, floor);
    leftover -= floor;
    remainders.push({ key, remainder: quota.sub(Rational.of(floor)) });
  }
  remainders.sort((a, b) => b.remainder.compare(a.remainder) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const { key } of remainders) {
    if (leftover <= 0n) break;
    parts.set(key, at(parts, key) + 1n);
    leftover -= 1n;
  }
  return parts;
}
