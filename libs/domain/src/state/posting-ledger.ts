import { Cents } from '@libs/money';
import { Account } from '../accounts';
import { DomainEventType } from '../events/domain-event';

/** The read side of a PostingLedger. */
export interface PostingLedgerView {
  sum(year: number, account: Account, ...eventTypes: readonly DomainEventType[]): Cents;
  /** `sum` over a list of event types held already (all types when it is empty), without a copy of it */
  sumOver(year: number, account: Account, eventTypes: readonly DomainEventType[]): Cents;
  balance(year: number, account: Account): Cents;
  balanceUpTo(year: number, account: Account): Cents;
  touchedIn(year: number, account: Account): boolean;
  accounts(year: number): Account[];
  years(): number[];
}

/**
 * Sums of postings by budget year, account and event type: enough to compute every balance and every
 * statement line ("sums of the year's postings, by event") without keeping the events themselves.
 */
export class PostingLedger implements PostingLedgerView {
  private readonly byYear = new Map<number, Map<Account, Map<DomainEventType, Cents>>>();
  /**
   * Years whose sums this ledger shares with a clone (or its original): a clone copies no year until
   * one of the two adds to it, and then only that year (a closing's scratch copy adds to one year).
   */
  private readonly shared = new Set<number>();
  /**
   * Years copied from a shared one: the list of accounts is this ledger's own, the sums of each account
   * only once this ledger added to them (the set holds those it copied or made). A closing adds to a
   * few dozen of a year's hundred or more accounts, on its scratch copy and then on the region itself.
   */
  private readonly ownSums = new Map<number, Set<Map<DomainEventType, Cents>>>();

  add(year: number, account: Account, eventType: DomainEventType, amount: Cents): void {
    let accounts = this.byYear.get(year);
    if (!accounts) this.byYear.set(year, (accounts = new Map<Account, Map<DomainEventType, Cents>>()));
    else if (this.shared.size > 0 && this.shared.delete(year)) {
      this.byYear.set(year, (accounts = new Map(accounts)));
      this.ownSums.set(year, new Set());
    }
    let types = accounts.get(account);
    const own = this.ownSums.size > 0 ? this.ownSums.get(year) : undefined;
    if (!types) {
      accounts.set(account, (types = new Map<DomainEventType, Cents>()));
      own?.add(types);
    } else if (own !== undefined && !own.has(types)) {
      accounts.set(account, (types = new Map(types)));
      own.add(types);
    }
    types.set(eventType, (types.get(eventType) ?? 0n) + amount);
  }

  /** Sum for one year and account, over the given event types (all types when none are given). */
  sum(year: number, account: Account, ...eventTypes: readonly DomainEventType[]): Cents {
    return this.sumOver(year, account, eventTypes);
  }

  sumOver(year: number, account: Account, eventTypes: readonly DomainEventType[]): Cents {
    const types = this.byYear.get(year)?.get(account);
    if (!types) return 0n;
    let total = 0n;
    if (eventTypes.length === 0) {
      for (const amount of types.values()) total += amount;
    } else {
      for (const type of eventTypes) total += types.get(type) ?? 0n;
    }
    return total;
  }

  balance(year: number, account: Account): Cents {
    return this.sum(year, account);
  }

  /** Balance over every budget year up to and including `year` (the reserve spans years). */
  balanceUpTo(year: number, account: Account): Cents {
    let total = 0n;
    for (const [each, accounts] of this.byYear) {
      if (each > year) continue;
      for (const amount of accounts.get(account)?.values() ?? []) total += amount;
    }
    return total;
  }

  /** True when any posting (even movements netting to zero) touched the account in the year. */
  touchedIn(year: number, account: Account): boolean {
    return this.byYear.get(year)?.has(account) ?? false;
  }

  accounts(year: number): Account[] {
    return [...(this.byYear.get(year)?.keys() ?? [])];
  }

  years(): number[] {
    return [...this.byYear.keys()].sort((a, b) => a - b);
  }

  /** Every sum, by year, account and event type, in the order they were first added (for snapshots). */
  *entries(): Generator<[year: number, account: Account, eventType: DomainEventType, amount: Cents]> {
    for (const [year, accounts] of this.byYear)
      for (const [account, types] of accounts) for (const [type, amount] of types) yield [year, account, type, amount];
  }

  /**
   * Each sum as `entries` gives it, handed to `visit` without a tuple made for it (a snapshot writes every
   * sum of a region, thousands, as a row of its own).
   */
  forEachSum(visit: (year: number, account: Account, eventType: DomainEventType, amount: Cents) => void): void {
    for (const [year, accounts] of this.byYear)
      for (const [account, types] of accounts) for (const [type, amount] of types) visit(year, account, type, amount);
  }

  clone(): PostingLedger {
    const copy = this.planningClone();
    for (const year of this.byYear.keys()) this.shared.add(year);
    return copy;
  }

  /**
   * A clone for planning on (RegionState.planningCopy): the copy copies what it adds to, as a clone does,
   * but this ledger goes on adding to its own sums in place, so it must not change while the copy is in
   * use. A closing plans on a copy it then lets go of; with `clone`, this ledger would copy every year and
   * account it adds to after each closing, and look up its own copies on every add from then on.
   */
  planningClone(): PostingLedger {
    const copy = new PostingLedger();
    for (const [year, accounts] of this.byYear) {
      copy.byYear.set(year, accounts);
      copy.shared.add(year);
    }
    return copy;
  }
}
