import { RegionState } from '@libs/domain';
import { RegionView } from '@libs/ledger';
import { forbidden } from '../http/problem';
import { LedgerService } from '../ledger/ledger.service';
import { mayReadRegion, Principal } from '@libs/access';

/**
 * A region's state for a read route, as recorded now or at `asOf`: 404 when it is not registered,
 * 403 when the token may not read it (permissions.ts decides, the same for every route and format).
 */
export async function readRegion(
  ledger: LedgerService,
  principal: Principal,
  regionId: string,
  asOf?: Date,
): Promise<RegionState> {
  return (await readRegionView(ledger, principal, regionId, asOf)).state;
}

/** The same, with the ledger hash of the history it was read from. */
export async function readRegionView(
  ledger: LedgerService,
  principal: Principal,
  regionId: string,
  asOf?: Date,
): Promise<RegionView> {
  const view = await ledger.regionView(regionId, asOf);
  requireReadable(principal, regionId, view.state);
  return view;
}

/** 403 unless the token may read the region (permissions.ts decides). */
export function requireReadable(principal: Principal, regionId: string, state: RegionState | undefined): void {
  if (!mayReadRegion(principal, regionId, state))
    throw forbidden(
      principal.role === 'municipality'
        ? `municipality ${principal.municipality} is not a member of region "${regionId}"`
        : `this token is limited to region "${principal.region}"`,
    );
}
