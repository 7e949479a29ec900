/**
 * JSON that holds bigints exactly: what a derived document keeps of values already decoded (cents as
 * bigint), so that reading it back is JSON.parse and one walk instead of every field's codec. A bigint is
 * written as a string "\u0000" + its digits; a string that itself starts with "\u0000" is written with
 * "\u0000s" before it, so that no string reads back as a bigint.
 */
const MARK = '\u0000';
const MARK_CODE = 0;
const STRING_CODE = 's'.charCodeAt(0);

/** The value as bigint JSON (plain objects, arrays, strings, numbers, booleans, null and bigints). */
export function writeBigintJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item === 'bigint') return `${MARK}${item}`;
    if (typeof item === 'string' && item.charCodeAt(0) === MARK_CODE) return `${MARK}s${item}`;
    return item;
  });
}

/** A value written by writeBigintJson; throws a SyntaxError when the text does not read as one. */
export function readBigintJson(text: string): unknown {
  return revive(JSON.parse(text));
}

/** Turns the marked strings of a parsed value back into bigints and strings, in place. */
function revive(value: unknown): unknown {
  if (typeof value === 'string') return value.charCodeAt(0) === MARK_CODE ? unmarked(value) : value;
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const item: unknown = value[index];
      if (typeof item === 'object') revive(item);
      else if (typeof item === 'string' && item.charCodeAt(0) === MARK_CODE) value[index] = unmarked(item);
    }
    return value;
  }
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    const item = object[key];
    if (typeof item === 'object') revive(item);
    else if (typeof item === 'string' && item.charCodeAt(0) === MARK_CODE) {
      // a field named "__proto__" is defined, not assigned: it stays a field
      if (key === '__proto__')
        Object.defineProperty(object, key, {
          value: unmarked(item),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else object[key] = unmarked(item);
    }
  }
  return object;
}

/** A marked string's value; BigInt throws a SyntaxError for what is no integer (a lone mark too). */
function unmarked(text: string): string | bigint {
  if (text.charCodeAt(1) === STRING_CODE) return text.slice(2);
  if (text.length < 2) throw new SyntaxError('a mark without a bigint');
  return BigInt(text.slice(1));
}
