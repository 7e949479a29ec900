import { Account, Accounts, DomainEventType, RegisteredRegionView, SCHEMES } from '@libs/domain/model';
import { Cents, formatAmount } from '@libs/money';

/** What moved the reserve: a scheme's result, the municipalities' replenishment or payout, a fund. */
export type ReserveMovementKind = 'result' | 'replenishment' | 'payout' | 'fund';

export interface ReserveMovement {
  /** BW or MO; null for a transfer to a fund, which belongs to no scheme */
  scheme: 'BW' | 'MO' | null;
  kind: ReserveMovementKind;
  /** the movement on the reserve: + an addition (toevoeging), − a withdrawal (onttrekking) */
  amount: string;
}

/** The reserve's movements of a year by scheme and kind, as BBV art. 54 wants them: never netted. */
export interface ReserveMovements {
  movements: ReserveMovement[];
  /** the sum of the positive movements */
  additions: string;
  /** the sum of the negative movements, as a positive amount */
  withdrawals: string;
}

/**
 * Every movement of the reserve in the year, kept apart per scheme and kind: a BW result taken from
 * the reserve and an MO result added to it are a withdrawal and an addition, not € 0,00. Read off the
 * other side of each posting (the scheme's provisions pot, the municipalities' scheme accounts), which
 * is where the scheme is booked; the parts are checked to add up to the reserve's own postings.
 */
export function reserveMovements(state: RegisteredRegionView, year: number): ReserveMovements {
  const regionId = state.region.regionId;
  const reserve = Accounts.reserve(regionId);
  const L = (account: Account, ...types: DomainEventType[]) => state.ledger.sum(year, account, ...types);
  const members = state.memberCodes();
  const onMembers = (scheme: 'BW' | 'MO', type: DomainEventType) =>
    members.reduce((sum, code) => sum + L(Accounts.municipality(code, scheme), type), 0n);

  const movements: [ReserveMovement['scheme'], ReserveMovementKind, Cents][] = [];
  for (const scheme of SCHEMES)
    movements.push([scheme, 'result', -L(Accounts.provisions(regionId, scheme), 'RegionalResultTransferred')]);
  for (const scheme of SCHEMES) movements.push([scheme, 'replenishment', -onMembers(scheme, 'ReserveReplenished')]);
  for (const scheme of SCHEMES) movements.push([scheme, 'payout', -onMembers(scheme, 'ReservePaidOut')]);
  movements.push([null, 'fund', L(reserve, 'ReserveTransferredToFund', 'ReserveExcessTransferredToFund')]);

  const onReserve = L(reserve) - L(reserve, 'ReserveOpeningRecorded');
  const total = movements.reduce((sum, [, , amount]) => sum + amount, 0n);
  if (total !== onReserve)
    throw new Error(
      `reserve ${year}: the movements by scheme add up to ${formatAmount(total)}, the reserve moved ${formatAmount(onReserve)}`,
    );
  let additions = 0n;
  let withdrawals = 0n;
  for (const [, , amount] of movements) {
    if (amount > 0n) additions += amount;
    else withdrawals -= amount;
  }
  return {
    movements: movements.map(([scheme, kind, amount]) => ({ scheme, kind, amount: formatAmount(amount) })),
    additions: formatAmount(additions),
    withdrawals: formatAmount(withdrawals),
  };
}
