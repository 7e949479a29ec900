import { DomainError } from '../errors';
import { RegisteredRegionView } from '../state/region-state';

/**
 * domain.md §4: a run or closing needs something recorded for its year — a Rijk payment, budget,
 * cost, co-payment, local expenditure, advance, reserve or fund movement. Closing a mistyped year
 * (2062 for 2026) would otherwise find the reserve above its band and pay it out to the municipalities.
 */
export function requireMoneyInYear(state: RegisteredRegionView, year: number): void {
  if (state.moneyYears.has(year)) return;
  throw new DomainError(
    'YEAR_EMPTY',
    `nothing is recorded for ${year} in region "${state.region.regionId}" (no Rijk payment, regional budget, cost, co-payment, local expenditure, advance, reserve or fund movement); is the year mistyped?`,
    'year',
  );
}
