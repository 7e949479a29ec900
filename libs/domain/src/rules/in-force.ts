import { Cents } from '@libs/money';
import { Scheme } from '../scheme';
import { BudgetVersion, KeyVersion, RegionView, ReserveAgreement, SolidarityAgreement } from '../state/region-state';
import { schemeSlot } from '../state/slot-keys';

/** The three keys the rules split by (domain.md §4). */
export const KEY_IDS = {
  bwHistorical: 'bw-historical',
  bwObjective: 'bw-objective',
  moObjective: 'mo-objective',
} as const;

/** The key each scheme's settlements and reserve movements are split by. */
export const SETTLEMENT_KEY: Readonly<Record<Scheme, string>> = { BW: KEY_IDS.bwObjective, MO: KEY_IDS.moObjective };

/** The highest version whose validity covers the year. */
export function keyInForce(state: RegionView, keyId: string, year: number): KeyVersion | undefined {
  let best: KeyVersion | undefined;
  for (const key of state.keys.get(keyId) ?? []) {
    const covers = key.validFrom <= year && (key.validTo === undefined || year <= key.validTo);
    if (covers && (!best || key.version > best.version)) best = key;
  }
  return best;
}

/** The highest version for the year and scheme. */
export function budgetInForce(state: RegionView, year: number, scheme: Scheme): BudgetVersion | undefined {
  let best: BudgetVersion | undefined;
  for (const budget of state.budgets.get(schemeSlot(year, scheme)) ?? [])
    if (!best || budget.version > best.version) best = budget;
  return best;
}

export function budgetAmount(state: RegionView, year: number, scheme: Scheme): Cents {
  return budgetInForce(state, year, scheme)?.amount ?? 0n;
}

/** The agreement with the latest validFrom not after the year; of those, the highest version. */
function agreementInForce<T extends { validFrom: number; version: number }>(
  agreements: readonly T[],
  year: number,
): T | undefined {
  let best: T | undefined;
  for (const agreement of agreements) {
    if (agreement.validFrom > year) continue;
    if (
      !best ||
      agreement.validFrom > best.validFrom ||
      (agreement.validFrom === best.validFrom && agreement.version > best.version)
    ) {
      best = agreement;
    }
  }
  return best;
}

export function reserveAgreementInForce(state: RegionView, year: number): ReserveAgreement | undefined {
  return agreementInForce(state.reserveAgreements, year);
}

export function solidarityAgreementInForce(state: RegionView, year: number): SolidarityAgreement | undefined {
  return agreementInForce(state.solidarityAgreements, year);
}
