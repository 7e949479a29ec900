import { Cents } from '@libs/money';
import { Scheme } from '../scheme';
import { Event } from './event';
import { Postings } from './posting';

/**
 * Derived money events: what a run or a closing computed, with everything needed to explain each cent
 * without recomputing — the rule, the key version, the typed inputs of the rule and, for a split over
 * the municipalities, the allocation trail. Display values that are not money (an exact quota, a
 * weight sum, a solidarity result in euros with six decimals) are kept as the decimal text shown.
 */

/** Which key version split an amount. */
export interface KeyReference {
  readonly keyId: string;
  readonly version: number;
  readonly basis: string;
  readonly unit: 'percent' | 'weight';
  /** the sum of the weights, shown with as many decimals as the weights carry */
  readonly weightSum: string;
}

/** One member's share in a largest-remainder split, with what was recorded before and the delta now. */
export interface AllocationLine {
  readonly code: string;
  readonly weight: string;
  /** exact quota T·w/Σw, rounded to 6 decimals for display */
  readonly quota: string;
  readonly target: Cents;
  /** the extra cent from the largest-remainder step: −1, 0 or 1 cent */
  readonly remainderCent: Cents;
  readonly previous: Cents;
  readonly delta: Cents;
}

export interface AllocationTrail {
  readonly total: Cents;
  readonly previousTotal: Cents;
  readonly lines: readonly AllocationLine[];
}

/** What every BW allocation step starts from: H, C and p of domain.md §5. */
export interface BwAllocationInputs {
  readonly historicalPayments: Cents;
  readonly regionalBudget: Cents;
  readonly budgetVersion: number | null;
  readonly objectivePct: string;
}

/** What every MO allocation step starts from: M and C_MO. */
export interface MoAllocationInputs {
  readonly moPayments: Cents;
  readonly regionalBudget: Cents;
  readonly budgetVersion: number | null;
}

/** A skim records its target and what earlier runs moved: the event moves the difference. */
export interface SkimProgress {
  readonly formula: string;
  readonly target: Cents;
  readonly previouslyRecorded: Cents;
}

export type BwSkimInputs = BwAllocationInputs & SkimProgress;
export type BwHistoricalDistributionInputs = BwAllocationInputs & {
  readonly skim: Cents;
  readonly formula: string;
  readonly remainder: Cents;
};
export type BwContributionInputs = BwAllocationInputs & {
  readonly skim: Cents;
  readonly formula: string;
  readonly contribution: Cents;
};
export type MoSkimInputs = MoAllocationInputs & SkimProgress;
export type MoDistributionInputs = MoAllocationInputs & { readonly formula: string; readonly remainder: Cents };

/** A scheme's result r of the year and the part of it the reserve agreement sends to the reserve. */
export interface ResultInputs {
  readonly result: Cents;
  readonly reserveAgreementVersion: number | null;
  readonly toReservePct: string;
}
export type ResultToReserveInputs = ResultInputs & { readonly formula: string; readonly toReserve: Cents };
export type ResultSettlementInputs = ResultInputs & { readonly formula: string; readonly settled: Cents };

/** The reserve's balance against its band (domain.md §6 step 4). */
export interface ReserveBandInputs {
  readonly balance: Cents;
  readonly base: Cents;
  readonly baseKind: 'fixed' | 'budget';
  readonly minPct: string;
  readonly maxPct: string;
  readonly min: Cents;
  readonly max: Cents;
  readonly reserveAgreementVersion: number;
  readonly budgetBW: Cents;
  readonly budgetMO: Cents;
}
export type ReserveReplenishmentInputs = ReserveBandInputs & {
  readonly replenishTo: 'min' | 'max';
  readonly target: Cents;
  readonly amount: Cents;
  readonly schemePart: Cents;
};
export type ReservePayoutInputs = ReserveBandInputs & {
  readonly payoutTo: 'max' | 'min';
  readonly target: Cents;
  readonly amount: Cents;
  readonly schemePart: Cents;
};
export type ReserveExcessToFundInputs = ReserveBandInputs & {
  readonly payoutTo: 'max' | 'min';
  readonly target: Cents;
  readonly amount: Cents;
  readonly fundId: string;
};

/** The agreement's six design choices as they applied to the year. */
export interface SolidarityInputs {
  readonly baseline: 'income' | 'regional-average';
  readonly executionCosts: 'actual' | 'surcharge';
  readonly surchargePct: string | null;
  readonly cap: boolean;
  readonly policyCorrections: boolean;
  readonly ownAccountPct: string;
  readonly weighted: boolean;
}

/** One member in a solidarity computation: amounts in euros with up to six decimals, then its transfer. */
export interface SolidarityLine {
  readonly code: string;
  readonly income: string;
  readonly spending: string;
  readonly result: string;
  readonly deviation: string;
  readonly pooled: string;
  readonly weight: string;
  readonly cap: string | null;
  readonly target: Cents;
  readonly previous: Cents;
  readonly delta: Cents;
}

/** A rule's amount moved between two pots. */
interface Moved<Rule extends string, Inputs> {
  regionId: string;
  year: number;
  scheme: Scheme;
  rule: Rule;
  inputs: Inputs;
  postings: Postings;
}

/** A rule's amount split over the municipalities by a key. */
interface Split<Rule extends string, Inputs> {
  regionId: string;
  year: number;
  scheme: Scheme;
  rule: Rule;
  /** absent when nothing was split (a zero total needs no key) */
  key?: KeyReference;
  inputs: Inputs;
  allocation: AllocationTrail;
  postings: Postings;
}

/** afroming BW: the skim K from the historical budget to the BW provisions */
export type BwHistoricalSkimmed = Event<'BwHistoricalSkimmed', Moved<'bw-skim', BwSkimInputs>>;
export type BwHistoricalDistributed = Event<
  'BwHistoricalDistributed',
  Split<'bw-historical-distribution', BwHistoricalDistributionInputs>
>;
export type BwContributionsCharged = Event<
  'BwContributionsCharged',
  Split<'bw-objective-contribution', BwContributionInputs>
>;
/** afroming MO: the regional MO budget from the central municipality's MO money to the MO provisions */
export type MoBudgetSkimmed = Event<'MoBudgetSkimmed', Moved<'mo-skim', MoSkimInputs>>;
export type MoBudgetDistributed = Event<'MoBudgetDistributed', Split<'mo-distribution', MoDistributionInputs>>;
export type RegionalResultTransferred = Event<
  'RegionalResultTransferred',
  Moved<'result-to-reserve', ResultToReserveInputs>
>;
export type RegionalResultSettled = Event<'RegionalResultSettled', Split<'result-settlement', ResultSettlementInputs>>;
export type ReserveReplenished = Event<
  'ReserveReplenished',
  Split<'reserve-replenishment', ReserveReplenishmentInputs>
>;
export type ReservePaidOut = Event<'ReservePaidOut', Split<'reserve-payout', ReservePayoutInputs>>;
export type ReserveExcessTransferredToFund = Event<
  'ReserveExcessTransferredToFund',
  {
    regionId: string;
    year: number;
    rule: 'reserve-excess-to-fund';
    inputs: ReserveExcessToFundInputs;
    postings: Postings;
  }
>;
export type SolidarityTransferred = Event<
  'SolidarityTransferred',
  {
    regionId: string;
    year: number;
    scheme: 'BW';
    rule: 'solidarity';
    agreementVersion: number;
    inputs: SolidarityInputs;
    volume: Cents;
    lines: readonly SolidarityLine[];
    postings: Postings;
  }
>;

export type DerivedEvent =
  | BwHistoricalSkimmed
  | BwHistoricalDistributed
  | BwContributionsCharged
  | MoBudgetSkimmed
  | MoBudgetDistributed
  | RegionalResultTransferred
  | RegionalResultSettled
  | ReserveReplenished
  | ReservePaidOut
  | ReserveExcessTransferredToFund
  | SolidarityTransferred;

/** The events that split an amount over the municipalities by a key, with an allocation trail. */
export type SplitEvent = Extract<DerivedEvent, { data: { allocation: AllocationTrail } }>;

/** Which rule of domain.md produced a derived amount; explain and trace report it. */
export type RuleId = DerivedEvent['data']['rule'];
