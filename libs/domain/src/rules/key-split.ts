import { allocate, Cents, formatAmount, Rational, sumCents } from '@libs/money';
import { DomainError } from '../errors';
import { AllocationTrail, KeyReference } from '../events/event.types';
import { KeyVersion, RegionState } from '../state/region-state';
import { keyInForce } from './in-force';

export interface KeySplit {
  readonly key: KeyReference | undefined;
  readonly targets: ReadonlyMap<string, Cents>;
  readonly trail: AllocationTrail;
  readonly deltas: ReadonlyMap<string, Cents>;
}

export function keyReference(key: KeyVersion): KeyReference {
  // shown with as many decimals as the weights carry, so "8.1 / 100.0" reads like the key itself
  const decimals = Math.max(0, ...Object.values(key.weights).map((weight) => weight.split('.')[1]?.length ?? 0));
  const sum = weightSum(key).toDecimalString(decimals);
  return {
    keyId: key.keyId,
    version: key.version,
    basis: key.basis,
    unit: key.unit,
    weightSum: decimals > 0 && !sum.includes('.') ? `${sum}.${'0'.repeat(decimals)}` : sum,
  };
}

export function weightSum(key: KeyVersion): Rational {
  return Object.values(key.weights).reduce((sum, weight) => sum.add(Rational.fromDecimal(weight)), Rational.ZERO);
}

/**
 * Splits `total` over every member by the key in force for the year, and compares each share with
 * `previous` (what earlier events recorded) to give the deltas to record. A key is needed only when
 * money is actually split; a zero total gives zero targets even when no key is in force.
 */
export function splitByKey(
  state: RegionState,
  keyId: string,
  year: number,
  total: Cents,
  previous: ReadonlyMap<string, Cents> = new Map(),
): KeySplit {
  const members = state.memberCodes();
  const key = keyInForce(state, keyId, year);
  let targets: Map<string, Cents>;
  let quotas = new Map<string, Rational>();
  if (total === 0n) {
    targets = new Map(members.map((code) => [code, 0n]));
  } else {
    if (!key) {
      throw new DomainError(
        'KEY_NOT_IN_FORCE',
        `distribution key "${keyId}" has no version in force for ${year}, and ${formatAmount(total)} must be split by it`,
      );
    }
    const weights = members.map((code) => ({ code, weight: Rational.fromDecimal(key.weights[code] ?? '0') }));
    const sum = weights.reduce((acc, entry) => acc.add(entry.weight), Rational.ZERO);
    quotas = new Map(weights.map(({ code, weight }) => [code, Rational.fromCents(total).mul(weight).div(sum)]));
    targets = allocate(total, weights);
  }
  const deltas = new Map<string, Cents>();
  const lines = members.map((code) => {
    const target = targets.get(code) ?? 0n;
    const before = previous.get(code) ?? 0n;
    deltas.set(code, target - before);
    const quota = quotas.get(code) ?? Rational.ZERO;
    const floorCents = quota.isNegative() ? -quota.neg().toCentsFloor() : quota.toCentsFloor();
    return {
      code,
      weight: key?.weights[code] ?? '0',
      quota: quota.toDecimalString(6),
      target: formatAmount(target),
      remainderCent: formatAmount(target - floorCents),
      previous: formatAmount(before),
      delta: formatAmount(target - before),
    };
  });
  return {
    key: key ? keyReference(key) : undefined,
    targets,
    deltas,
    trail: { total: formatAmount(total), previousTotal: formatAmount(sumCents(previous.values())), lines },
  };
}
