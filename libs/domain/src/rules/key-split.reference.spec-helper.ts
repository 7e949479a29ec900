import { KeyReference } from '../events/derived.events';
import { KeyVersion } from '../state/region-state';
import { weightSum } from './key-split';

/** A key version's reference written from its exact weight sum, kept apart from keyReference so that a change of how it is written is seen. */
export function keyReferenceBySum(key: KeyVersion): KeyReference {
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
