import { DomainError, RegionState } from '@libs/domain';
import { Ledger } from '@libs/ledger';

/** A registered region's state (as recorded now or at `asOf`); an unknown region is an error that says so. */
export async function loadRegion(ledger: Ledger, regionId: string, asOf?: Date): Promise<RegionState> {
  const state = await ledger.regionState(regionId, asOf);
  if (!state.region) {
    const known = await ledger.regionIds();
    const hint = known.length > 0 ? ` (known: ${known.join(', ')})` : ' (the store holds no regions yet)';
    throw new DomainError(
      'UNKNOWN_REGION',
      `region "${regionId}" is not registered${asOf ? ` as of ${asOf.toISOString()}` : ''}${hint}`,
      'region',
    );
  }
  return state;
}
