import { Cents } from '@libs/money';
import { Scheme } from '../scheme';
import { Event } from './event';
import { Postings } from './posting';

/**
 * Facts: what the region recorded, as given (domain.md §2). Each fact has its own schema; the
 * decider maps a validated command onto it, and the fold reads it without ever parsing a command.
 * Optional fields are absent (not null) when they were not given.
 */

export interface Member {
  readonly code: string;
  readonly name: string;
}

export type RegionRegistered = Event<
  'RegionRegistered',
  {
    regionId: string;
    name: string;
    centralMunicipality: string;
    /** in code order */
    municipalities: readonly Member[];
  }
>;

/** Weights (or counts) by municipality code, as non-negative decimal strings in canonical form. */
export type WeightsByCode = Readonly<Record<string, string>>;

export type DistributionKeyAdopted = Event<
  'DistributionKeyAdopted',
  {
    regionId: string;
    keyId: string;
    version: number;
    validFrom: number;
    validTo?: number;
    unit: 'percent' | 'weight';
    basis: string;
    weights: WeightsByCode;
  }
>;

export type RijkPaymentRecorded = Event<
  'RijkPaymentRecorded',
  {
    regionId: string;
    paymentId: string;
    year: number;
    scheme: Scheme;
    basis: 'historical' | 'objective';
    recipient: string;
    amount: Cents;
    reference?: string;
    bookDate?: string;
    postings: Postings;
  }
>;

export interface BudgetComponent {
  readonly label: string;
  readonly amount: Cents;
}

export type RegionalBudgetAdopted = Event<
  'RegionalBudgetAdopted',
  {
    regionId: string;
    version: number;
    year: number;
    scheme: Scheme;
    amount: Cents;
    /** BW only (a percentage; "0" when not given); absent for MO */
    objectivePct?: string;
    components?: readonly BudgetComponent[];
  }
>;

export type RegionalCostRecorded = Event<
  'RegionalCostRecorded',
  {
    regionId: string;
    costId: string;
    year: number;
    scheme: Scheme;
    amount: Cents;
    category?: string;
    provider?: string;
    description?: string;
    postings: Postings;
  }
>;

export type CoPaymentRecorded = Event<
  'CoPaymentRecorded',
  {
    regionId: string;
    coPaymentId: string;
    year: number;
    scheme: Scheme;
    amount: Cents;
    description?: string;
    postings: Postings;
  }
>;

export type LocalExpenditureRecorded = Event<
  'LocalExpenditureRecorded',
  {
    regionId: string;
    expenditureId: string;
    year: number;
    scheme: Scheme;
    municipality: string;
    careCosts: Cents;
    executionCosts: Cents;
    postings: Postings;
  }
>;

/** No money moves: solidarity reads it. */
export type PolicyCorrectionRecorded = Event<
  'PolicyCorrectionRecorded',
  {
    regionId: string;
    correctionId: string;
    year: number;
    municipality: string;
    amount: Cents;
    justification: string;
  }
>;

/** What the reserve's band is a percentage of: the covered schemes' regional budgets, or a fixed amount. */
export type ReserveBase = { readonly kind: 'fixed'; readonly amount: Cents } | { readonly kind: 'budget' };
/** Where money above the reserve's band goes: back to the municipalities or into a fund. */
export type ExcessTarget = { readonly kind: 'municipalities' } | { readonly kind: 'fund'; readonly fundId: string };

export type ReserveAgreementAdopted = Event<
  'ReserveAgreementAdopted',
  {
    regionId: string;
    version: number;
    validFrom: number;
    /** in scheme order */
    schemes: readonly Scheme[];
    minPct: string;
    maxPct: string;
    base: ReserveBase;
    toReservePct: string;
    replenishTo: 'min' | 'max';
    payoutTo: 'max' | 'min';
    excessTo: ExcessTarget;
  }
>;

export type ReserveOpeningRecorded = Event<
  'ReserveOpeningRecorded',
  {
    regionId: string;
    year: number;
    amount: Cents;
    reference?: string;
    postings: Postings;
  }
>;

export type AdvanceRecorded = Event<
  'AdvanceRecorded',
  {
    regionId: string;
    advanceId: string;
    year: number;
    scheme: Scheme;
    municipality: string;
    /** + paid by the municipality, − paid to it */
    amount: Cents;
    date?: string;
    reference?: string;
    postings: Postings;
  }
>;

export type ReserveTransferredToFund = Event<
  'ReserveTransferredToFund',
  {
    regionId: string;
    transferId: string;
    year: number;
    fundId: string;
    amount: Cents;
    reference?: string;
    postings: Postings;
  }
>;

export type FundSpendingRecorded = Event<
  'FundSpendingRecorded',
  {
    regionId: string;
    spendingId: string;
    year: number;
    fundId: string;
    scheme: Scheme;
    amount: Cents;
    /** a municipality code, or "providers" */
    recipient: string;
    postings: Postings;
  }
>;

export type SolidarityAgreementAdopted = Event<
  'SolidarityAgreementAdopted',
  {
    regionId: string;
    version: number;
    validFrom: number;
    baseline: 'income' | 'regional-average';
    executionCosts: 'actual' | 'surcharge';
    surchargePct?: string;
    cap: boolean;
    weights?: WeightsByCode;
    policyCorrections: boolean;
    ownAccountPct: string;
    /** by year as text ("2025") */
    ownAccountPctByYear?: Readonly<Record<string, string>>;
  }
>;

export type InhabitantsRecorded = Event<
  'InhabitantsRecorded',
  {
    regionId: string;
    year: number;
    counts: WeightsByCode;
    source?: string;
  }
>;

export type FactEvent =
  | RegionRegistered
  | DistributionKeyAdopted
  | RijkPaymentRecorded
  | RegionalBudgetAdopted
  | RegionalCostRecorded
  | CoPaymentRecorded
  | LocalExpenditureRecorded
  | PolicyCorrectionRecorded
  | ReserveAgreementAdopted
  | ReserveOpeningRecorded
  | AdvanceRecorded
  | ReserveTransferredToFund
  | FundSpendingRecorded
  | SolidarityAgreementAdopted
  | InhabitantsRecorded;

export type FactEventType = FactEvent['type'];
