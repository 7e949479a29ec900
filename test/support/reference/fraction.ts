/** Exact fractions over bigint and the spec's two roundings (domain.md §2), for the reference only. */
export class Q {
  readonly n: bigint;
  readonly d: bigint;
  constructor(n: bigint, d = 1n) {
    const sign = d < 0n ? -1n : 1n;
    const g = gcd(n < 0n ? -n : n, d < 0n ? -d : d) || 1n;
    this.n = (sign * n) / g;
    this.d = (sign * d) / g;
  }
  /** a decimal string such as "-12.345" */
  static dec(text: string): Q {
    const negative = text.startsWith('-');
    const [int, frac = ''] = (negative ? text.slice(1) : text).split('.');
    const value = new Q(BigInt(int + frac), 10n ** BigInt(frac.length));
    return negative ? value.neg() : value;
  }
  static c(cents: bigint): Q {
    return new Q(cents);
  }
  add(o: Q): Q {
    return new Q(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  sub(o: Q): Q {
    return this.add(o.neg());
  }
  mul(o: Q): Q {
    return new Q(this.n * o.n, this.d * o.d);
  }
  div(o: Q): Q {
    return new Q(this.n * o.d, this.d * o.n);
  }
  neg(): Q {
    return new Q(-this.n, this.d);
  }
  cmp(o: Q): number {
    const l = this.n * o.d;
    const r = o.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  sign(): number {
    return this.n < 0n ? -1 : this.n > 0n ? 1 : 0;
  }
  abs(): Q {
    return this.n < 0n ? this.neg() : this;
  }
  min(o: Q): Q {
    return this.cmp(o) <= 0 ? this : o;
  }
  floor(): bigint {
    const q = this.n / this.d;
    return this.n < 0n && q * this.d !== this.n ? q - 1n : q;
  }
  /** to a whole number, half away from zero */
  round(): bigint {
    const a = this.n < 0n ? -this.n : this.n;
    const r = (2n * a + this.d) / (2n * this.d);
    return this.n < 0n ? -r : r;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

export const ZERO = new Q(0n);
export const ONE = new Q(1n);
export const HUNDRED = new Q(100n);
export const sumQ = (values: Q[]) => values.reduce((s, v) => s.add(v), ZERO);

/** Largest remainder, ties by code ascending; a negative total as −allocate(−total); zero weights get 0. */
export function allocate(total: bigint, weights: Map<string, Q>): Map<string, bigint> {
  if (total < 0n) return new Map([...allocate(-total, weights)].map(([k, v]) => [k, -v]));
  const codes = [...weights.keys()].sort();
  const sum = sumQ(codes.map((c) => weights.get(c) ?? ZERO));
  const out = new Map<string, bigint>(codes.map((c) => [c, 0n]));
  if (total === 0n) return out;
  if (sum.sign() <= 0) throw new Error('a key must sum to more than 0');
  const remainders: [string, Q][] = [];
  let left = total;
  for (const c of codes) {
    const quota = Q.c(total)
      .mul(weights.get(c) ?? ZERO)
      .div(sum);
    const floor = quota.floor();
    out.set(c, floor);
    left -= floor;
    remainders.push([c, quota.sub(Q.c(floor))]);
  }
  remainders.sort((a, b) => b[1].cmp(a[1]) || (a[0] < b[0] ? -1 : 1));
  for (let i = 0; left > 0n; i++, left--) out.set(remainders[i][0], (out.get(remainders[i][0]) ?? 0n) + 1n);
  return out;
}

export const fmt = (cents: bigint): string => {
  const a = cents < 0n ? -cents : cents;
  return `${cents < 0n ? '-' : ''}${String(a / 100n)}.${(a % 100n).toString().padStart(2, '0')}`;
};
export const cents = (text: string): bigint => Q.dec(text).mul(HUNDRED).floor();
