import { AMOUNT_MAX_INTEGER_DIGITS, DECIMAL_MAX_SIGNIFICANT_DIGITS } from '@libs/money';
import * as fields from './fields';
import { FieldParser, FieldSpec, Shape } from './fields';

/**
 * What a field parser accepts, machine-readable: a JSON Schema (the subset OpenAPI 3.0 knows) plus a
 * short type name and the rule in words. The command reference (docs/commands.md) and the OpenAPI
 * request schemas are generated from it, so the documentation says what the parser does.
 */
export interface FieldSchema {
  /** absent only where `oneOf` lists alternatives of different types */
  readonly type?: 'string' | 'integer' | 'boolean' | 'array' | 'object';
  /** short type name for people: "amount", "year", "CBS code" */
  readonly title: string;
  /** the rule in words */
  readonly description: string;
  readonly format?: string;
  readonly pattern?: string;
  readonly enum?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minProperties?: number;
  readonly items?: FieldSchema;
  readonly properties?: Readonly<Record<string, FieldSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: FieldSchema | false;
  readonly oneOf?: readonly FieldSchema[];
  readonly example: unknown;
}

/** A field parser that says what it accepts. */
export type DescribedParser<T> = FieldParser<T> & { readonly schema: FieldSchema };

export function described<T>(parse: FieldParser<T>, schema: FieldSchema): DescribedParser<T> {
  const parser: FieldParser<T> = (value, field, mode) => parse(value, field, mode);
  return Object.assign(parser, { schema });
}

/** The schema of a shape's field; every parser the command shapes use is described. */
export function schemaOf(spec: FieldSpec<unknown> | FieldParser<unknown>): FieldSchema {
  const parse = typeof spec === 'function' ? spec : spec.parse;
  const schema = (parse as Partial<DescribedParser<unknown>>).schema;
  if (!schema) throw new Error('a command field parser without a description; wrap it with described()');
  return schema;
}

export function objectSchema(shape: Shape, title = 'object', description = 'an object'): FieldSchema {
  const properties: Record<string, FieldSchema> = {};
  const example: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(shape)) {
    properties[name] = schemaOf(spec);
    if (spec.required) example[name] = properties[name].example;
  }
  return {
    type: 'object',
    title,
    description,
    properties,
    required: Object.entries(shape)
      .filter(([, spec]) => spec.required)
      .map(([name]) => name),
    additionalProperties: false,
    example,
  };
}

export const text = (maxLength = 1000) =>
  described(fields.text(maxLength), {
    type: 'string',
    title: 'text',
    description: `text, not empty, at most ${maxLength} characters`,
    minLength: 1,
    maxLength,
    example: 'Septembercirculaire 2024',
  });

export const identifier = described(fields.identifier, {
  type: 'string',
  title: 'id',
  description:
    '1–100 characters: letters, digits and . _ : / - (starting with a letter or digit); the same id again with the same content records nothing',
  pattern: '^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,99}$',
  example: 'iu-bw-2024',
});

export const slug = described(fields.slug, {
  type: 'string',
  title: 'slug',
  description: 'lower-case letters, digits and hyphens, at most 63 characters',
  pattern: '^[a-z0-9][a-z0-9-]{0,62}$',
  example: 'holland-rijnland',
});

export const municipalityCode = described(fields.municipalityCode, {
  type: 'string',
  title: 'CBS code',
  description: 'a CBS municipality code: "GM" and 4 digits',
  pattern: '^GM\\d{4}$',
  example: 'GM0546',
});

export const year = described(fields.year, {
  type: 'integer',
  title: 'year',
  description: `a budget year, an integer from ${fields.YEAR_MIN} to ${fields.YEAR_MAX}`,
  minimum: fields.YEAR_MIN,
  maximum: fields.YEAR_MAX,
  example: 2024,
});

export const version = described(fields.version, {
  type: 'integer',
  title: 'version',
  description: 'an integer from 1 to 1000000; a version is immutable, a revision is a new version',
  minimum: 1,
  maximum: 1_000_000,
  example: 1,
});

export const oneOf = <T extends string>(...options: readonly T[]) =>
  described(fields.oneOf(...options), {
    type: 'string',
    title: 'one of',
    description: `one of ${options.map((option) => `"${option}"`).join(', ')}`,
    enum: options,
    example: options[0],
  });

export const boolean = described(fields.boolean, {
  type: 'boolean',
  title: 'boolean',
  description: 'true or false',
  example: true,
});

export const AMOUNT_PATTERN = `^-?0*\\d{1,${AMOUNT_MAX_INTEGER_DIGITS}}(\\.\\d{1,2})?$`;

export const amount = described(fields.amount, {
  type: 'string',
  title: 'amount',
  description: `euros as a decimal string with at most two decimals and at most ${AMOUNT_MAX_INTEGER_DIGITS} digits before the point, no thousands separator ("1234567.89", "-250000"); never a JSON number`,
  format: 'decimal',
  pattern: AMOUNT_PATTERN,
  example: '1234567.89',
});

const DECIMAL_PATTERN = '^\\d+(\\.\\d+)?$';

export const decimal = described(fields.decimal, {
  type: 'string',
  title: 'decimal',
  description: `a non-negative decimal string of any precision ("24.3", "0.125"), at most ${DECIMAL_MAX_SIGNIFICANT_DIGITS} significant digits`,
  format: 'decimal',
  pattern: DECIMAL_PATTERN,
  example: '24.3',
});

export const percentage = (max = 100) =>
  described(fields.percentage(max), {
    type: 'string',
    title: 'percentage',
    description: `a percentage from 0 to ${max} as a decimal string ("6.8"), at most ${DECIMAL_MAX_SIGNIFICANT_DIGITS} significant digits`,
    format: 'decimal',
    pattern: DECIMAL_PATTERN,
    example: '6.8',
  });

export const isoDate = described(fields.isoDate, {
  type: 'string',
  title: 'date',
  description: 'a date YYYY-MM-DD',
  format: 'date',
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  example: '2024-03-15',
});

export const yearKey = described(fields.yearKey, {
  type: 'string',
  title: 'year',
  description: `a year as a string ("2025")`,
  pattern: '^\\d{4}$',
  example: '2025',
});

export const arrayOf = <T>(item: DescribedParser<T>, options: { min?: number; max?: number } = {}) =>
  described(fields.arrayOf(item, options), {
    type: 'array',
    title: `list of ${item.schema.title}`,
    description: `a list${options.min !== undefined ? ` of at least ${options.min}` : ''}${options.max !== undefined ? `${options.min !== undefined ? ' and' : ' of'} at most ${options.max}` : ''}: ${item.schema.description}`,
    items: item.schema,
    ...(options.min !== undefined ? { minItems: options.min } : {}),
    ...(options.max !== undefined ? { maxItems: options.max } : {}),
    example: [item.schema.example],
  });

export const objectOf = <S extends Shape>(shape: S) => {
  const schema = objectSchema(
    shape,
    'object',
    `an object with ${Object.entries(shape)
      .map(([name, spec]) => (spec.required ? name : `[${name}]`))
      .join(', ')}`,
  );
  return described(fields.objectOf(shape), schema);
};

/** A map such as weights by municipality code; OpenAPI 3.0 cannot constrain the keys, so the rule says it. */
export const recordOf = <T>(key: DescribedParser<string>, item: DescribedParser<T>, options: { min?: number } = {}) =>
  described(fields.recordOf(key, item, options), {
    type: 'object',
    title: `map ${key.schema.title} → ${item.schema.title}`,
    description: `an object whose keys are ${key.schema.title}s (${key.schema.description}) and whose values are ${item.schema.description}`,
    additionalProperties: item.schema,
    ...(options.min !== undefined ? { minProperties: options.min } : {}),
    example: { [String(key.schema.example)]: item.schema.example },
  });
