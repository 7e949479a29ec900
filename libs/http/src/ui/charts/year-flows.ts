import { postingsOf, yearOf } from '@libs/domain';
import { LedgerEvent, pairwise } from '@libs/projections';

/** Money that moved between two accounts over a budget year, netted: always from → to, amount > 0. */
export interface AccountFlow {
  readonly from: string;
  readonly to: string;
  readonly amount: bigint;
  /** the event types that moved it */
  readonly via: readonly string[];
}

/** Where an event's postings cannot be paired (several payers and several receivers, as in solidarity). */
export const poolAccount = (eventType: string) => `pool:${eventType}`;

/**
 * The year's postings as flows between accounts: each event's postings are read as pairs (the pool of
 * a split moves money to or from each member; see `pairwise`), an event whose postings have no single
 * pool passes its money through a pool account of its own, and the flows between two accounts are
 * netted over the year. For every account, what flows in minus what flows out is the sum of its
 * postings in the year.
 */
export function yearFlows(events: readonly LedgerEvent[], year: number): AccountFlow[] {
  const net = new Map<string, { a: string; b: string; amount: bigint; via: Set<string> }>();
  const add = (from: string, to: string, amount: bigint, via: string) => {
    const [a, b, signed] = from < to ? [from, to, amount] : [to, from, -amount];
    const key = `${a}\u0000${b}`;
    const entry = net.get(key) ?? { a, b, amount: 0n, via: new Set<string>() };
    entry.amount += signed;
    entry.via.add(via);
    net.set(key, entry);
  };
  for (const event of events) {
    if (yearOf(event) !== year) continue;
    const postings = postingsOf(event);
    if (postings.length === 0) continue;
    const pairs = pairwise(postings);
    if (pairs.length > 0) {
      for (const pair of pairs) add(pair.from, pair.to, pair.amount, event.type);
      continue;
    }
    const pool = poolAccount(event.type);
    for (const posting of postings) {
      const amount = posting.amount;
      if (amount > 0n) add(pool, posting.account, amount, event.type);
      else if (amount < 0n) add(posting.account, pool, -amount, event.type);
    }
  }
  const flows: AccountFlow[] = [];
  for (const { a, b, amount, via } of net.values()) {
    if (amount === 0n) continue;
    const [from, to, value] = amount > 0n ? [a, b, amount] : [b, a, -amount];
    flows.push({ from, to, amount: value, via: [...via].sort() });
  }
  return flows.sort((x, y) => (x.from === y.from ? (x.to < y.to ? -1 : 1) : x.from < y.from ? -1 : 1));
}
