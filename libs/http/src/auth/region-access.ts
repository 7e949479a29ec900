import { RegionState } from '@libs/domain';
import { RegionView } from '@libs/ledger';
import { RegionQueries, ReadCheck } from '@libs/queries';
import { mayReadRegion, Principal } from '@libs/access';
import { forbidden } from '../http/problem';
import { LedgerService } from '../ledger/ledger.service';

/** 403 unless the token may read the region (permissions.ts decides, the same for every route and format). */
export function requireReadable(principal: Principal, regionId: string, state: RegionState | undefined): void {
  if (!mayReadRegion(principal, regionId, state))
    throw forbidden(
      principal.role === 'municipality'
        ? `municipality ${principal.municipality} is not a member of region "${regionId}"`
        : `this token is limited to region "${principal.region}"`,
    );
}

/** The read rule of a token, as the queries ask it: after "is the region registered" (404), before the answer. */
export const readableBy =
  (principal: Principal): ReadCheck =>
  (regionId, state) =>
    requireReadable(principal, regionId, state);

/** A region as recorded now or at `asOf` for a token that may read it: 404 when not registered, 403 when not readable. */
export function readRegionView(
  ledger: LedgerService,
  principal: Principal,
  regionId: string,
  asOf?: Date,
): Promise<RegionView> {
  return new RegionQueries(ledger.ledger).region({ regionId, asOf }, readableBy(principal));
}
