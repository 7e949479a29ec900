/**
 * A seeded pseudo-random source for synthetic data (sfc32, seeded through cyrb128): the same seed gives
 * the same sequence on every machine and Node version, which Math.random never promises. Money is drawn
 * as whole cents (bigint), so no amount ever passes through a float.
 */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string) {
    [this.a, this.b, this.c, this.d] = cyrb128(seed);
    for (let round = 0; round < 15; round += 1) this.uint32();
  }

  /** An independent source for a part of the data (a region), so that parts do not shift each other. */
  fork(label: string): SeededRandom {
    return new SeededRandom(`${this.uint32()}:${label}`);
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A whole number from min to max inclusive (a count, a percentage, an index). */
  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min || max - min >= 2 ** 32)
      throw new RangeError(`int(${min}, ${max}): need whole numbers with 0 ≤ max − min < 2^32`);
    return min + (this.uint32() % (max - min + 1));
  }

  /** Whole cents from min to max inclusive. */
  cents(min: bigint, max: bigint): bigint {
    if (max < min) throw new RangeError(`cents(${min}, ${max}): max is below min`);
    const wide = (BigInt(this.uint32()) << 32n) | BigInt(this.uint32());
    return min + (wide % (max - min + 1n));
  }

  /** true with the given chance in percent. */
  chance(percent: number): boolean {
    return this.int(0, 99) < percent;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[this.int(0, items.length - 1)];
  }

  /** A copy in random order (Fisher–Yates). */
  shuffled<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let index = copy.length - 1; index > 0; index -= 1) {
      const other = this.int(0, index);
      [copy[index], copy[other]] = [copy[other], copy[index]];
    }
    return copy;
  }

  /** amount × (1 ± up to spreadPermille/1000), in whole cents. */
  vary(amount: bigint, spreadPermille: number): bigint {
    return (amount * BigInt(1000 + this.int(-spreadPermille, spreadPermille))) / 1000n;
  }
}

/** A 128-bit hash of the seed text, as the four 32-bit words of sfc32's state. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let index = 0; index < text.length; index += 1) {
    const k = text.charCodeAt(index);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
