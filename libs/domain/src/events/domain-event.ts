import { DerivedEvent, RuleId } from './derived.events';
import { Event } from './event';
import { FactEvent } from './fact.events';
import { Postings } from './posting';

/** Runs are recorded too, so that a replay re-executes the same sequence. */
export type AllocationRunCompleted = Event<'AllocationRunCompleted', { regionId: string; year: number }>;
export type YearClosed = Event<'YearClosed', { regionId: string; year: number }>;
export type YearReopened = Event<'YearReopened', { regionId: string; year: number; reason: string }>;
export type MarkerEvent = AllocationRunCompleted | YearClosed | YearReopened;

/** Every event a region's stream holds: a discriminated union on `type`. */
export type DomainEvent = FactEvent | DerivedEvent | MarkerEvent;
export type DomainEventType = DomainEvent['type'];

/** The event of a type. */
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;

/**
 * What `decide` returns: the event plus a stable identity hint from which the ledger derives a
 * deterministic event id (a fact's id, a version), so that a retried append is recognised.
 */
export interface DecidedEvent {
  readonly event: DomainEvent;
  readonly idHint?: string;
}

const KIND: Readonly<Record<DomainEventType, 'fact' | 'derived' | 'marker'>> = {
  RegionRegistered: 'fact',
  DistributionKeyAdopted: 'fact',
  RijkPaymentRecorded: 'fact',
  RegionalBudgetAdopted: 'fact',
  RegionalCostRecorded: 'fact',
  CoPaymentRecorded: 'fact',
  LocalExpenditureRecorded: 'fact',
  PolicyCorrectionRecorded: 'fact',
  ReserveAgreementAdopted: 'fact',
  ReserveOpeningRecorded: 'fact',
  AdvanceRecorded: 'fact',
  ReserveTransferredToFund: 'fact',
  FundSpendingRecorded: 'fact',
  SolidarityAgreementAdopted: 'fact',
  InhabitantsRecorded: 'fact',
  BwHistoricalSkimmed: 'derived',
  BwHistoricalDistributed: 'derived',
  BwContributionsCharged: 'derived',
  MoBudgetSkimmed: 'derived',
  MoBudgetDistributed: 'derived',
  RegionalResultTransferred: 'derived',
  RegionalResultSettled: 'derived',
  ReserveReplenished: 'derived',
  ReservePaidOut: 'derived',
  ReserveExcessTransferredToFund: 'derived',
  SolidarityTransferred: 'derived',
  AllocationRunCompleted: 'marker',
  YearClosed: 'marker',
  YearReopened: 'marker',
};

export function isDomainEventType(type: string): type is DomainEventType {
  return Object.hasOwn(KIND, type);
}

/** Every event type, facts first, then derived events, then markers. */
export const DOMAIN_EVENT_TYPES: readonly DomainEventType[] = Object.keys(KIND).filter(isDomainEventType);

/** The types of the events a run or a closing derives, in the order above. */
export const DERIVED_EVENT_TYPES: readonly DerivedEvent['type'][] = DOMAIN_EVENT_TYPES.filter(
  (type): type is DerivedEvent['type'] => KIND[type] === 'derived',
);

export function isFactEvent(event: DomainEvent): event is FactEvent {
  return KIND[event.type] === 'fact';
}

export function isDerivedEvent(event: DomainEvent): event is DerivedEvent {
  return KIND[event.type] === 'derived';
}

/** An event's postings; none for events that move no money. */
export function postingsOf(event: DomainEvent): Postings {
  return 'postings' in event.data ? event.data.postings : [];
}

/** The rule of domain.md that derived an event's amounts; facts and markers have none. */
export function ruleOf(event: DomainEvent): RuleId | undefined {
  return isDerivedEvent(event) ? event.data.rule : undefined;
}

/** The budget year an event belongs to; registrations, keys and agreements have none. */
export function yearOf(event: DomainEvent): number | undefined {
  return 'year' in event.data ? event.data.year : undefined;
}
