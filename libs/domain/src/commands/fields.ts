import { Cents, MoneyFormatError, parseAmount, parseNonNegativeDecimal, Rational } from '@libs/money';
import { combineIssues, DomainError, invalidField } from '../errors';

/**
 * How a value is read: as input (the limits of domain.md §2 apply) or as recorded history, which
 * was validated when it was recorded and must stay readable when a limit is added later.
 */
export interface ReadMode {
  readonly recorded?: boolean;
}

/** Parses one field's raw JSON value; throws a DomainError that names the field. */
export type FieldParser<T> = (value: unknown, field: string, mode?: ReadMode) => T;

export interface FieldSpec<T> {
  readonly required: boolean;
  readonly parse: FieldParser<T>;
  readonly fallback?: T;
}

export const required = <T>(parse: FieldParser<T>): FieldSpec<T> => ({ required: true, parse });
export const optional = <T>(parse: FieldParser<T>): FieldSpec<T | undefined> => ({ required: false, parse });
export const withDefault = <T>(parse: FieldParser<T>, fallback: T): FieldSpec<T> => ({
  required: false,
  parse,
  fallback,
});

export type Shape = Record<string, FieldSpec<unknown>>;
export type Parsed<S extends Shape> = { readonly [K in keyof S]: S[K] extends FieldSpec<infer T> ? T : never };

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function') return 'a function';
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- only a number, boolean, bigint, symbol or undefined is left
  return `${typeof value} ${String(value)}`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses an object against a shape: every required field present, no field the shape does not know
 * (a typo must not pass silently), each value parsed by its field parser. Only the shape's own names
 * count as known: `constructor` or `__proto__` (which JSON.parse makes an own property) are unknown
 * like any other name. Every problem of the object is reported at once (`DomainError.issues`).
 */
export function parseObject<S extends Shape>(
  value: unknown,
  shape: S,
  path: string,
  ignore: readonly string[] = [],
  mode: ReadMode = {},
): Parsed<S> {
  if (!isPlainObject(value)) throw invalidField(path || '(command)', `must be an object, got ${describe(value)}`);
  return parseFieldsInto({}, value, shape, path, ignore, mode) as Parsed<S>;
}

/**
 * parseObject's work on an object known to be one: the parsed fields are set on `result` after what it
 * holds already (a command's type goes first, without a copy of the fields behind it).
 */
export function parseFieldsInto(
  result: Record<string, unknown>,
  value: Readonly<Record<string, unknown>>,
  shape: Shape,
  path: string,
  ignore: readonly string[],
  mode: ReadMode,
): Record<string, unknown> {
  const prefix = path ? `${path}.` : '';
  // a plain object built in the shape's order, returned as it is: the shape's names are code's own
  // (never "__proto__"), and a dictionary object copied into a plain one was a cost of every line
  const { names, fields } = fieldsOf(shape);
  // every line of a command file comes through here: a plain loop gathering every field's error, no closure per field
  const errors: DomainError[] = [];
  for (const key of Object.keys(value))
    // own fields only: "__proto__", "constructor" or "toString" must not pass as inherited ones
    if (!Object.hasOwn(shape, key) && !ignore.includes(key))
      errors.push(new DomainError('UNKNOWN_FIELD', `unknown field (allowed: ${names.join(', ')})`, `${prefix}${key}`));
  for (const { key, spec } of fields) {
    const raw = Object.hasOwn(value, key) ? value[key] : undefined;
    // a top-level field is named by its key as it is, without a new string per field and line
    const field = prefix === '' ? key : `${prefix}${key}`;
    if (raw === undefined || raw === null) {
      if (spec.required) errors.push(new DomainError('MISSING_FIELD', 'is required', field));
      else if (raw === null) errors.push(invalidField(field, 'must be left out rather than null'));
      else result[key] = spec.fallback;
      continue;
    }
    try {
      result[key] = spec.parse(raw, field, mode);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      errors.push(error);
    }
  }
  if (errors.length > 0) throw combineIssues(errors);
  return result;
}

interface ShapeFields {
  readonly names: readonly string[];
  readonly fields: readonly { readonly key: string; readonly spec: FieldSpec<unknown> }[];
}

/** A shape's field names and specs, listed once per shape (every line of a command file is read by one). */
const shapeFields = new WeakMap<Shape, ShapeFields>();
function fieldsOf(shape: Shape): ShapeFields {
  let fields = shapeFields.get(shape);
  if (!fields) {
    const names = Object.keys(shape);
    shapeFields.set(shape, (fields = { names, fields: names.map((key) => ({ key, spec: shape[key] })) }));
  }
  return fields;
}

export const text =
  (maxLength = 1000): FieldParser<string> =>
  (value, field) => {
    if (typeof value !== 'string') throw invalidField(field, `must be a string, got ${describe(value)}`);
    if (!startsVisibly(value) && value.trim() === '') throw invalidField(field, 'must not be empty');
    if (value.length > maxLength) throw invalidField(field, `must be at most ${maxLength} characters`);
    const unfit = unfitCharacter(value);
    if (unfit !== undefined)
      throw invalidField(
        field,
        `must not hold ${unfit.control ? 'the control character' : 'half a character (a lone surrogate)'} ${unfit.code}`,
      );
    return value;
  };

/**
 * The first character text may not hold, as "U+001B", or undefined: a control character other than a tab
 * or a line break (an escape sequence would rewrite the terminal a statement is printed on, and XML — a
 * workbook, an SVG chart — cannot hold one), or half of a surrogate pair (no character at all).
 */
export function unfitCharacter(value: string): { readonly code: string; readonly control: boolean } | undefined {
  const found = UNFIT.exec(value);
  if (found === null) return undefined;
  const unit = found[0].charCodeAt(0);
  return { code: `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`, control: unit < 0xd800 };
}

const UNFIT =
  // eslint-disable-next-line no-control-regex -- the control characters are what it looks for
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a text starts with a printable ASCII character other than a space: then trimming leaves it not empty. */
function startsVisibly(value: string): boolean {
  const code = value.charCodeAt(0);
  return code > 32 && code < 127;
}

const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,99}$/;
const identifierText = text(100);
export const identifier: FieldParser<string> = (value, field) => {
  const id = identifierText(value, field);
  if (!IDENTIFIER.test(id)) {
    throw invalidField(
      field,
      `must start with a letter or digit and hold only letters, digits and . _ : / -, got ${describe(id)}`,
    );
  }
  return id;
};

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** Region and fund ids become part of account and stream names, so they are kept to lower-case slugs. */
const slugText = text(63);
export const slug: FieldParser<string> = (value, field) => {
  const id = slugText(value, field);
  if (!SLUG.test(id))
    throw invalidField(
      field,
      `must be lower-case letters, digits and hyphens (e.g. "holland-rijnland"), got ${describe(id)}`,
    );
  return id;
};

const MUNICIPALITY_CODE = /^GM\d{4}$/;
export const municipalityCode: FieldParser<string> = (value, field) => {
  if (typeof value !== 'string' || !MUNICIPALITY_CODE.test(value)) {
    throw invalidField(
      field,
      `must be a CBS municipality code "GM" + 4 digits (e.g. "GM0546"), got ${describe(value)}`,
    );
  }
  return value;
};

export const YEAR_MIN = 1900;
export const YEAR_MAX = 2999;
export const year: FieldParser<number> = (value, field) => {
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw invalidField(field, `must be an integer year such as 2024, got ${describe(value)}`);
  if (value < YEAR_MIN || value > YEAR_MAX)
    throw invalidField(field, `must be a year between ${YEAR_MIN} and ${YEAR_MAX}, got ${value}`);
  return value;
};

export const version: FieldParser<number> = (value, field) => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 1_000_000) {
    throw invalidField(field, `must be a positive integer version, got ${describe(value)}`);
  }
  return value;
};

export const oneOf =
  <T extends string>(...options: readonly T[]): FieldParser<T> =>
  (value, field) => {
    if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
      throw invalidField(
        field,
        `must be one of ${options.map((option) => `"${option}"`).join(', ')}, got ${describe(value)}`,
      );
    }
    return value as T;
  };

export const boolean: FieldParser<boolean> = (value, field) => {
  if (typeof value !== 'boolean') throw invalidField(field, `must be true or false, got ${describe(value)}`);
  return value;
};

/** The parse options of input (the limits apply) and of recorded history, made once. */
const AS_INPUT = { limits: true } as const;
const AS_RECORDED = { limits: false } as const;

export const amount: FieldParser<Cents> = (value, field, mode) => {
  try {
    return parseAmount(value, mode?.recorded ? AS_RECORDED : AS_INPUT);
  } catch (error) {
    if (error instanceof MoneyFormatError) throw invalidField(field, error.reason);
    throw error;
  }
};

/** A non-negative decimal string, returned in canonical form ("24.30" → "24.3"). */
export const decimal: FieldParser<string> = (value, field, mode) => {
  try {
    return parseNonNegativeDecimal(value, mode?.recorded ? AS_RECORDED : AS_INPUT);
  } catch (error) {
    if (error instanceof MoneyFormatError) throw invalidField(field, error.reason);
    throw error;
  }
};

export const percentage =
  (max = 100): FieldParser<string> =>
  (value, field, mode) => {
    const pct = decimal(value, field, mode);
    if (Rational.fromDecimal(pct).compare(Rational.of(BigInt(max))) > 0)
      throw invalidField(field, `must be a percentage between 0 and ${max}, got "${pct}"`);
    return pct;
  };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/**
 * Dates found valid, so that a date is parsed once: a command file repeats the same few hundred dates
 * (monthly invoices, advances) over tens of thousands of lines. Bounded: it starts over when full.
 */
const validDates = new Set<string>();
const MAX_VALID_DATES = 4096;
export const isoDate: FieldParser<string> = (value, field) => {
  if (typeof value === 'string' && validDates.has(value)) return value;
  if (typeof value !== 'string' || !ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw invalidField(field, `must be a date YYYY-MM-DD, got ${describe(value)}`);
  }
  if (validDates.size >= MAX_VALID_DATES) validDates.clear();
  validDates.add(value);
  return value;
};

export const arrayOf =
  <T>(item: FieldParser<T>, options: { min?: number; max?: number } = {}): FieldParser<readonly T[]> =>
  (value, field, mode) => {
    if (!Array.isArray(value)) throw invalidField(field, `must be an array, got ${describe(value)}`);
    if (options.min !== undefined && value.length < options.min)
      throw invalidField(field, `must hold at least ${options.min} item(s)`);
    if (options.max !== undefined && value.length > options.max)
      throw invalidField(field, `must hold at most ${options.max} items`);
    // every item's error gathered, so that one pass reports them all (a loop: no closure per item)
    const result: T[] = [];
    const errors: DomainError[] = [];
    for (let index = 0; index < value.length; index += 1) {
      try {
        result[index] = item(value[index], `${field}[${index}]`, mode);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        errors.push(error);
      }
    }
    if (errors.length > 0) throw combineIssues(errors);
    return result;
  };

export const objectOf =
  <S extends Shape>(shape: S): FieldParser<Parsed<S>> =>
  (value, field, mode) =>
    parseObject(value, shape, field, [], mode);

/** A JSON object used as a map, e.g. weights by municipality code; keys checked by `key`. */
export const recordOf =
  <T>(
    key: FieldParser<string>,
    item: FieldParser<T>,
    options: { min?: number } = {},
  ): FieldParser<Readonly<Record<string, T>>> =>
  (value, field, mode) => {
    if (!isPlainObject(value)) throw invalidField(field, `must be an object, got ${describe(value)}`);
    const entries = Object.entries(value);
    if (options.min !== undefined && entries.length < options.min)
      throw invalidField(field, `must hold at least ${options.min} entr${options.min === 1 ? 'y' : 'ies'}`);
    const result = Object.create(null) as Record<string, T>;
    // every entry's error gathered, so that one pass reports them all (a loop: no closure per entry)
    const errors: DomainError[] = [];
    for (const [name, entry] of entries) {
      const path = `${field}.${name}`;
      try {
        key(name, path, mode);
        result[name] = item(entry, path, mode);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        errors.push(error);
      }
    }
    if (errors.length > 0) throw combineIssues(errors);
    return { ...result };
  };

export const yearKey: FieldParser<string> = (value, field) => {
  if (typeof value !== 'string' || !/^\d{4}$/.test(value))
    throw invalidField(field, `must be a year such as "2025", got ${describe(value)}`);
  year(Number(value), field);
  return value;
};
