/**
 * JSON in the canonical form of RFC 8785 (JCS): object keys sorted by UTF-16 code units at every level,
 * no whitespace, strings and numbers as ECMAScript's JSON.stringify writes them (absent and undefined
 * members left out). Two values with the same content give the same text: what idempotency compares and
 * what the hash chain covers.
 *
 * It is computed for every event written and every event a chain check reads, so it takes the fast road
 * where it can: a JSON value (plain objects and arrays of strings, numbers, booleans and null) is written
 * in one pass, each object's members in an order looked up by its keys (objects of one shape share one
 * entry). Anything else (a Date, a Map, a function, a bigint…) is written by the general road below,
 * which copies the value with its keys in canonical order and lets JSON.stringify write the copy.
 */
export function canonicalJson(value: unknown): string {
  const fast = writeJson(value);
  return fast === NOT_JSON ? byCopy(value) : fast;
}

/** Returned by writeJson for a value that is not plain JSON: it is written by the general road. */
const NOT_JSON: unique symbol = Symbol('not a plain JSON value');

/** Whether JSON.stringify escapes something in the text: a quote, a backslash, a control or a surrogate. */
function needsEscape(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x22 || code === 0x5c || (code >= 0xd800 && code <= 0xdfff)) return true;
  }
  return false;
}

function writeJson(value: unknown): string | typeof NOT_JSON {
  switch (typeof value) {
    case 'string':
      return needsEscape(value) ? JSON.stringify(value) : `"${value}"`;
    case 'number':
    case 'boolean':
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return Object.getPrototypeOf(value) === Array.prototype ? writeArray(value) : NOT_JSON;
      return isPlainRecord(value) ? writeObject(value) : NOT_JSON;
    default:
      return NOT_JSON;
  }
}

function writeArray(value: readonly unknown[]): string | typeof NOT_JSON {
  let out = '[';
  for (let index = 0; index < value.length; index += 1) {
    if (index > 0) out += ',';
    const item = value[index];
    // JSON.stringify writes a missing or undefined item as null
    const written = item === undefined ? 'null' : writeJson(item);
    if (written === NOT_JSON) return NOT_JSON;
    out += written;
  }
  return `${out}]`;
}

function writeObject(value: Readonly<Record<string, unknown>>): string | typeof NOT_JSON {
  const { keys, prefixes } = orderOf(value);
  let out = '{';
  let first = true;
  for (let index = 0; index < keys.length; index += 1) {
    const item = value[keys[index]];
    if (item === undefined) continue;
    const written = writeJson(item);
    if (written === NOT_JSON) return NOT_JSON;
    out += first ? prefixes[index] : `,${prefixes[index]}`;
    out += written;
    first = false;
  }
  return `${out}}`;
}

/**
 * canonicalJson of `value` without its top-level member `leaveOut`, with the member prefix `"name":` of
 * every name in `forms` (at any depth) written as the text `forms` gives for it instead. Undefined when
 * the value is not plain JSON or some key needs escaping: the caller takes its general road then. In
 * JSON text a `"` inside a string is always escaped, so for keys that need no escaping the renamed
 * prefixes are exactly the members' prefixes in the canonical text, and nothing inside a string.
 * The pieces are joined once, so that the text is one flat string (it is kept: a concatenation would
 * keep the tree of its pieces, several times larger).
 */
export function canonicalJsonRenamed(
  value: Readonly<Record<string, unknown>>,
  forms: ReadonlyMap<string, string>,
  leaveOut: string,
): string | undefined {
  const pieces: string[] = [];
  return writeObjectRenamed(value, forms, leaveOut, pieces) ? pieces.join('') : undefined;
}

/** Writes a JSON value's pieces; false when it is not plain JSON (or has a key that needs escaping). */
function writeJsonRenamed(value: unknown, forms: ReadonlyMap<string, string>, pieces: string[]): boolean {
  switch (typeof value) {
    case 'string':
      pieces.push(needsEscape(value) ? JSON.stringify(value) : `"${value}"`);
      return true;
    case 'number':
    case 'boolean':
      pieces.push(JSON.stringify(value));
      return true;
    case 'object':
      if (value === null) {
        pieces.push('null');
        return true;
      }
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype) return false;
        pieces.push('[');
        for (let index = 0; index < value.length; index += 1) {
          if (index > 0) pieces.push(',');
          const item: unknown = value[index];
          // JSON.stringify writes a missing or undefined item as null
          if (item === undefined) pieces.push('null');
          else if (!writeJsonRenamed(item, forms, pieces)) return false;
        }
        pieces.push(']');
        return true;
      }
      return isPlainRecord(value) && writeObjectRenamed(value, forms, undefined, pieces);
    default:
      return false;
  }
}

function writeObjectRenamed(
  value: Readonly<Record<string, unknown>>,
  forms: ReadonlyMap<string, string>,
  leaveOut: string | undefined,
  pieces: string[],
): boolean {
  const order = orderOf(value);
  if (!order.plainKeys) return false;
  const { keys } = order;
  let renamed = order.renamed;
  if (renamed?.forms !== forms) {
    const prefixes = keys.map((key, index) => forms.get(key) ?? order.prefixes[index]);
    order.renamed = renamed = { forms, prefixes };
  }
  const { prefixes } = renamed;
  pieces.push('{');
  let first = true;
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index];
    if (key === leaveOut) continue;
    const item = value[key];
    if (item === undefined) continue;
    if (!first) pieces.push(',');
    pieces.push(prefixes[index]);
    if (!writeJsonRenamed(item, forms, pieces)) return false;
    first = false;
  }
  pieces.push('}');
  return true;
}

function isPlainRecord(value: object): value is Readonly<Record<string, unknown>> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** An object's keys in canonical order, each with its member's prefix (`"key":`) written once. */
interface Order {
  /** the keys as Object.keys lists them */
  readonly given: readonly string[];
  readonly keys: readonly string[];
  readonly prefixes: readonly string[];
  /** whether an object given the keys in this order lists them so (sortedCopy's copy keeps the order) */
  readonly copySafe: boolean;
  /** whether no key needs escaping (its member's prefix is `"key":` with the key as it is) */
  readonly plainKeys: boolean;
  /** the prefixes with some names written otherwise (canonicalJsonRenamed), for the last table asked */
  renamed?: { readonly forms: ReadonlyMap<string, string>; readonly prefixes: readonly string[] };
}

/**
 * Orders by an object's first key, then its key list compared key by key (no string built to look one
 * up). Bounded, as shapes may not be: the table starts over when it is full.
 */
const orders = new Map<string, Order[]>();
const MAX_FIRST_KEYS = 4096;
const MAX_ORDERS_PER_FIRST_KEY = 64;

function orderOf(value: Readonly<Record<string, unknown>>): Order {
  const given = Object.keys(value);
  const first = given.length > 0 ? given[0] : '';
  let known = orders.get(first);
  if (known) {
    for (const order of known) if (sameKeys(order.given, given)) return order;
  } else {
    if (orders.size >= MAX_FIRST_KEYS) orders.clear();
    orders.set(first, (known = []));
  }
  // Array.prototype.sort compares strings by UTF-16 code units, as RFC 8785 sorts
  const keys = [...given].sort();
  const order: Order = {
    given,
    keys,
    prefixes: keys.map((key) => `${JSON.stringify(key)}:`),
    copySafe: keptInOrder(keys),
    plainKeys: !keys.some(needsEscape),
  };
  if (known.length < MAX_ORDERS_PER_FIRST_KEY) known.push(order);
  return order;
}

function sameKeys(known: readonly string[], given: readonly string[]): boolean {
  if (known.length !== given.length) return false;
  for (let index = 1; index < given.length; index += 1) if (known[index] !== given[index]) return false;
  return true;
}

/**
 * The general road, for values that are not plain JSON (their members only, as the canonical form
 * always took them): a copy of the value with its keys inserted in sorted order, written by the engine's
 * own JSON.stringify. That is exact unless an object has keys the engine does not keep in insertion order
 * (array indexes such as "10", which it lists first and by number) or a `__proto__` key; such a value is
 * written member by member.
 */
function byCopy(value: unknown): string {
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
  if (!order.copySafe) return UNSAFE;
  const copy: Record<string, unknown> = {};
  for (const key of order.keys) {
    const item = sortedCopy((value as Record<string, unknown>)[key]);
    if (item === UNSAFE) return UNSAFE;
    copy[key] = item;
  }
  return copy;
}

/** Returned by sortedCopy for a value that must be written member by member. */
export const UNSAFE: unique symbol = Symbol('not safe to copy in canonical order');

/** Whether an object given these keys in this order lists them in the same order (no index or __proto__ keys out of place). */
export function keptInOrder(keys: readonly string[]): boolean {
  const probe: Record<string, number> = {};
  for (const key of keys) probe[key] = 0;
  const listed = Object.keys(probe);
  return listed.length === keys.length && listed.every((key, index) => key === keys[index]);
}

/** The exact, slower road: every member written in canonical order. */
export function writeCanonical(value: unknown): string {
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
