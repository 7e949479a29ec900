import { DomainError, Posting } from '@libs/domain';
import { Cents, formatAmount, parseAmount, Rational } from '@libs/money';
import { LedgerEvent, postingsOfRecorded, recordedUpTo, yearOf } from './recorded-events';

export interface TraceFlow {
  account: string;
  amount: string;
  via: string;
  children: TraceFlow[];
}

export interface Trace {
  regionId: string;
  paymentId: string;
  year: number;
  amount: string;
  asOf: string | null;
  flows: TraceFlow[];
}

/** One movement of money between two accounts, as an event recorded it. */
interface Flow {
  readonly from: string;
  readonly to: string;
  readonly amount: Cents;
  readonly via: string;
}

/** The pots that mix money from several sources before passing it on; everything else is a leaf. */
const isPot = (account: string) => /^region:[^:]+:(bw-historical|mo-budget|bw-provisions|mo-provisions)$/.test(account);

/**
 * Forward from one Rijk payment: the tree of accounts its money flowed into for its budget year.
 *
 * Pro-rata model: a pot (the historical BW pot, the MO pot of the central municipality, the two
 * provisions pots) mixes the money of everyone who put money in during the year. Per pot, flows are
 * netted per counterparty; counterparties with a net inflow are its sources, those with a net
 * outflow its destinations. A payment's share of a pot is its contribution divided by all sources;
 * each destination receives that share of what it took out, and the same share of what the pot still
 * holds stays in it. Municipalities, providers, the reserve and funds are leaves (the reserve spans
 * years; a municipality's own money is its own). Every level is rounded to cents by largest
 * remainder so that children sum exactly to their parent, and the leaves to the payment.
 */
export function tracePayment(regionId: string, events: readonly LedgerEvent[], paymentId: string, asOf?: Date): Trace {
  const visible = recordedUpTo(events, asOf);
  const payment = visible.find(
    (event) => event.type === 'RijkPaymentRecorded' && (event.data as { paymentId?: string }).paymentId === paymentId,
  );
  if (!payment)
    throw new DomainError(
      'NOT_FOUND',
      `no Rijk payment "${paymentId}" is recorded for region "${regionId}"`,
      'payment',
    );
  const year = yearOf(payment)!;
  const [, destination] = postingsOfRecorded(payment);
  const amount = parseAmount(destination.amount);
  const pots = potFlows(visible.filter((event) => yearOf(event) === year));

  const root: ExactNode = {
    account: destination.account,
    via: 'RijkPaymentRecorded',
    exact: Rational.of(amount),
    children: [],
  };
  expand(root, pots, new Set());
  return {
    regionId,
    paymentId,
    year,
    amount: formatAmount(amount),
    asOf: asOf?.toISOString() ?? null,
    flows: [round(root, amount)],
  };
}

interface ExactNode {
  account: string;
  via: string;
  exact: Rational;
  children: ExactNode[];
}

interface Counterparty {
  netIn: Cents;
  via: Set<string>;
}

/** Per pot, the net flow from each counterparty into it over the year, and the events it came by. */
function potFlows(events: readonly LedgerEvent[]): Map<string, Map<string, Counterparty>> {
  const pots = new Map<string, Map<string, Counterparty>>();
  const add = (pot: string, counterparty: string, netIn: Cents, via: string) => {
    let counterparties = pots.get(pot);
    if (!counterparties) pots.set(pot, (counterparties = new Map()));
    const entry = counterparties.get(counterparty) ?? { netIn: 0n, via: new Set<string>() };
    entry.netIn += netIn;
    entry.via.add(via);
    counterparties.set(counterparty, entry);
  };
  for (const event of events) {
    const rule = (event.data as { rule?: string }).rule;
    const via = rule ? `${event.type} (${rule})` : event.type;
    for (const flow of pairwise(postingsOfRecorded(event), via)) {
      if (isPot(flow.to)) add(flow.to, flow.from, flow.amount, flow.via);
      if (isPot(flow.from)) add(flow.from, flow.to, -flow.amount, flow.via);
    }
  }
  return pots;
}

/**
 * Reads an event's postings as movements between pairs of accounts: a posting whose sign differs
 * from all the others (the pool of a split) moves money to or from each of them; two postings move
 * money from the negative to the positive one. Events between members only (solidarity) touch no pot.
 */
function pairwise(postings: readonly Posting[], via: string): Flow[] {
  const moves = postings.map((posting) => ({ account: posting.account, amount: parseAmount(posting.amount) }));
  if (moves.length === 2) {
    const [from, to] = moves[0].amount < 0n ? moves : [moves[1], moves[0]];
    return [{ from: from.account, to: to.account, amount: to.amount, via }];
  }
  const pots = moves.filter((move) => isPot(move.account));
  const pool =
    pots.length === 1
      ? pots[0]
      : moves.find((candidate) =>
          moves.every((other) => other === candidate || sign(other.amount) !== sign(candidate.amount)),
        );
  if (!pool) return [];
  return moves
    .filter((other) => other !== pool)
    .map((other) =>
      other.amount > 0n
        ? { from: pool.account, to: other.account, amount: other.amount, via }
        : { from: other.account, to: pool.account, amount: -other.amount, via },
    );
}

const sign = (value: bigint) => (value > 0n ? 1 : value < 0n ? -1 : 0);

function expand(node: ExactNode, pots: Map<string, Map<string, Counterparty>>, visited: Set<string>): void {
  const counterparties = pots.get(node.account);
  if (!isPot(node.account) || !counterparties || visited.has(node.account) || node.exact.isZero()) return;
  const sources = [...counterparties.values()]
    .filter((entry) => entry.netIn > 0n)
    .reduce((sum, entry) => sum + entry.netIn, 0n);
  if (sources === 0n) return;
  const share = node.exact.div(Rational.of(sources));
  const inner = new Set(visited).add(node.account);
  let held = 0n;
  for (const [account, entry] of [...counterparties].sort(([a], [b]) => (a < b ? -1 : 1))) {
    held += entry.netIn;
    if (entry.netIn >= 0n) continue;
    const child: ExactNode = {
      account,
      via: [...entry.via].join(', '),
      exact: share.mul(Rational.of(-entry.netIn)),
      children: [],
    };
    expand(child, pots, inner);
    node.children.push(child);
  }
  if (held !== 0n)
    node.children.push({
      account: node.account,
      via: 'still held (balance)',
      exact: share.mul(Rational.of(held)),
      children: [],
    });
}

/** Rounds a node to `cents` and its children so that they sum exactly to it (signed largest remainder). */
function round(node: ExactNode, cents: Cents): TraceFlow {
  const children = node.children;
  const total = children.reduce((sum, child) => sum.add(child.exact), Rational.ZERO);
  const quotas = children.map((child) =>
    total.isZero() ? child.exact : child.exact.mul(Rational.of(cents)).div(total),
  );
  const floors = quotas.map((quota) => quota.floor());
  let leftover = cents - floors.reduce((sum, value) => sum + value, 0n);
  const order = children
    .map((child, index) => ({
      index,
      remainder: quotas[index].sub(Rational.of(floors[index])),
      account: child.account,
    }))
    .sort((a, b) => b.remainder.compare(a.remainder) || (a.account < b.account ? -1 : 1));
  for (const { index } of order) {
    if (leftover <= 0n) break;
    floors[index] += 1n;
    leftover -= 1n;
  }
  return {
    account: node.account,
    amount: formatAmount(cents),
    via: node.via,
    children: children.map((child, index) => round(child, floors[index])),
  };
}

/** The leaves of a trace: where the payment's money ended up. */
export function traceLeaves(flows: readonly TraceFlow[]): TraceFlow[] {
  return flows.flatMap((flow) => (flow.children.length === 0 ? [flow] : traceLeaves(flow.children)));
}
