import { RegionState } from '@libs/domain';

/** A year never closed, closed, or closed once and reopened since (its closing's events stay recorded). */
export type YearState = 'open' | 'closed' | 'reopened';

export interface RegionOverview {
  readonly regionId: string;
  readonly name: string;
  /** events recorded in the region's stream */
  readonly events: number;
  readonly years: readonly { readonly year: number; readonly state: YearState }[];
}

export function buildRegionOverview(state: RegionState): RegionOverview {
  const region = state.region;
  if (!region) throw new Error('a region overview needs a registered region');
  const years = [...new Set([...state.activeYears, ...state.everClosedYears])].sort((a, b) => a - b);
  return {
    regionId: region.regionId,
    name: region.name,
    events: state.eventCount,
    years: years.map((year) => ({ year, state: yearState(state, year) })),
  };
}

function yearState(state: RegionState, year: number): YearState {
  if (state.closedYears.has(year)) return 'closed';
  return state.everClosedYears.has(year) ? 'reopened' : 'open';
}
