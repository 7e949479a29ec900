import { Cents } from '@libs/money';
import {
  DistributionKeyAdopted,
  InhabitantsRecorded,
  RegionalBudgetAdopted,
  RegionRegistered,
  ReserveAgreementAdopted,
  ReserveOpeningRecorded,
  SolidarityAgreementAdopted,
} from '../events/fact.events';
import { PostingLedger, PostingLedgerView } from './posting-ledger';

export type RegionInfo = RegionRegistered['data'];
export type KeyVersion = DistributionKeyAdopted['data'];
export type BudgetVersion = RegionalBudgetAdopted['data'];
export type ReserveAgreement = ReserveAgreementAdopted['data'];
export type SolidarityAgreement = SolidarityAgreementAdopted['data'];
export type InhabitantCounts = InhabitantsRecorded['data'];
export type ReserveOpening = ReserveOpeningRecorded['data'];

export interface ExpenditureTotals {
  careCosts: Cents;
  executionCosts: Cents;
}

/**
 * What the rules may know of one region, read-only: the decider decides from it, the read models read
 * it. Everything in it was folded from the region's events by `evolve`.
 */
export interface RegionView {
  readonly region: RegionInfo | undefined;
  /**
   * every recorded fact and version by its identity (`factIdentity`), for idempotency: its given content
   * (`givenContent`: the stored data without postings, as canonical JSON with its commonest member
   * names shortened), not the whole event
   */
  readonly facts: ReadonlyMap<string, string>;
  readonly keys: ReadonlyMap<string, readonly KeyVersion[]>;
  readonly budgets: ReadonlyMap<string, readonly BudgetVersion[]>;
  readonly reserveAgreements: readonly ReserveAgreement[];
  readonly solidarityAgreements: readonly SolidarityAgreement[];
  readonly inhabitants: ReadonlyMap<number, InhabitantCounts>;
  /** local expenditure by `${year}:${code}:${scheme}` */
  readonly expenditures: ReadonlyMap<string, Readonly<ExpenditureTotals>>;
  /** policy corrections by `${year}:${code}` */
  readonly policyCorrections: ReadonlyMap<string, Cents>;
  /** advances by `${year}:${code}:${scheme}` (+ paid by the municipality) */
  readonly advances: ReadonlyMap<string, Cents>;
  /** years with a reserve opening (one per region; older stores may hold more) */
  readonly reserveOpeningYears: ReadonlySet<number>;
  /** the reserve opening recorded last, if any */
  readonly reserveOpening: ReserveOpening | undefined;
  /** years for which money or a budget is recorded: only those can be run or closed (YEAR_EMPTY) */
  readonly moneyYears: ReadonlySet<number>;
  readonly ledger: PostingLedgerView;
  readonly closedYears: ReadonlySet<number>;
  /** years that have been closed at least once (a reopened year keeps what its closing recorded) */
  readonly everClosedYears: ReadonlySet<number>;
  /** years that have any recorded fact or run, for listing */
  readonly activeYears: ReadonlySet<number>;
  readonly eventCount: number;
  /** the member codes in code order; none before registration */
  memberCodes(): string[];
  isMember(code: string): boolean;
  /** a scratch copy to evolve, for a command that must see the effect of its own events */
  clone(): RegionState;
  /**
   * a scratch copy to evolve derived events and markers into (a closing plans its steps on one), made
   * without copying the facts and what they fold into, nor the posting sums until it adds to them: those
   * it shares with this state, which must not change while the copy is in use (no fact may be evolved
   * into the copy either)
   */
  planningCopy(): RegionState;
}

/** A region after its RegisterRegion: what every command but RegisterRegion decides from. */
export interface RegisteredRegionView extends RegionView {
  readonly region: RegionInfo;
}

export function isRegistered(view: RegionView): view is RegisteredRegionView {
  return view.region !== undefined;
}

const NO_MEMBERS: readonly string[] = [];
const memberSets = new WeakMap<RegionInfo, ReadonlySet<string>>();
const codesInOrder = new WeakMap<RegionInfo, readonly string[]>();

/**
 * The member codes in code order (none before registration), listed once per registration: every split
 * of every run and closing asks for them, and a registration never changes (another is another object).
 */
export function membersInCodeOrder(view: RegionView): readonly string[] {
  const region = view.region;
  if (region === undefined) return NO_MEMBERS;
  let codes = codesInOrder.get(region);
  if (codes === undefined) {
    codes = region.municipalities.map((member) => member.code).sort();
    codesInOrder.set(region, codes);
  }
  return codes;
}

/**
 * The fold's own state of one region. `evolve` owns the instance and mutates it in place (replaying
 * thousands of events must stay cheap); everyone else sees it as a `RegionView`.
 */
export class RegionState implements RegionView {
  region: RegionInfo | undefined;
  readonly facts: Map<string, string>;
  readonly keys: Map<string, KeyVersion[]>;
  readonly budgets: Map<string, BudgetVersion[]>;
  readonly reserveAgreements: ReserveAgreement[];
  readonly solidarityAgreements: SolidarityAgreement[];
  readonly inhabitants: Map<number, InhabitantCounts>;
  readonly expenditures: Map<string, ExpenditureTotals>;
  readonly policyCorrections: Map<string, Cents>;
  readonly advances: Map<string, Cents>;
  readonly reserveOpeningYears: Set<number>;
  reserveOpening: ReserveOpening | undefined;
  readonly moneyYears = new Set<number>();
  readonly ledger: PostingLedger;
  readonly closedYears = new Set<number>();
  readonly everClosedYears = new Set<number>();
  readonly activeYears = new Set<number>();
  eventCount = 0;
  /** a planning copy (see planningCopy): it shares what facts fold into, so no fact may be evolved into it */
  readonly forPlanning: boolean;

  /** `factsOf`: the state whose facts, and what they fold into, a planning copy shares */
  constructor(ledger = new PostingLedger(), facts = new Map<string, string>(), factsOf?: RegionState) {
    this.ledger = ledger;
    this.facts = factsOf?.facts ?? facts;
    this.keys = factsOf?.keys ?? new Map<string, KeyVersion[]>();
    this.budgets = factsOf?.budgets ?? new Map<string, BudgetVersion[]>();
    this.reserveAgreements = factsOf?.reserveAgreements ?? [];
    this.solidarityAgreements = factsOf?.solidarityAgreements ?? [];
    this.inhabitants = factsOf?.inhabitants ?? new Map<number, InhabitantCounts>();
    this.expenditures = factsOf?.expenditures ?? new Map<string, ExpenditureTotals>();
    this.policyCorrections = factsOf?.policyCorrections ?? new Map<string, Cents>();
    this.advances = factsOf?.advances ?? new Map<string, Cents>();
    this.reserveOpeningYears = factsOf?.reserveOpeningYears ?? new Set<number>();
    this.forPlanning = factsOf !== undefined;
  }

  memberCodes(): string[] {
    return [...membersInCodeOrder(this)];
  }

  isMember(code: string): boolean {
    const region = this.region;
    if (region === undefined) return false;
    // asked for every command that names a member: the codes as a set, made once per registration
    let codes = memberSets.get(region);
    if (codes === undefined)
      memberSets.set(region, (codes = new Set(region.municipalities.map((member) => member.code))));
    return codes.has(code);
  }

  clone(): RegionState {
    // Map's own copy: a region's facts run to thousands
    const copy = new RegionState(this.ledger.clone(), new Map(this.facts));
    copy.region = this.region;
    copy.reserveOpening = this.reserveOpening;
    copy.eventCount = this.eventCount;
    for (const [k, v] of this.keys) copy.keys.set(k, [...v]);
    for (const [k, v] of this.budgets) copy.budgets.set(k, [...v]);
    copy.reserveAgreements.push(...this.reserveAgreements);
    copy.solidarityAgreements.push(...this.solidarityAgreements);
    for (const [k, v] of this.inhabitants) copy.inhabitants.set(k, v);
    for (const [k, v] of this.expenditures) copy.expenditures.set(k, { ...v });
    for (const [k, v] of this.policyCorrections) copy.policyCorrections.set(k, v);
    for (const [k, v] of this.advances) copy.advances.set(k, v);
    for (const y of this.reserveOpeningYears) copy.reserveOpeningYears.add(y);
    copyYears(this, copy);
    return copy;
  }

  planningCopy(): RegionState {
    const copy = new RegionState(this.ledger.planningClone(), undefined, this);
    copy.region = this.region;
    copy.reserveOpening = this.reserveOpening;
    copy.eventCount = this.eventCount;
    copyYears(this, copy);
    return copy;
  }
}

/** What derived events and markers change besides the ledger: the sets of years. */
function copyYears(from: RegionState, to: RegionState): void {
  for (const y of from.moneyYears) to.moneyYears.add(y);
  for (const y of from.closedYears) to.closedYears.add(y);
  for (const y of from.everClosedYears) to.everClosedYears.add(y);
  for (const y of from.activeYears) to.activeYears.add(y);
}
