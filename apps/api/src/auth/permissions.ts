import { CommandType, RegionState } from '@libs/domain';
import { Principal, Role } from './token-store';

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

/** Statements: everyone with a token, a municipality only for regions it belongs to. */
export function mayReadRegion(principal: Principal, regionId: string, state?: RegionState): boolean {
  if (principal.region && principal.region !== regionId) return false;
  if (principal.role !== 'municipality') return true;
  return state?.isMember(principal.municipality ?? '') ?? false;
}

/** Region-wide analysis (balances of every account, replay, key comparison, exports). */
export const ANALYSTS: readonly Role[] = ['admin', 'recorder', 'controller'];

export function mayAnalyse(principal: Principal, regionId: string): boolean {
  return ANALYSTS.includes(principal.role) && (!principal.region || principal.region === regionId);
}

/** A municipality may look into its own accounts only. */
export function mayExplainAccount(
  principal: Principal,
  regionId: string,
  account: string,
  state?: RegionState,
): boolean {
  if (!mayReadRegion(principal, regionId, state)) return false;
  if (principal.role !== 'municipality') return true;
  return account.startsWith(`municipality:${principal.municipality}:`);
}
