import { Account } from '../accounts';
import { Scheme } from '../scheme';

/** One line of a money event: an account and the signed amount that moves on it (decimal string). */
export interface Posting {
  readonly account: Account;
  readonly amount: string;
}

/** Which rule of domain.md produced a derived amount; explain and trace report it. */
export type RuleId =
  | 'bw-skim'
  | 'bw-historical-distribution'
  | 'bw-objective-contribution'
  | 'mo-skim'
  | 'mo-distribution'
  | 'result-to-reserve'
  | 'result-settlement'
  | 'reserve-replenishment'
  | 'reserve-payout'
  | 'reserve-excess-to-fund'
  | 'solidarity';

export interface KeyReference {
  readonly keyId: string;
  readonly version: number;
  readonly basis: string;
  readonly unit: 'percent' | 'weight';
  readonly weightSum: string;
}

/** One member's share in a largest-remainder split, with what was recorded before and the delta now. */
export interface AllocationLine {
  readonly code: string;
  readonly weight: string;
  /** exact quota T·w/Σw, rounded to 6 decimals for display */
  readonly quota: string;
  readonly target: string;
  /** the extra cent from the largest-remainder step, as -0.01, 0.00 or 0.01 */
  readonly remainderCent: string;
  readonly previous: string;
  readonly delta: string;
}

export interface AllocationTrail {
  readonly total: string;
  readonly previousTotal: string;
  readonly lines: readonly AllocationLine[];
}

/** The part every derived money event shares: the rule, the key and the inputs behind its postings. */
export interface DerivedMoneyData {
  readonly regionId: string;
  readonly year: number;
  readonly scheme?: Scheme;
  readonly rule: RuleId;
  readonly key?: KeyReference;
  readonly inputs: Readonly<Record<string, string | number | boolean | null>>;
  readonly allocation?: AllocationTrail;
  readonly postings: readonly Posting[];
}

export interface SolidarityLine {
  readonly code: string;
  readonly income: string;
  readonly spending: string;
  readonly result: string;
  readonly deviation: string;
  readonly pooled: string;
  readonly weight: string;
  readonly cap: string | null;
  readonly target: string;
  readonly previous: string;
  readonly delta: string;
}

export interface SolidarityData extends DerivedMoneyData {
  readonly rule: 'solidarity';
  readonly agreementVersion: number;
  readonly volume: string;
  readonly lines: readonly SolidarityLine[];
}

export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue | undefined };
/** A recorded fact: the command's fields as given (amounts as decimal strings), plus postings for money facts. */
export type FactData = { readonly regionId: string; readonly postings?: readonly Posting[] } & {
  readonly [field: string]: JsonValue | undefined;
};

export const FACT_EVENT_TYPES = [
  'RegionRegistered',
  'DistributionKeyAdopted',
  'RijkPaymentRecorded',
  'RegionalBudgetAdopted',
  'RegionalCostRecorded',
  'CoPaymentRecorded',
  'LocalExpenditureRecorded',
  'PolicyCorrectionRecorded',
  'ReserveAgreementAdopted',
  'ReserveOpeningRecorded',
  'AdvanceRecorded',
  'ReserveTransferredToFund',
  'FundSpendingRecorded',
  'SolidarityAgreementAdopted',
  'InhabitantsRecorded',
] as const;
export type FactEventType = (typeof FACT_EVENT_TYPES)[number];

export const DERIVED_EVENT_TYPES = [
  'BwHistoricalSkimmed',
  'BwHistoricalDistributed',
  'BwContributionsCharged',
  'MoBudgetSkimmed',
  'MoBudgetDistributed',
  'RegionalResultTransferred',
  'RegionalResultSettled',
  'ReserveReplenished',
  'ReservePaidOut',
  'ReserveExcessTransferredToFund',
  'SolidarityTransferred',
] as const;
export type DerivedEventType = (typeof DERIVED_EVENT_TYPES)[number];

export const MARKER_EVENT_TYPES = ['AllocationRunCompleted', 'YearClosed', 'YearReopened'] as const;
export type MarkerEventType = (typeof MARKER_EVENT_TYPES)[number];

export interface MarkerData {
  readonly regionId: string;
  readonly year: number;
  readonly reason?: string;
}

export type DomainEvent =
  | { readonly type: FactEventType; readonly data: FactData }
  | { readonly type: Exclude<DerivedEventType, 'SolidarityTransferred'>; readonly data: DerivedMoneyData }
  | { readonly type: 'SolidarityTransferred'; readonly data: SolidarityData }
  | { readonly type: MarkerEventType; readonly data: MarkerData };

export type DomainEventType = DomainEvent['type'];

/**
 * What `decide` returns: the event plus a stable identity hint from which the ledger derives a
 * deterministic event id (a fact's id, a version), so that a retried append is recognised.
 */
export interface DecidedEvent {
  readonly event: DomainEvent;
  readonly idHint?: string;
}

const KNOWN_TYPES: ReadonlySet<string> = new Set<string>([
  ...FACT_EVENT_TYPES,
  ...DERIVED_EVENT_TYPES,
  ...MARKER_EVENT_TYPES,
]);
export function isDomainEventType(type: string): type is DomainEventType {
  return KNOWN_TYPES.has(type);
}

export function postingsOf(event: DomainEvent): readonly Posting[] {
  const data = event.data as { postings?: readonly Posting[] };
  return data.postings ?? [];
}
