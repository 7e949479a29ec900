import { Cents, formatAmount, MoneyFormatError, parseAmount, parseNonNegativeDecimal } from '@libs/money';
import { Account, isAccount } from '../../accounts';
import { Posting } from '../posting';

/** A JSON value as the store holds it. */
export type Json = string | number | boolean | null | readonly Json[] | JsonObject;
export interface JsonObject {
  readonly [key: string]: Json;
}

/**
 * Stored data that does not read as its event's schema: a field of the wrong kind, a missing or an
 * unknown field. History is never parsed as input, so this is no DomainError: it means the store
 * holds something this Geldstroom cannot read.
 */
export class EventDataError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path || '(data)'}: ${reason}`);
    this.name = 'EventDataError';
  }

  /** The same problem seen from the object or array that holds the field. */
  under(key: string | number): EventDataError {
    const head = typeof key === 'number' ? `[${key}]` : key;
    const path = this.path === '' ? head : this.path.startsWith('[') ? `${head}${this.path}` : `${head}.${this.path}`;
    return new EventDataError(path, this.reason);
  }
}

/**
 * How one kind of field is stored: `decode` reads the stored JSON (checking its form, not the limits
 * a command has: a limit added later must never make history unreadable), `encode` writes it back.
 * For every value read from a store, encode(decode(json)) is that json again.
 */
export interface Codec<T> {
  /** throws an EventDataError whose path is relative to this value ('' for the value itself) */
  decode(value: unknown): T;
  /** writes the value; with `sorted`, every object's fields in canonical order (see CanonicalWrite) */
  encode(value: T, sorted?: CanonicalWrite): Json;
  /** set by `optional`: the field may be absent */
  readonly optional?: true;
}

/**
 * Asks an encode for every object's fields in canonical order (RFC 8785: sorted by UTF-16 code units),
 * and is told whether the JSON.stringify of what it wrote is canonical JSON: an object's fields are
 * (their names are fixed), a map's keys (`recordOf`) are kept as given and may not be.
 */
export interface CanonicalWrite {
  /** set to false by a map whose keys, as the engine lists them, are not in canonical order */
  canonical: boolean;
}

function fail(reason: string, path = ''): never {
  throw new EventDataError(path, reason);
}

/** Reads a field or an item; a problem in it is reported with its place (decoding builds no path otherwise). */
function within<T>(key: string | number, codec: Codec<T>, value: unknown): T {
  try {
    return codec.decode(value);
  } catch (error) {
    throw error instanceof EventDataError ? error.under(key) : error;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function') return 'a function';
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- only a number, boolean, bigint, symbol or undefined is left
  return `${typeof value} ${String(value)}`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function string(value: unknown): string {
  return typeof value === 'string' ? value : fail(`must be a string, got ${describe(value)}`);
}

/** Free text as given (a name, a reference, a justification). */
export const text: Codec<string> = { decode: string, encode: (value) => value };

/** An identity: a region, key, fund or fact id. */
export const id: Codec<string> = {
  decode: (value) => {
    const text = string(value);
    return text === '' ? fail('must not be empty') : text;
  },
  encode: (value) => value,
};

const MUNICIPALITY_CODE = /^GM\d{4}$/;
/** A CBS municipality code ("GM0546"). */
export const code: Codec<string> = {
  decode: (value) => {
    const text = string(value);
    return MUNICIPALITY_CODE.test(text) ? text : fail(`must be a municipality code, got ${describe(text)}`);
  },
  encode: (value) => value,
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const date: Codec<string> = {
  decode: (value) => {
    const text = string(value);
    return ISO_DATE.test(text) ? text : fail(`must be a date YYYY-MM-DD, got ${describe(text)}`);
  },
  encode: (value) => value,
};

function integer(value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min)
    fail(`must be an integer of at least ${min}, got ${describe(value)}`);
  return value;
}

/** A budget year. */
export const year: Codec<number> = { decode: (value) => integer(value, 0), encode: (value) => value };

/** A version of a key, budget or agreement: 1, 2, … */
export const version: Codec<number> = { decode: (value) => integer(value, 1), encode: (value) => value };

export const boolean: Codec<boolean> = {
  decode: (value) => (typeof value === 'boolean' ? value : fail(`must be true or false, got ${describe(value)}`)),
  encode: (value) => value,
};

/** Money: stored as a decimal string with two decimals ("5802407.00"), held as cents. */
export const amount: Codec<Cents> = {
  decode: (value) => {
    try {
      return parseAmount(value);
    } catch (error) {
      if (error instanceof MoneyFormatError) fail(error.reason);
      throw error;
    }
  },
  encode: (value) => formatAmount(value),
};

/** A percentage or weight: a non-negative decimal string, held in canonical form ("24.3"). */
export const decimal: Codec<string> = {
  decode: (value) => {
    try {
      return parseNonNegativeDecimal(value);
    } catch (error) {
      if (error instanceof MoneyFormatError) fail(error.reason);
      throw error;
    }
  },
  encode: (value) => value,
};

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;
/** A computed value shown as decimal text (an exact quota, a weight sum, euros with six decimals). */
export const decimalText: Codec<string> = {
  decode: (value) => {
    const text = string(value);
    return DECIMAL_TEXT.test(text) ? text : fail(`must be a decimal number, got ${describe(text)}`);
  },
  encode: (value) => value,
};

export const account: Codec<Account> = {
  decode: (value) => {
    const name = string(value);
    return isAccount(name) ? name : fail(`is not an account name, got ${describe(name)}`);
  },
  encode: (value) => value,
};

export function oneOf<T extends string>(...options: readonly T[]): Codec<T> {
  const allowed: readonly string[] = options;
  const isOption = (value: unknown): value is T => typeof value === 'string' && allowed.includes(value);
  return {
    decode: (value) => (isOption(value) ? value : fail(`must be one of ${options.join(', ')}, got ${describe(value)}`)),
    encode: (value) => value,
  };
}

/** A field that may be absent (never null). */
export function optional<T>(codec: Codec<T>): Codec<T | undefined> {
  return {
    optional: true,
    decode: (value) => (value === undefined ? undefined : codec.decode(value)),
    encode: (value, sorted) =>
      value === undefined ? fail('an absent field has no stored form') : codec.encode(value, sorted),
  };
}

/** A field that is null when it does not apply. */
export function nullable<T>(codec: Codec<T>): Codec<T | null> {
  return {
    decode: (value) => (value === null ? null : codec.decode(value)),
    encode: (value, sorted) => (value === null ? null : codec.encode(value, sorted)),
  };
}

export function arrayOf<T>(item: Codec<T>): Codec<readonly T[]> {
  return {
    decode: (value) =>
      Array.isArray(value)
        ? value.map((entry, index) => within(index, item, entry))
        : fail(`must be an array, got ${describe(value)}`),
    encode: (values, sorted) => values.map((value) => item.encode(value, sorted)),
  };
}

/**
 * A JSON object used as a map (weights by code, percentages by year), in stored order — also when
 * written in canonical order: the domain iterates a map in its order (a key's members, a statement's
 * rows), and a map read back from the store must iterate as the one decided did.
 */
export function recordOf<T>(key: Codec<string>, item: Codec<T>): Codec<Readonly<Record<string, T>>> {
  return {
    decode: (value) => {
      if (!isPlainObject(value)) fail(`must be an object, got ${describe(value)}`);
      return Object.fromEntries(
        Object.entries(value).map(([name, entry]) => [within(name, key, name), within(name, item, entry)]),
      );
    },
    encode: (value, sorted) => {
      const json = Object.fromEntries(Object.entries(value).map(([name, entry]) => [name, item.encode(entry, sorted)]));
      if (sorted?.canonical && !inCanonicalOrder(Object.keys(json))) sorted.canonical = false;
      return json;
    },
  };
}

/** Whether keys are in canonical order (by UTF-16 code units, as Array.prototype.sort and `<` compare strings). */
function inCanonicalOrder(keys: readonly string[]): boolean {
  for (let index = 1; index < keys.length; index += 1) if (!(keys[index - 1] < keys[index])) return false;
  return true;
}

/** A codec for each field of an object type, in the order the fields are stored. */
export type Shape<T> = { readonly [K in keyof T]-?: Codec<T[K]> };

export interface ObjectCodec<T> extends Codec<T> {
  encode(value: T, sorted?: CanonicalWrite): JsonObject;
  readonly fields: readonly string[];
}

/**
 * An object with a fixed set of fields: every field of the shape read by its codec (an absent field
 * is left out, not set to undefined), a field the shape does not know refused; written in the shape's
 * field order (the order the store held until events were written in canonical order, and the order
 * a fact's fields are shown in), or in canonical order when asked (`sorted`).
 */
export function object<T extends object>(shape: Shape<T>): ObjectCodec<T> {
  const entries = Object.entries<Codec<unknown>>(shape);
  const fields = entries.map(([name]) => name);
  // every event read or written goes through here: plain loops over the fields and their codecs
  const codecs = entries.map(([, codec]) => codec);
  const sortedIndexes = fields.map((_, index) => index).sort((a, b) => (fields[a] < fields[b] ? -1 : 1));
  const sortedFields = sortedIndexes.map((index) => fields[index]);
  const sortedCodecs = sortedIndexes.map((index) => codecs[index]);
  return {
    fields,
    decode: (value) => {
      if (!isPlainObject(value)) fail(`must be an object, got ${describe(value)}`);
      for (const name of Object.keys(value))
        if (!Object.hasOwn(shape, name)) fail(`unknown field (known: ${fields.join(', ')})`, name);
      const result: Record<string, unknown> = {};
      for (let index = 0; index < fields.length; index += 1) {
        const name = fields[index];
        const codec = codecs[index];
        const raw = value[name];
        if (raw === undefined) {
          if (codec.optional !== true) fail('is missing', name);
          continue;
        }
        result[name] = within(name, codec, raw);
      }
      // every field was read by the codec the shape gives for T's field of that name
      return result as T;
    },
    encode: (value, sorted) => {
      const stored = value as Record<string, unknown>;
      const json: Record<string, Json> = {};
      const names = sorted ? sortedFields : fields;
      const written = sorted ? sortedCodecs : codecs;
      for (let index = 0; index < names.length; index += 1) {
        const name = names[index];
        const item = stored[name];
        if (item !== undefined) json[name] = written[index].encode(item, sorted);
      }
      return json;
    },
  };
}

/** The posting codec as the general object codec makes it: the reference of the one below. */
export const postingByShape = object<Posting>({ account, amount });

/**
 * A posting: the object codec of its two fields written out — every money event holds two or more,
 * and the general loop over the fields was most of an event's encoding and much of its decoding. It
 * reads, writes and refuses exactly as `postingByShape` (tested so).
 */
export const posting: ObjectCodec<Posting> = {
  fields: postingByShape.fields,
  decode: (value) => {
    if (!isPlainObject(value)) fail(`must be an object, got ${describe(value)}`);
    for (const name of Object.keys(value))
      if (name !== 'account' && name !== 'amount') fail(`unknown field (known: account, amount)`, name);
    const rawAccount = value.account;
    if (rawAccount === undefined) fail('is missing', 'account');
    const read = within('account', account, rawAccount);
    const rawAmount = value.amount;
    if (rawAmount === undefined) fail('is missing', 'amount');
    return { account: read, amount: within('amount', amount, rawAmount) };
  },
  // in the shape's order, which is canonical order too
  encode: (value) => ({ account: value.account, amount: formatAmount(value.amount) }),
};

/** The postings of a money event, in the order recorded. */
export const postings: Codec<readonly Posting[]> = {
  decode: (value) => {
    if (!Array.isArray(value)) fail(`must be an array, got ${describe(value)}`);
    return value.map((entry, index) => within(index, posting, entry));
  },
  encode: (values) => {
    const stored = new Array<JsonObject>(values.length);
    for (let index = 0; index < values.length; index += 1) stored[index] = posting.encode(values[index]);
    return stored;
  },
};
