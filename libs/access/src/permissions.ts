import { CommandType, RegionState } from '@libs/domain';
import { Principal } from './token-store';

/** Commands a recorder may send: facts and runs. Keys, agreements, registration and closing are admin work. */
export const RECORDER_COMMANDS: ReadonlySet<CommandType> = new Set<CommandType>([
  'RecordRijkPayment',
  'AdoptRegionalBudget',
  'RecordRegionalCost',
  'RecordCoPayment',
  'RecordLocalExpenditure',
  'RecordPolicyCorrection',
  'RecordReserveOpening',
  'RecordAdvance',
  'TransferReserveToFund',
  'RecordFundSpending',
  'RecordInhabitants',
  'RunAllocation',
]);

export function mayRecord(principal: Principal, command: CommandType, regionId: string): boolean {
  if (principal.region && principal.region !== regionId) return false;
  if (principal.role === 'admin') return true;
  return principal.role === 'recorder' && RECORDER_COMMANDS.has(command);
}

/**
 * The one rule for reading a region, on every read route and in every format: the region's
 * description, statements (JSON, CSV, workbook), balances, explain, trace, what-if replay, key
 * comparison and exports. A token limited to a region reads that region only; a municipality reads
 * everything of the regions it is a member of (statements and their inputs are shared among a
 * region's members) and nothing of any other region; every other role reads every region.
 */
export function mayReadRegion(principal: Principal, regionId: string, state: RegionState | undefined): boolean {
  if (principal.region && principal.region !== regionId) return false;
  if (principal.role !== 'municipality') return true;
  return state?.isMember(principal.municipality ?? '') ?? false;
}
