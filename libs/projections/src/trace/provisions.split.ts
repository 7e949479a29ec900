import { at } from '@libs/domain/model';
import { Rational } from '@libs/money';
import { roundTable } from './controlled-rounding';
import { Counterparty } from './pot-flows';
import { splitCents } from './split-cents';

/** One destination of a provisions pot (or what it still holds) and the part of one source's money in it. */
export interface ProvisionsPart {
  readonly account: string;
  readonly amount: bigint;
  readonly via: string;
}

const byKey = <T>(entries: Iterable<[string, T]>) => [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * A provisions pot mixes, over the year, the skim with contributions, co-payments and the reserve's
 * cover of a deficit, and pays providers, the reserve and the municipalities. Flows are netted per
 * counterparty over the year: those with a net inflow are its sources, those with a net outflow its
 * destinations. Each destination is paid by the sources in proportion to what they put in (what is
 * left stays in the pot); when the pot paid out more than came in, each source is spread over the
 * destinations in proportion to what they received. In whole cents: per source and per destination the
 * parts add up exactly.
 *
 * `owners` divides one source further — the Rijk pot's share, over the payments it came from.
 */
export function splitProvisions(
  pot: string,
  flows: ReadonlyMap<string, Counterparty>,
  source: string,
  owners: ReadonlyMap<string, bigint>,
): Map<string, ProvisionsPart[]> {
  const sources = new Map(byKey([...flows].filter(([, flow]) => flow.netIn > 0n).map(([k, f]) => [k, f.netIn])));
  const destinations = byKey([...flows].filter(([, flow]) => flow.netIn < 0n).map(([k, f]) => [k, -f.netIn]));
  const result = new Map<string, ProvisionsPart[]>();
  const ownIn = sources.get(source);
  if (ownIn === undefined) return result;
  const balance = [...flows.values()].reduce((sum, flow) => sum + flow.netIn, 0n);
  const via = (account: string) => [...(flows.get(account)?.via ?? [])].join(', ');

  // the source's part of every destination (and of what the pot still holds)
  let columns: [string, bigint, string][];
  if (balance >= 0n) {
    const all: [string, bigint, string][] = [
      ...destinations.map(([account, out]) => [account, out, via(account)] as [string, bigint, string]),
      ...(balance > 0n ? [[pot, balance, 'still held (balance)'] as [string, bigint, string]] : []),
    ];
    const totalIn = [...sources.values()].reduce((sum, amount) => sum + amount, 0n);
    const columnTotals = new Map(all.map(([account, out]) => [account, out]));
    const table = roundTable(
      [...sources.keys()],
      all.map(([account]) => account),
      (key, account) => Rational.of(at(columnTotals, account) * at(sources, key), totalIn),
      sources,
      columnTotals,
    );
    columns = all.map(([account, , label]) => [account, at(at(table, source), account), label]);
  } else {
    // more went out than came in: every source is spent, spread over the destinations
    columns = [];
    const capacity = new Map(destinations);
    for (const [key, amount] of sources) {
      const parts = splitCents(amount, new Map([...capacity].filter(([, left]) => left > 0n)));
      for (const [account, part] of parts) capacity.set(account, at(capacity, account) - part);
      if (key === source)
        for (const [account] of destinations) columns.push([account, parts.get(account) ?? 0n, via(account)]);
    }
  }

  // the source's parts divided over its owners, each owner's parts adding up to what it put in
  const shares = new Map([...owners].filter(([, amount]) => amount !== 0n));
  const partTotals = new Map(columns.map(([account, amount]) => [account, amount]));
  const table = roundTable(
    [...shares.keys()],
    columns.map(([account]) => account),
    (owner, account) => Rational.of(at(partTotals, account) * at(shares, owner), ownIn),
    shares,
    partTotals,
  );
  for (const [owner, row] of table) {
    const list = columns
      .map(([account, , label]) => ({ account, amount: at(row, account), via: label }))
      .filter((part) => part.amount !== 0n);
    if (list.length > 0) result.set(owner, list);
  }
  return result;
}
