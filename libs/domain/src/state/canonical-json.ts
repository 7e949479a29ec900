/**
 * JSON in the canonical form of RFC 8785 (JCS): object keys sorted by UTF-16 code units at every level,
 * no whitespace, strings and numbers as ECMAScript's JSON.stringify writes them (absent and undefined
 * members left out). Two values with the same content give the same text: what idempotency compares and
 * what the hash chain covers.
 *
 * It is computed for every event a fold reads, so it takes the fast road where it can: a copy of the
 * value with its keys inserted in sorted order, written by the engine's own JSON.stringify. That is exact
 * unless an object has keys the engine does not keep in insertion order (array indexes such as "10",
 * which it lists first and by number) or a `__proto__` key; such a value is written member by member.
 */
export function canonicalJson(value: unknown): string {
  const copy = sortedCopy(value);
  return copy === UNSAFE ? writeCanonical(value) : JSON.stringify(copy);
}

/** The value with every object's keys in canonical order, or UNSAFE when the engine would not keep that order. */
export function sortedCopy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let index = 0; index < value.length; index += 1) {
      const item = sortedCopy(value[index]);
      if (item === UNSAFE) return UNSAFE;
      copy[index] = item;
    }
    return copy;
  }
  const order = orderOf(value as Record<string, unknown>);
  if (order === undefined) return UNSAFE;
  const copy: Record<string, unknown> = {};
  for (const key of order) {
    const item = sortedCopy((value as Record<string, unknown>)[key]);
    if (item === UNSAFE) return UNSAFE;
    copy[key] = item;
  }
  return copy;
}

/** Returned by sortedCopy for a value that must be written member by member. */
export const UNSAFE: unique symbol = Symbol('not safe to copy in canonical order');

/** Sorted key orders by the keys' own order: objects of one shape share one entry (bounded, as shapes may not be). */
const orders = new Map<string, readonly string[]>();
const MAX_ORDERS = 4096;

/** The keys in canonical order, or undefined when an object would not list them so (rare: never cached). */
function orderOf(value: Record<string, unknown>): readonly string[] | undefined {
  const keys = Object.keys(value);
  if (keys.length < 2) return keys[0] === '__proto__' ? undefined : keys;
  const signature = keys.join('\u0000');
  const known = orders.get(signature);
  // a key may itself hold the separator: an entry counts only for exactly these keys
  if (known?.length === keys.length && known.every((key) => Object.hasOwn(value, key))) return known;
  const sorted = keys.sort();
  if (!keptInOrder(sorted)) return undefined;
  if (orders.size >= MAX_ORDERS) orders.clear();
  orders.set(signature, sorted);
  return sorted;
}

/** Whether an object given these keys in this order lists them in the same order (no index or __proto__ keys out of place). */
function keptInOrder(keys: readonly string[]): boolean {
  const probe: Record<string, number> = {};
  for (const key of keys) probe[key] = 0;
  const listed = Object.keys(probe);
  return listed.length === keys.length && listed.every((key, index) => key === keys[index]);
}

/** The exact, slower road: every member written in canonical order. */
function writeCanonical(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : writeCanonical(item))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item !== undefined) members.push(`${JSON.stringify(key)}:${writeCanonical(item)}`);
  }
  return `{${members.join(',')}}`;
}
