import { Cents, parseAmount } from '@libs/money';
import {
  AdoptDistributionKey,
  AdoptRegionalBudget,
  AdoptReserveAgreement,
  AdoptSolidarityAgreement,
  RecordInhabitants,
  RegisterRegion,
} from '../commands/command.types';
import { DomainEvent, FactData, postingsOf } from '../events/event.types';
import { factContent, fromFactData } from '../events/fact-data';
import { canonicalJson } from './canonical-json';
import { PostingLedger } from './posting-ledger';

export type RegionInfo = Omit<RegisterRegion, 'type'>;
export type KeyVersion = Omit<AdoptDistributionKey, 'type'>;
export type BudgetVersion = Omit<AdoptRegionalBudget, 'type'>;
export type ReserveAgreement = Omit<AdoptReserveAgreement, 'type'>;
export type SolidarityAgreement = Omit<AdoptSolidarityAgreement, 'type'>;
export type InhabitantCounts = Omit<RecordInhabitants, 'type'>;

export interface ExpenditureTotals {
  careCosts: Cents;
  executionCosts: Cents;
}

/**
 * Everything the rules need to know about one region, folded from its event stream. The fold owns the
 * instance and mutates it in place (replaying thousands of events must stay cheap); `clone` gives
 * `decide` a scratch copy when a command has to look at the effect of its own events.
 */
export class RegionState {
  region: RegionInfo | undefined;
  /** canonical content of every recorded fact and version, by identity, for idempotency */
  readonly contents = new Map<string, string>();
  readonly keys = new Map<string, KeyVersion[]>();
  readonly budgets = new Map<string, BudgetVersion[]>();
  readonly reserveAgreements: ReserveAgreement[] = [];
  readonly solidarityAgreements: SolidarityAgreement[] = [];
  readonly inhabitants = new Map<number, InhabitantCounts>();
  /** local expenditure by `${year}:${code}:${scheme}` */
  readonly expenditures = new Map<string, ExpenditureTotals>();
  /** policy corrections by `${year}:${code}` */
  readonly policyCorrections = new Map<string, Cents>();
  /** advances by `${year}:${code}:${scheme}` (+ paid by the municipality) */
  readonly advances = new Map<string, Cents>();
  /** years with a reserve opening (one per region; older stores may hold more) */
  readonly reserveOpeningYears = new Set<number>();
  /** years for which money or a budget is recorded: only those can be run or closed (YEAR_EMPTY) */
  readonly moneyYears = new Set<number>();
  readonly ledger: PostingLedger;
  readonly closedYears = new Set<number>();
  /** years that have been closed at least once (a reopened year keeps what its closing recorded) */
  readonly everClosedYears = new Set<number>();
  /** years that have any recorded fact or run, for listing */
  readonly activeYears = new Set<number>();
  eventCount = 0;

  constructor(ledger = new PostingLedger()) {
    this.ledger = ledger;
  }

  get regionId(): string | undefined {
    return this.region?.regionId;
  }

  memberCodes(): string[] {
    return (this.region?.municipalities ?? []).map((member) => member.code).sort();
  }

  isMember(code: string): boolean {
    return this.region?.municipalities.some((member) => member.code === code) ?? false;
  }

  apply(event: DomainEvent): this {
    this.eventCount += 1;
    const year = (event.data as { year?: number }).year;
    if (typeof year === 'number') {
      this.activeYears.add(year);
      if (MONEY_FACTS.has(event.type) || postingsOf(event).length > 0) this.moneyYears.add(year);
    }
    for (const posting of postingsOf(event)) {
      this.ledger.add(year ?? 0, posting.account, event.type, parseAmount(posting.amount));
    }
    switch (event.type) {
      case 'RegionRegistered':
        this.region = this.remember('region', event.data, fromFactData(event.type, event.data) as RegisterRegion);
        break;
      case 'DistributionKeyAdopted': {
        const key = this.remember(
          versionIdentity.key(event.data),
          event.data,
          fromFactData(event.type, event.data) as AdoptDistributionKey,
        );
        this.keys.set(key.keyId, [...(this.keys.get(key.keyId) ?? []), key]);
        break;
      }
      case 'RegionalBudgetAdopted': {
        const budget = this.remember(
          versionIdentity.budget(event.data),
          event.data,
          fromFactData(event.type, event.data) as AdoptRegionalBudget,
        );
        const slot = `${budget.year}:${budget.scheme}`;
        this.budgets.set(slot, [...(this.budgets.get(slot) ?? []), budget]);
        break;
      }
      case 'ReserveAgreementAdopted':
        this.reserveAgreements.push(
          this.remember(
            versionIdentity.reserveAgreement(event.data),
            event.data,
            fromFactData(event.type, event.data) as AdoptReserveAgreement,
          ),
        );
        break;
      case 'SolidarityAgreementAdopted':
        this.solidarityAgreements.push(
          this.remember(
            versionIdentity.solidarityAgreement(event.data),
            event.data,
            fromFactData(event.type, event.data) as AdoptSolidarityAgreement,
          ),
        );
        break;
      case 'InhabitantsRecorded': {
        const counts = this.remember(
          versionIdentity.inhabitants(event.data),
          event.data,
          fromFactData(event.type, event.data) as RecordInhabitants,
        );
        this.inhabitants.set(counts.year, counts);
        break;
      }
      case 'LocalExpenditureRecorded': {
        this.rememberFact(event.type, event.data);
        const slot = `${event.data.year}:${event.data.municipality}:${event.data.scheme}`;
        const totals = this.expenditures.get(slot) ?? { careCosts: 0n, executionCosts: 0n };
        totals.careCosts += parseAmount(event.data.careCosts);
        totals.executionCosts += parseAmount(event.data.executionCosts);
        this.expenditures.set(slot, totals);
        break;
      }
      case 'PolicyCorrectionRecorded': {
        this.rememberFact(event.type, event.data);
        const slot = `${event.data.year}:${event.data.municipality}`;
        this.policyCorrections.set(slot, (this.policyCorrections.get(slot) ?? 0n) + parseAmount(event.data.amount));
        break;
      }
      case 'AdvanceRecorded': {
        this.rememberFact(event.type, event.data);
        const slot = `${event.data.year}:${event.data.municipality}:${event.data.scheme}`;
        this.advances.set(slot, (this.advances.get(slot) ?? 0n) + parseAmount(event.data.amount));
        break;
      }
      case 'ReserveOpeningRecorded':
        this.rememberFact(event.type, event.data);
        this.reserveOpeningYears.add(event.data.year as number);
        break;
      case 'RijkPaymentRecorded':
      case 'RegionalCostRecorded':
      case 'CoPaymentRecorded':
      case 'ReserveTransferredToFund':
      case 'FundSpendingRecorded':
        this.rememberFact(event.type, event.data);
        break;
      case 'YearClosed':
        this.closedYears.add(event.data.year);
        this.everClosedYears.add(event.data.year);
        break;
      case 'YearReopened':
        this.closedYears.delete(event.data.year);
        break;
      case 'AllocationRunCompleted':
      case 'BwHistoricalSkimmed':
      case 'BwHistoricalDistributed':
      case 'BwContributionsCharged':
      case 'MoBudgetSkimmed':
      case 'MoBudgetDistributed':
      case 'RegionalResultTransferred':
      case 'RegionalResultSettled':
      case 'ReserveReplenished':
      case 'ReservePaidOut':
      case 'ReserveExcessTransferredToFund':
      case 'SolidarityTransferred':
        break;
      default: {
        const unknown: never = event;
        throw new Error(`cannot fold unknown event ${JSON.stringify(unknown)}`);
      }
    }
    return this;
  }

  private remember<T>(identity: string, data: FactData, value: T): T {
    this.contents.set(identity, canonicalJson(factContent(data)));
    return value;
  }

  private rememberFact(type: keyof typeof FACT_IDENTITY, data: FactData): void {
    this.contents.set(FACT_IDENTITY[type](data), canonicalJson(factContent(data)));
  }

  clone(): RegionState {
    const copy = new RegionState(this.ledger.clone());
    copy.region = this.region;
    copy.eventCount = this.eventCount;
    for (const [k, v] of this.contents) copy.contents.set(k, v);
    for (const [k, v] of this.keys) copy.keys.set(k, [...v]);
    for (const [k, v] of this.budgets) copy.budgets.set(k, [...v]);
    copy.reserveAgreements.push(...this.reserveAgreements);
    copy.solidarityAgreements.push(...this.solidarityAgreements);
    for (const [k, v] of this.inhabitants) copy.inhabitants.set(k, v);
    for (const [k, v] of this.expenditures) copy.expenditures.set(k, { ...v });
    for (const [k, v] of this.policyCorrections) copy.policyCorrections.set(k, v);
    for (const [k, v] of this.advances) copy.advances.set(k, v);
    for (const y of this.reserveOpeningYears) copy.reserveOpeningYears.add(y);
    for (const y of this.moneyYears) copy.moneyYears.add(y);
    for (const y of this.closedYears) copy.closedYears.add(y);
    for (const y of this.everClosedYears) copy.everClosedYears.add(y);
    for (const y of this.activeYears) copy.activeYears.add(y);
    return copy;
  }

  static fold(events: Iterable<DomainEvent>, state = new RegionState()): RegionState {
    for (const event of events) state.apply(event);
    return state;
  }
}

type Fields = { readonly [field: string]: unknown };

/** Identity of each versioned thing: the same identity with other content is a conflict. */
export const versionIdentity = {
  key: (data: Fields) => `key:${data.keyId}:v${data.version}`,
  budget: (data: Fields) => `budget:${data.year}:${data.scheme}:v${data.version}`,
  reserveAgreement: (data: Fields) => `reserve-agreement:v${data.version}`,
  solidarityAgreement: (data: Fields) => `solidarity-agreement:v${data.version}`,
  inhabitants: (data: Fields) => `inhabitants:${data.year}`,
};

/** The facts that put money (or a budget) in a year; a year without any is empty (domain.md §4). */
const MONEY_FACTS: ReadonlySet<string> = new Set([
  'RijkPaymentRecorded',
  'RegionalBudgetAdopted',
  'RegionalCostRecorded',
  'CoPaymentRecorded',
  'LocalExpenditureRecorded',
  'AdvanceRecorded',
  'ReserveOpeningRecorded',
  'ReserveTransferredToFund',
  'FundSpendingRecorded',
]);

/** Identity of each fact that carries an id; the reserve opening has one per region. */
export const FACT_IDENTITY = {
  RijkPaymentRecorded: (data: FactData) => `payment:${data.paymentId}`,
  RegionalCostRecorded: (data: FactData) => `cost:${data.costId}`,
  CoPaymentRecorded: (data: FactData) => `co-payment:${data.coPaymentId}`,
  LocalExpenditureRecorded: (data: FactData) => `expenditure:${data.expenditureId}`,
  PolicyCorrectionRecorded: (data: FactData) => `correction:${data.correctionId}`,
  ReserveOpeningRecorded: (_data: FactData) => 'reserve-opening',
  AdvanceRecorded: (data: FactData) => `advance:${data.advanceId}`,
  ReserveTransferredToFund: (data: FactData) => `fund-transfer:${data.transferId}`,
  FundSpendingRecorded: (data: FactData) => `fund-spending:${data.spendingId}`,
} as const;
