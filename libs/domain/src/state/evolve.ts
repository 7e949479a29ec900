import { invariant, unreachable } from '../errors';
import { DerivedEvent } from '../events/derived.events';
import { DomainEvent, DomainEventType, isFactEvent, MarkerEvent, postingsOf, yearOf } from '../events/domain-event';
import { AdvanceRecorded, FactEvent, LocalExpenditureRecorded } from '../events/fact.events';
import { givenContent } from './fact-content';
import { factIdentity } from './fact-identity';
import { RegionState } from './region-state';
import { memberSchemeSlot, memberSlot, schemeSlot } from './slot-keys';

/** A region before its first event. */
export function initialState(): RegionState {
  return new RegionState();
}

/** The facts that put money (or a budget) in a year; a year without any is empty (domain.md §4). */
const MONEY_FACTS: ReadonlySet<DomainEventType> = new Set<DomainEventType>([
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

const add = (map: Map<string, bigint>, key: string, amount: bigint) => map.set(key, (map.get(key) ?? 0n) + amount);

/**
 * The decider's evolve: one event into the region's state, in place (the fold owns the state; see
 * RegionState). It reads the event's own typed data — cents, accounts, versions as decoded once from
 * the store — and never parses a command. Every event type is handled; an unknown one is a bug.
 *
 * A fact is remembered by its given content (what idempotency compares), not kept whole. A reader that
 * has the fact's stored data at hand passes that content (`givenContentOf` its stored data); otherwise
 * it is computed from the event.
 */
export function evolve(state: RegionState, event: DomainEvent, given?: string): RegionState {
  return evolveEvent(state, event, given, true);
}

/**
 * evolve for a fact that nothing decided on this state will record again: it folds as evolve folds it, but
 * is not remembered by its identity and given content (see recordOnce, the only reader of that). A replay
 * folds so the money facts it takes as recorded and never decides again — a what-if folds tens of
 * thousands, each identity and content otherwise written out and kept for nothing.
 */
export function evolveUnremembered(state: RegionState, event: FactEvent): RegionState {
  return evolveEvent(state, event, undefined, false);
}

function evolveEvent(
  state: RegionState,
  event: DomainEvent,
  given: string | undefined,
  remember: boolean,
): RegionState {
  state.eventCount += 1;
  const year = yearOf(event);
  const postings = postingsOf(event);
  if (year !== undefined) {
    state.activeYears.add(year);
    if (MONEY_FACTS.has(event.type) || postings.length > 0) state.moneyYears.add(year);
  }
  for (const posting of postings) state.ledger.add(year ?? 0, posting.account, event.type, posting.amount);
  if (isFactEvent(event)) evolveFact(state, event, given, remember);
  else evolveRun(state, event);
  return state;
}

/** A fact is remembered as recorded (by its identity, so that recording it again is recognised). */
function evolveFact(state: RegionState, event: FactEvent, given: string | undefined, remember: boolean): void {
  invariant(!state.forPlanning, () => `a planning copy shares its facts: ${event.type} cannot be evolved into it`);
  if (remember) state.facts.set(factIdentity(event), given ?? givenContent(event));
  switch (event.type) {
    case 'RegionRegistered':
      state.region = event.data;
      return;
    case 'DistributionKeyAdopted':
      state.keys.set(event.data.keyId, [...(state.keys.get(event.data.keyId) ?? []), event.data]);
      return;
    case 'RegionalBudgetAdopted': {
      const slot = schemeSlot(event.data.year, event.data.scheme);
      state.budgets.set(slot, [...(state.budgets.get(slot) ?? []), event.data]);
      return;
    }
    case 'ReserveAgreementAdopted':
      state.reserveAgreements.push(event.data);
      return;
    case 'SolidarityAgreementAdopted':
      state.solidarityAgreements.push(event.data);
      return;
    case 'InhabitantsRecorded':
      state.inhabitants.set(event.data.year, event.data);
      return;
    case 'LocalExpenditureRecorded':
      foldExpenditure(state, event.data);
      return;
    case 'PolicyCorrectionRecorded':
      add(state.policyCorrections, memberSlot(event.data.year, event.data.municipality), event.data.amount);
      return;
    case 'AdvanceRecorded':
      foldAdvance(state, event.data);
      return;
    case 'ReserveOpeningRecorded':
      state.reserveOpeningYears.add(event.data.year);
      state.reserveOpening = event.data;
      return;
    case 'RijkPaymentRecorded':
    case 'RegionalCostRecorded':
    case 'CoPaymentRecorded':
    case 'ReserveTransferredToFund':
    case 'FundSpendingRecorded':
      return;
    default:
      unreachable(event, 'cannot fold unknown fact');
  }
}

/** Derived events change nothing but the postings; the closing and reopening markers open and close years. */
function evolveRun(state: RegionState, event: DerivedEvent | MarkerEvent): void {
  switch (event.type) {
    case 'YearClosed':
      state.closedYears.add(event.data.year);
      state.everClosedYears.add(event.data.year);
      return;
    case 'YearReopened':
      state.closedYears.delete(event.data.year);
      return;
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
      return;
    default:
      unreachable(event, 'cannot fold unknown event');
  }
}

/** The state a sequence of events folds into. */
export function fold(events: Iterable<DomainEvent>, state: RegionState = initialState()): RegionState {
  for (const event of events) evolve(state, event);
  return state;
}

/** A member's local expenditure of a year and scheme added to its totals (see LocalExpenditureRecorded). */
export function foldExpenditure(
  state: RegionState,
  data: Pick<LocalExpenditureRecorded['data'], 'year' | 'municipality' | 'scheme' | 'careCosts' | 'executionCosts'>,
): void {
  const slot = memberSchemeSlot(data.year, data.municipality, data.scheme);
  const totals = state.expenditures.get(slot) ?? { careCosts: 0n, executionCosts: 0n };
  totals.careCosts += data.careCosts;
  totals.executionCosts += data.executionCosts;
  state.expenditures.set(slot, totals);
}

/** An advance to or from a member of a year and scheme added to its sum (see AdvanceRecorded). */
export function foldAdvance(
  state: RegionState,
  data: Pick<AdvanceRecorded['data'], 'year' | 'municipality' | 'scheme' | 'amount'>,
): void {
  add(state.advances, memberSchemeSlot(data.year, data.municipality, data.scheme), data.amount);
}
