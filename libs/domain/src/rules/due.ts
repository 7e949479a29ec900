import { Cents } from '@libs/money';
import { Accounts } from '../accounts';
import { Scheme } from '../scheme';
import { DomainEventType } from '../events/domain-event';
import { RegionView } from '../state/region-state';
import { memberSchemeSlot } from '../state/slot-keys';

/**
 * domain.md §6 *Due*: the lines of a municipality's account that are regional money — what it settles
 * with the central municipality. The Rijk's objective budget and its own spending are not among them.
 */
export const REGIONAL_MONEY_EVENTS: Readonly<Record<Scheme, readonly DomainEventType[]>> = {
  BW: [
    'BwHistoricalDistributed',
    'BwContributionsCharged',
    'RegionalResultSettled',
    'ReserveReplenished',
    'ReservePaidOut',
    'FundSpendingRecorded',
    'SolidarityTransferred',
  ],
  MO: ['MoBudgetDistributed', 'RegionalResultSettled', 'ReserveReplenished', 'ReservePaidOut', 'FundSpendingRecorded'],
};

export interface Due {
  /** advances recorded for the municipality, scheme and year (+ paid by the municipality) */
  readonly advances: Cents;
  /** + the central municipality pays the municipality, − the municipality pays */
  readonly due: Cents;
}

/** What the central municipality and a municipality still have to pay each other for a year and scheme. */
export function dueFor(state: RegionView, year: number, code: string, scheme: Scheme): Due {
  const regional = state.ledger.sumOver(year, Accounts.municipality(code, scheme), REGIONAL_MONEY_EVENTS[scheme]);
  const advances = state.advances.get(memberSchemeSlot(year, code, scheme)) ?? 0n;
  return { advances, due: regional + advances };
}
