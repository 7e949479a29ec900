import { formatAmount } from '@libs/money';
import { Accounts } from '../accounts';
import { invariant } from '../errors';
import { DerivedEvent } from '../events/derived.events';
import { DomainEvent, postingsOf } from '../events/domain-event';
import { evolve } from '../state/evolve';
import { isRegistered, RegisteredRegionView } from '../state/region-state';
import { planAllocationRun } from './allocation.planner';
import { reserveAgreementInForce } from './in-force';
import { planReserveBand, reserveBand } from './reserve-band.planner';
import { planResults } from './result-settlement.planner';
import { PLAN_EVERY_SCHEME, PlanScope } from './scheme-scope';
import { planSolidarity } from './solidarity.planner';

/**
 * The year-end closing of domain.md §6, in its fixed order, on a scratch copy of the state so each
 * step sees what the steps before it recorded (a planning copy: the steps record derived events only). Returns every event the closing records (the final
 * YearClosed marker included); a broken invariant of domain.md §7 is a bug (InvariantViolation) and
 * nothing is recorded.
 */
export function planClosing(
  state: RegisteredRegionView,
  year: number,
  scope: PlanScope = PLAN_EVERY_SCHEME,
): DomainEvent[] {
  const scratch = state.planningCopy();
  invariant(isRegistered(scratch), () => `a copy of region "${state.region.regionId}" lost its registration`);
  const events: DomainEvent[] = [];
  const record = (planned: readonly DomainEvent[]) => {
    for (const event of planned) {
      evolve(scratch, event);
      events.push(event);
    }
  };
  record(planAllocationRun(scratch, year, scope));
  record(planResults(scratch, year, scope));
  record(planReserveBand(scratch, year));
  record(scope.asRecorded('BW', SOLIDARITY_EVENTS) ?? planSolidarity(scratch, year));
  checkClosingInvariants(scratch, year, events);
  events.push({ type: 'YearClosed', data: { regionId: scratch.region.regionId, year } });
  return events;
}

/** What solidarity records (among the members' BW accounts). */
const SOLIDARITY_EVENTS: readonly DerivedEvent['type'][] = ['SolidarityTransferred'];

/** domain.md §7, checked on the state the closing would leave behind. */
function checkClosingInvariants(state: RegisteredRegionView, year: number, events: readonly DomainEvent[]): void {
  const regionId = state.region.regionId;
  const mustBeZero = [
    Accounts.provisions(regionId, 'BW'),
    Accounts.provisions(regionId, 'MO'),
    Accounts.bwHistorical(regionId),
    Accounts.moBudget(regionId),
  ];
  for (const account of mustBeZero) {
    const balance = state.ledger.balance(year, account);
    invariant(
      balance === 0n,
      () => `after closing ${year}, ${account} would hold ${formatAmount(balance)} instead of 0.00`,
    );
  }
  const agreement = reserveAgreementInForce(state, year);
  if (agreement) {
    const band = reserveBand(state, agreement, year);
    const balance = state.ledger.balanceUpTo(year, Accounts.reserve(regionId));
    invariant(
      balance >= band.min && balance <= band.max,
      () =>
        `after closing ${year}, the reserve would hold ${formatAmount(balance)}, outside its band ${formatAmount(band.min)}–${formatAmount(band.max)}`,
    );
  }
  for (const event of events) {
    const total = postingsOf(event).reduce((sum, posting) => sum + posting.amount, 0n);
    invariant(total === 0n, () => `${event.type} postings sum to ${formatAmount(total)}`);
  }
}
