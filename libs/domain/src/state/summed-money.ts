import { Cents } from '@libs/money';
import { Account } from '../accounts';
import { DomainEventType, postingsOf, yearOf } from '../events/domain-event';
import { FactEvent } from '../events/fact.events';
import { Scheme } from '../scheme';
import { foldAdvance, foldExpenditure } from './evolve';
import { RegionState } from './region-state';

/**
 * The facts whose fold only adds to sums: their postings to the ledger, an advance to its member's sum, a
 * local expenditure to its member's totals (see evolveFact). Folded unremembered one after the other, with
 * nothing decided between them, they leave the state as folding the sums of what they add once.
 */
const SUMMED: ReadonlySet<DomainEventType> = new Set<FactEvent['type']>([
  'RijkPaymentRecorded',
  'RegionalCostRecorded',
  'CoPaymentRecorded',
  'ReserveTransferredToFund',
  'FundSpendingRecorded',
  'AdvanceRecorded',
  'LocalExpenditureRecorded',
]);

/** Whether a fact of a year only adds to sums when folded (see evolveSummedMoney). */
export function foldsAsSums(event: FactEvent): boolean {
  return SUMMED.has(event.type) && yearOf(event) !== undefined;
}

/** What facts of one year that only add to sums add, summed; each list in the order first added to. */
export interface SummedMoney {
  readonly year: number;
  /** how many facts were summed */
  readonly count: number;
  /** their postings by account and event type */
  readonly moves: readonly { readonly account: Account; readonly type: DomainEventType; readonly amount: Cents }[];
  /** their advances by member and scheme */
  readonly advances: readonly { readonly municipality: string; readonly scheme: Scheme; readonly amount: Cents }[];
  /** their local expenditures by member and scheme */
  readonly expenditures: readonly {
    readonly municipality: string;
    readonly scheme: Scheme;
    readonly careCosts: Cents;
    readonly executionCosts: Cents;
  }[];
}

/**
 * evolveUnremembered of `count` facts of one year that only add to sums (see foldsAsSums), folded one after
 * the other, from their sums: the same state, as every sum is added to in the order the facts first did.
 */
export function evolveSummedMoney(state: RegionState, summed: SummedMoney): RegionState {
  const { year } = summed;
  state.eventCount += summed.count;
  state.activeYears.add(year);
  state.moneyYears.add(year);
  for (const move of summed.moves) state.ledger.add(year, move.account, move.type, move.amount);
  for (const advance of summed.advances) foldAdvance(state, { year, ...advance });
  for (const expenditure of summed.expenditures) foldExpenditure(state, { year, ...expenditure });
  return state;
}

/** Sums what facts of one year that only add to sums add (see foldsAsSums), and sums of such facts. */
export class MoneySums {
  private count = 0;
  private readonly moves = new Map<string, { account: Account; type: DomainEventType; amount: Cents }>();
  private readonly advances = new Map<string, { municipality: string; scheme: Scheme; amount: Cents }>();
  private readonly expenditures = new Map<
    string,
    { municipality: string; scheme: Scheme; careCosts: Cents; executionCosts: Cents }
  >();

  constructor(readonly year: number) {}

  /** A fact of the year that foldsAsSums. */
  addFact(event: FactEvent): void {
    this.count += 1;
    for (const posting of postingsOf(event)) this.addMove({ ...posting, type: event.type });
    if (event.type === 'AdvanceRecorded') this.addAdvance(event.data);
    else if (event.type === 'LocalExpenditureRecorded') this.addExpenditure(event.data);
  }

  /** Sums of facts of the year. */
  addSums(summed: SummedMoney): void {
    this.count += summed.count;
    for (const move of summed.moves) this.addMove(move);
    for (const advance of summed.advances) this.addAdvance(advance);
    for (const expenditure of summed.expenditures) this.addExpenditure(expenditure);
  }

  summed(): SummedMoney {
    return {
      year: this.year,
      count: this.count,
      moves: [...this.moves.values()],
      advances: [...this.advances.values()],
      expenditures: [...this.expenditures.values()],
    };
  }

  private addMove({ account, type, amount }: SummedMoney['moves'][number]): void {
    const key = `${account}\u0000${type}`;
    const sum = this.moves.get(key);
    if (sum) sum.amount += amount;
    else this.moves.set(key, { account, type, amount });
  }

  private addAdvance({ municipality, scheme, amount }: SummedMoney['advances'][number]): void {
    const key = `${municipality}\u0000${scheme}`;
    const sum = this.advances.get(key);
    if (sum) sum.amount += amount;
    else this.advances.set(key, { municipality, scheme, amount });
  }

  private addExpenditure({
    municipality,
    scheme,
    careCosts,
    executionCosts,
  }: SummedMoney['expenditures'][number]): void {
    const key = `${municipality}\u0000${scheme}`;
    const sum = this.expenditures.get(key);
    if (sum) {
      sum.careCosts += careCosts;
      sum.executionCosts += executionCosts;
    } else this.expenditures.set(key, { municipality, scheme, careCosts, executionCosts });
  }
}
