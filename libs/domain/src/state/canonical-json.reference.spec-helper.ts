import { keptInOrder, writeCanonical } from './canonical-json';

/**
 * The canonical JSON writer as it was before the one-pass writer: a copy of the value with its keys in
 * sorted order, written by JSON.stringify (member by member, by the product's slow road, when the engine
 * would not keep that order). Kept as the reference the faster writer is compared with.
 */
export function canonicalJsonByCopy(value: unknown): string {
  const copy = sortedCopyBySorting(value);
  return copy === UNSAFE_REFERENCE ? writeCanonical(value) : JSON.stringify(copy);
}

export const UNSAFE_REFERENCE: unique symbol = Symbol('not safe to copy in canonical order');

export function sortedCopyBySorting(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let index = 0; index < value.length; index += 1) {
      const item = sortedCopyBySorting(value[index]);
      if (item === UNSAFE_REFERENCE) return UNSAFE_REFERENCE;
      copy[index] = item;
    }
    return copy;
  }
  const keys = Object.keys(value).sort();
  if (keys.length === 1 && keys[0] === '__proto__') return UNSAFE_REFERENCE;
  if (!keptInOrder(keys)) return UNSAFE_REFERENCE;
  const copy: Record<string, unknown> = {};
  for (const key of keys) {
    const item = sortedCopyBySorting((value as Record<string, unknown>)[key]);
    if (item === UNSAFE_REFERENCE) return UNSAFE_REFERENCE;
    copy[key] = item;
  }
  return copy;
}
