import { allocate, Cents, formatAmount, Rational, sumCents } from '@libs/money';
import { DomainError } from '../errors';
import { AllocationTrail, KeyReference } from '../events/derived.events';
import { KeyVersion, RegionView } from '../state/region-state';
import { keyInForce } from './in-force';

export interface KeySplit {
  readonly key: KeyReference | undefined;
  readonly targets: ReadonlyMap<string, Cents>;
  readonly trail: AllocationTrail;
  readonly deltas: ReadonlyMap<string, Cents>;
}

/**
 * What splits derive from a key version, kept per version (an adopted version never changes, and the
 * same version splits every run and closing of every year it is in force): its reference, its weights.
 */
const references = new WeakMap<KeyVersion, KeyReference>();
const parsedWeights = new WeakMap<KeyVersion, Map<string, Rational>>();

export function keyReference(key: KeyVersion): KeyReference {
  let reference = references.get(key);
  if (!reference) references.set(key, (reference = referenceOf(key)));
  return { ...reference };
}

function referenceOf(key: KeyVersion): KeyReference {
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

/** The exact quotas T·w/Σw of every member and their largest-remainder targets in cents. */
function targetsByKey(
  key: KeyVersion | undefined,
  keyId: string,
  year: number,
  members: readonly string[],
  total: Cents,
): { targets: Map<string, Cents>; quotas: Map<string, Rational> } {
  if (total === 0n) return { targets: new Map(members.map((code) => [code, 0n])), quotas: new Map() };
  if (!key) {
    throw new DomainError(
      'KEY_NOT_IN_FORCE',
      `distribution key "${keyId}" has no version in force for ${year}, and ${formatAmount(total)} must be split by it`,
    );
  }
  let parsed = parsedWeights.get(key);
  if (!parsed) parsedWeights.set(key, (parsed = new Map<string, Rational>()));
  const weights = members.map((code) => {
    let weight = parsed.get(code);
    if (!weight) parsed.set(code, (weight = Rational.fromDecimal(key.weights[code] ?? '0')));
    return { code, weight };
  });
  const sum = weights.reduce((acc, entry) => acc.add(entry.weight), Rational.ZERO);
  return {
    targets: allocate(total, weights),
    quotas: new Map(weights.map(({ code, weight }) => [code, Rational.fromCents(total).mul(weight).div(sum)])),
  };
}

/**
 * Splits `total` over every member by the key in force for the year, and compares each share with
 * `previous` (what earlier events recorded) to give the deltas to record. A key is needed only when
 * money is actually split; a zero total gives zero targets even when no key is in force.
 */
export function splitByKey(
  state: RegionView,
  keyId: string,
  year: number,
  total: Cents,
  previous: ReadonlyMap<string, Cents> = new Map(),
): KeySplit {
  const members = state.memberCodes();
  const key = keyInForce(state, keyId, year);
  const { targets, quotas } = targetsByKey(key, keyId, year, members, total);
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
      target,
      remainderCent: target - floorCents,
      previous: before,
      delta: target - before,
    };
  });
  return {
    key: key ? keyReference(key) : undefined,
    targets,
    deltas,
    trail: { total, previousTotal: sumCents(previous.values()), lines },
  };
}
