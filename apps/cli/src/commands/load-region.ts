import { DomainError, RegionState } from '@libs/domain';
import { Ledger, RegionView } from '@libs/ledger';

/** A registered region's state (as recorded now or at `asOf`); an unknown region is an error that says so. */
export async function loadRegion(ledger: Ledger, regionId: string, asOf?: Date): Promise<RegionState> {
  return (await loadRegionView(ledger, regionId, asOf)).state;
}

/** The same, with the ledger hash of the history it was read from. */
export async function loadRegionView(ledger: Ledger, regionId: string, asOf?: Date): Promise<RegionView> {
  const view = await ledger.regionView(regionId, asOf);
  if (!view.state.region) {
    const known = await ledger.regionIds();
    const hint = known.length > 0 ? ` (known: ${known.join(', ')})` : ' (the store holds no regions yet)';
    throw new DomainError(
      'UNKNOWN_REGION',
      `region "${regionId}" is not registered${asOf ? ` as of ${asOf.toISOString()}` : ''}${hint}`,
      'region',
    );
  }
  return view;
}
