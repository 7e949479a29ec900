import { RegionOverview, YearState } from '@libs/projections';
import { textTable } from './text-table';

const YEAR_STATE: Record<YearState, string> = { open: 'open', closed: 'gesloten', reopened: 'heropend' };

/** The regions of a store, one line each: id, name, event count and every year with its state. */
export function renderRegionsTable(regions: readonly RegionOverview[]): string {
  if (regions.length === 0) return 'Geen regio’s in deze opslag.';
  const rows = regions.map((region) => [
    region.regionId,
    region.name,
    String(region.events),
    region.years.map(({ year, state }) => `${year} ${YEAR_STATE[state]}`).join(', ') || '—',
  ]);
  return textTable(['Regio', 'Naam', 'Gebeurtenissen', 'Jaren'], rows, ['left', 'left', 'right', 'left']);
}
