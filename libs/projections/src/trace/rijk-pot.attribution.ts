import { at, postingsOf, ruleOf } from '@libs/domain/model';
import { Rational } from '@libs/money';
import { LedgerEvent } from '../recorded-events';
import { roundTable } from './controlled-rounding';
import { splitCents } from './split-cents';

/** Money of the pot that no payment accounts for; only a pot paying out more than it ever held has any. */
export const UNATTRIBUTED = '';

/**
 * What a Rijk pot (the historical BW pot, the MO pot of the central municipality) did with each
 * payment's money in one budget year. Per payment: what went to or came back from each counterparty,
 * what was netted against another payment before it was allocated, and what the pot still holds of it.
 * For every payment, these add up exactly to its amount; per counterparty, over all payments, to what
 * the pot actually moved.
 */
export interface PotAttribution {
  readonly moved: Map<string, Map<string, bigint>>;
  readonly netted: Map<string, Map<string, bigint>>;
  readonly held: Map<string, bigint>;
  /** the events that moved money between the pot and each counterparty */
  readonly via: Map<string, Set<string>>;
}

const sign = (value: bigint) => (value > 0n ? 1 : value < 0n ? -1 : 0);
const abs = (value: bigint) => (value < 0n ? -value : value);
const min = (a: bigint, b: bigint) => (a < b ? a : b);
const byKey = <T>(entries: Iterable<[string, T]>) => [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * Follows the pot event by event (README, "trace"). A payment puts its money in the pot; a correction
 * (a negative payment) first cancels money that is still in the pot unallocated, and what it cannot
 * cancel is a shortfall that the next run takes back from the destinations. The movements of a run —
 * all derived events between two payments — are divided over the money in the pot in proportion to
 * what each payment has in it, so a correction alone in the pot is traced to exactly the deltas its
 * run recorded. Everything is whole cents: each share is its exact amount rounded down or up, so that
 * per payment and per counterparty the cents add up.
 */
export function attributeRijkPot(pot: string, events: readonly LedgerEvent[]): PotAttribution {
  const tracker = new PotTracker();
  const { via } = tracker.attribution;
  let pending = new Map<string, bigint>();
  const flush = () => {
    if ([...pending.values()].some((amount) => amount !== 0n)) tracker.run(pending);
    pending = new Map();
  };
  for (const event of events) {
    const postings = postingsOf(event);
    const own = postings.find((posting) => posting.account === pot);
    if (!own) continue;
    if (event.type === 'RijkPaymentRecorded') {
      flush();
      tracker.payment(event.data.paymentId, own.amount);
      continue;
    }
    const rule = ruleOf(event);
    const label = rule ? `${event.type} (${rule})` : event.type;
    for (const posting of postings) {
      if (posting.account === pot) continue;
      pending.set(posting.account, (pending.get(posting.account) ?? 0n) + posting.amount);
      let accountVia = via.get(posting.account);
      if (!accountVia) via.set(posting.account, (accountVia = new Set()));
      accountVia.add(label);
    }
  }
  flush();
  return tracker.attribution;
}

const total = (weights: ReadonlyMap<string, bigint>) => [...weights.values()].reduce((sum, w) => sum + w, 0n);

function add(table: Map<string, Map<string, bigint>>, owner: string, key: string, amount: bigint): void {
  let row = table.get(owner);
  if (!row) table.set(owner, (row = new Map<string, bigint>()));
  row.set(key, (row.get(key) ?? 0n) + amount);
}

/** The pot as it is followed: what each payment still has in it, and where its money went so far. */
class PotTracker {
  readonly attribution: PotAttribution = { moved: new Map(), netted: new Map(), held: new Map(), via: new Map() };
  private readonly held = this.attribution.held;

  /** Money into the pot from a payment (or out of it, for a correction), netted first against the opposite sign. */
  payment(owner: string, amount: bigint): void {
    const opposite = this.owners((held) => sign(held) === -sign(amount));
    const netted = min(abs(amount), total(opposite));
    if (netted > 0n) {
      for (const [other, part] of splitCents(netted, opposite)) {
        const signed = amount > 0n ? part : -part;
        this.hold(other, signed);
        add(this.attribution.netted, other, owner, -signed);
        add(this.attribution.netted, owner, other, signed);
      }
    }
    this.hold(owner, amount > 0n ? amount - netted : amount + netted);
  }

  /** A run's movements divided over the money in the pot, or followed as flows when they do not fit it. */
  run(movements: Map<string, bigint>): void {
    const net = [...movements.values()].reduce((sum, amount) => sum + amount, 0n);
    const balance = [...this.held.values()].reduce((sum, amount) => sum + amount, 0n);
    if (balance !== 0n && net === balance) this.allocateAll(movements, balance);
    else if (balance !== 0n && sign(net) === sign(balance) && abs(net) <= abs(balance))
      this.allocatePart(movements, balance);
    else this.followFlows(movements);
  }

  /**
   * The run allocates all the pot holds: each payment takes its exact share of every movement,
   * rounded so that per payment and per counterparty the cents add up.
   */
  private allocateAll(movements: Map<string, bigint>, balance: bigint): void {
    const { held } = this;
    const shares = this.owners((amount) => amount !== 0n);
    const rows = [...shares.keys()];
    const table = roundTable(
      rows,
      [...movements.keys()],
      (owner, account) => Rational.of(at(movements, account) * at(held, owner), balance),
      new Map(rows.map((owner) => [owner, at(held, owner)])),
      movements,
    );
    for (const [owner, row] of table) {
      for (const [account, part] of row) this.move(owner, account, part);
    }
  }

  /** The run allocates part of what the pot holds: movement by movement over the payments with money in it. */
  private allocatePart(movements: Map<string, bigint>, balance: bigint): void {
    // the movements against the pot's sign first, so every payment's share keeps its sign throughout
    const ordered = [
      ...byKey([...movements].filter(([, amount]) => sign(amount) === -sign(balance))),
      ...byKey([...movements].filter(([, amount]) => sign(amount) === sign(balance))),
    ];
    for (const [account, amount] of ordered) {
      for (const [owner, part] of splitCents(
        amount,
        this.owners((held) => held !== 0n),
      ))
        this.move(owner, account, part);
    }
  }

  /**
   * A run that does not draw on what the pot holds (a reshuffle by a new key after payments cancelled
   * out): money taken back from a destination is first what a shortfall waits for, then the money of
   * the payments that destination received; money paid out is drawn from what the pot holds.
   */
  private followFlows(movements: Map<string, bigint>): void {
    for (const [account, amount] of byKey([...movements].filter(([, amount]) => amount < 0n)))
      this.takeBack(account, -amount);
    for (const [account, amount] of byKey([...movements].filter(([, amount]) => amount > 0n)))
      this.payOut(account, amount);
  }

  /** `amount` (positive) comes back from `account`: to the shortfalls first, then to the payments it received. */
  private takeBack(account: string, amount: bigint): void {
    const shortfalls = this.owners((held) => held < 0n);
    const filled = min(amount, total(shortfalls));
    if (filled > 0n) {
      for (const [owner, part] of splitCents(filled, shortfalls)) this.move(owner, account, -part);
    }
    const rest = amount - filled;
    if (rest === 0n) return;
    const receivers = new Map(
      byKey(
        [...this.attribution.moved]
          .map(([owner, row]) => [owner, row.get(account) ?? 0n] as [string, bigint])
          .filter(([, received]) => received > 0n),
      ),
    );
    const takers = receivers.size > 0 ? receivers : new Map([[UNATTRIBUTED, 1n]]);
    for (const [owner, part] of splitCents(rest, takers)) this.move(owner, account, -part);
  }

  /** `amount` goes to `account`, drawn from what the payments hold; what they do not hold is unattributed. */
  private payOut(account: string, amount: bigint): void {
    const funds = this.owners((held) => held > 0n);
    const drawn = min(amount, total(funds));
    if (drawn > 0n) {
      for (const [owner, part] of splitCents(drawn, funds)) this.move(owner, account, part);
    }
    if (amount > drawn) this.move(UNATTRIBUTED, account, amount - drawn);
  }

  /** `part` of `owner`'s money leaves the pot for `account` (comes back from it when negative). */
  private move(owner: string, account: string, part: bigint): void {
    this.hold(owner, -part);
    add(this.attribution.moved, owner, account, part);
  }

  private hold(owner: string, amount: bigint): void {
    this.held.set(owner, (this.held.get(owner) ?? 0n) + amount);
  }

  /** The payments whose holding passes `which`, with the size of their holding, by payment id. */
  private owners(which: (amount: bigint) => boolean): Map<string, bigint> {
    return new Map(
      byKey([...this.held].filter(([, amount]) => which(amount))).map(([owner, amount]) => [owner, abs(amount)]),
    );
  }
}
