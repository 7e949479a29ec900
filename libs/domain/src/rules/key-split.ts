import {
  allocateByIntegerWeights,
  Cents,
  formatAmount,
  fractionAsDecimal,
  onCommonDenominator,
  Rational,
  sumCents,
} from '@libs/money';
import { DomainError } from '../errors';
import { AllocationTrail, KeyReference } from '../events/derived.events';
import { KeyVersion, membersInCodeOrder, RegionView } from '../state/region-state';
import { keyInForce } from './in-force';

export interface KeySplit {
  readonly key: KeyReference | undefined;
  readonly targets: ReadonlyMap<string, Cents>;
  readonly trail: AllocationTrail;
  readonly deltas: ReadonlyMap<string, Cents>;
}

/**
 * What splits derive from a key version, kept per version (an adopted version never changes, and the
 * same version splits every run and closing of every year it is in force): its reference, and its
 * weights for a list of members as integers on their common denominator.
 */
const references = new WeakMap<KeyVersion, KeyReference>();
const integerWeights = new WeakMap<KeyVersion, Map<string, IntegerWeights>>();

interface IntegerWeights {
  readonly integers: readonly bigint[];
  readonly sum: bigint;
}

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
  // one sum on the common denominator, reduced once
  const { sum, denominator } = onCommonDenominator(
    Object.values(key.weights).map((weight) => Rational.fromDecimal(weight)),
  );
  return Rational.of(sum, denominator);
}

/** A list of members as one text, made once per list (the same list is asked for by every split). */
const signatures = new WeakMap<readonly string[], string>();
function signatureOf(members: readonly string[]): string {
  let signature = signatures.get(members);
  if (signature === undefined) signatures.set(members, (signature = members.join('\u0000')));
  return signature;
}

/** The members' weights in the key (0 for a member it does not name), as integers on their common denominator. */
function weightsOf(key: KeyVersion, members: readonly string[]): IntegerWeights {
  let byMembers = integerWeights.get(key);
  if (!byMembers) integerWeights.set(key, (byMembers = new Map<string, IntegerWeights>()));
  const signature = signatureOf(members);
  let weights = byMembers.get(signature);
  if (!weights) {
    weights = onCommonDenominator(members.map((code) => Rational.fromDecimal(key.weights[code] ?? '0')));
    byMembers.set(signature, weights);
  }
  return weights;
}

/**
 * The largest-remainder targets in cents, and each member's exact quota T·w/Σw as a fraction of cents
 * (`shares[i]` / `sum`, not reduced), or undefined for a zero total.
 */
function targetsByKey(
  key: KeyVersion | undefined,
  keyId: string,
  year: number,
  members: readonly string[],
  total: Cents,
): { targets: Map<string, Cents>; quotas: { shares: bigint[]; sum: bigint } | undefined } {
  if (total === 0n) return { targets: new Map(members.map((code) => [code, 0n])), quotas: undefined };
  if (!key) {
    throw new DomainError(
      'KEY_NOT_IN_FORCE',
      `distribution key "${keyId}" has no version in force for ${year}, and ${formatAmount(total)} must be split by it`,
    );
  }
  const { integers, sum } = weightsOf(key, members);
  return {
    targets: allocateByIntegerWeights(total, members, integers, sum),
    quotas: { shares: integers.map((weight) => total * weight), sum },
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
  return withTrail(shares(state, keyId, year, total, previous), total, previous);
}

/**
 * splitByKey when its deltas are what is recorded: undefined when no member's share changes, found
 * before the trail is written (a run splits again what earlier runs split, and a closing's run often
 * changes nothing).
 */
export function splitChanges(
  state: RegionView,
  keyId: string,
  year: number,
  total: Cents,
  previous: ReadonlyMap<string, Cents>,
): KeySplit | undefined {
  const split = shares(state, keyId, year, total, previous);
  return split.changed ? withTrail(split, total, previous) : undefined;
}

interface Shares {
  readonly members: readonly string[];
  readonly key: KeyVersion | undefined;
  readonly targets: Map<string, Cents>;
  readonly quotas: { shares: bigint[]; sum: bigint } | undefined;
  readonly deltas: Map<string, Cents>;
  /** whether any delta is not zero */
  readonly changed: boolean;
}

/** The targets by the key in force and each member's delta with `previous`. */
function shares(
  state: RegionView,
  keyId: string,
  year: number,
  total: Cents,
  previous: ReadonlyMap<string, Cents>,
): Shares {
  const members = membersInCodeOrder(state);
  const key = keyInForce(state, keyId, year);
  const { targets, quotas } = targetsByKey(key, keyId, year, members, total);
  const deltas = new Map<string, Cents>();
  let changed = false;
  for (const code of members) {
    const delta = (targets.get(code) ?? 0n) - (previous.get(code) ?? 0n);
    deltas.set(code, delta);
    if (delta !== 0n) changed = true;
  }
  return { members, key, targets, quotas, deltas, changed };
}

/** The split with its trail: each member's weight, exact quota, target, remainder cent and delta. */
function withTrail(split: Shares, total: Cents, previous: ReadonlyMap<string, Cents>): KeySplit {
  const { members, key, targets, quotas, deltas } = split;
  // the quota in euros is share / (100 · sum); its cents rounded towards zero are share / sum
  const sum = quotas?.sum ?? 1n;
  const euroDenominator = 100n * sum;
  const lines = new Array<AllocationTrail['lines'][number]>(members.length);
  for (let index = 0; index < members.length; index += 1) {
    const code = members[index];
    const target = targets.get(code) ?? 0n;
    const share = quotas?.shares[index] ?? 0n;
    lines[index] = {
      code,
      weight: key?.weights[code] ?? '0',
      quota: fractionAsDecimal(share, euroDenominator, 6),
      target,
      remainderCent: target - share / sum,
      previous: previous.get(code) ?? 0n,
      delta: deltas.get(code) ?? 0n,
    };
  }
  return {
    key: key ? keyReference(key) : undefined,
    targets,
    deltas,
    trail: { total, previousTotal: sumCents(previous.values()), lines },
  };
}
