import { parseAccount, Posting, postingsOf, ruleOf } from '@libs/domain/model';
import { LedgerEvent } from '../recorded-events';

/** The pots that mix money from several sources before passing it on; everything else is a leaf. */
export function isRijkPot(account: string): boolean {
  const ref = parseAccount(account);
  return ref?.kind === 'region' && (ref.pot === 'bw-historical' || ref.pot === 'mo-budget');
}
export function isProvisionsPot(account: string): boolean {
  const ref = parseAccount(account);
  return ref?.kind === 'region' && (ref.pot === 'bw-provisions' || ref.pot === 'mo-provisions');
}
const isPot = (account: string) => isRijkPot(account) || isProvisionsPot(account);

export interface Counterparty {
  /** net money from the counterparty into the pot over the year (negative: out of the pot) */
  netIn: bigint;
  via: Set<string>;
}

/** Per counterparty, the net flow into one pot over a year's events, and the events it came by. */
export function netFlows(pot: string, events: readonly LedgerEvent[]): Map<string, Counterparty> {
  const flows = new Map<string, Counterparty>();
  for (const event of events) {
    const rule = ruleOf(event);
    const via = rule ? `${event.type} (${rule})` : event.type;
    for (const flow of pairwise(postingsOf(event))) {
      const counterparty = flow.to === pot ? flow.from : flow.from === pot ? flow.to : undefined;
      if (counterparty === undefined) continue;
      const entry = flows.get(counterparty) ?? { netIn: 0n, via: new Set<string>() };
      entry.netIn += flow.to === pot ? flow.amount : -flow.amount;
      entry.via.add(via);
      flows.set(counterparty, entry);
    }
  }
  return flows;
}

export interface Flow {
  readonly from: string;
  readonly to: string;
  readonly amount: bigint;
}

const sign = (value: bigint) => (value > 0n ? 1 : value < 0n ? -1 : 0);

/**
 * Reads an event's postings as movements between pairs of accounts: a posting whose sign differs
 * from all the others (the pool of a split) moves money to or from each of them; two postings move
 * money from the negative to the positive one. Events between members only (solidarity) touch no pot.
 */
export function pairwise(postings: readonly Posting[]): Flow[] {
  const moves = postings.map((posting) => ({ account: posting.account, amount: posting.amount }));
  if (moves.length === 2) {
    const [from, to] = moves[0].amount < 0n ? moves : [moves[1], moves[0]];
    return [{ from: from.account, to: to.account, amount: to.amount }];
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
        ? { from: pool.account, to: other.account, amount: other.amount }
        : { from: other.account, to: pool.account, amount: -other.amount },
    );
}
