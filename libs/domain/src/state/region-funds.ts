import { Accounts } from '../accounts';
import { RegionView } from './region-state';

/**
 * Whether fund `fundId` is one the region has set up (domain.md §3, §4): a fund exists by what names it —
 * a transfer from the reserve to it or a spending from it, which move money on its account in some year,
 * or a reserve agreement (any version) whose excess goes to it. Any other fund id is a name the region
 * never used; its account would be explained as no postings and a balance of 0,00.
 */
export function hasFund(view: RegionView, fundId: string): boolean {
  if (view.region === undefined) return false;
  const account = Accounts.fund(view.region.regionId, fundId);
  if (view.ledger.years().some((year) => view.ledger.touchedIn(year, account))) return true;
  return view.reserveAgreements.some(({ excessTo }) => excessTo.kind === 'fund' && excessTo.fundId === fundId);
}
