import { COMMAND_CATALOGUE, FieldNote } from './command.catalogue';
import { COMMAND_SHAPES } from './command.shapes';
import { COMMAND_TYPES, CommandType } from './command.types';
import { FieldSpec } from './fields';
import { FieldSchema, schemaOf } from './field-schema';

/** A JSON Schema object (the subset OpenAPI 3.0 knows). */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** One field of a command as documentation needs it: names, parser schema, meaning, example. */
export interface CommandFieldDoc {
  readonly name: string;
  readonly nl: string;
  readonly required: boolean;
  readonly meaning: string;
  readonly schema: FieldSchema;
  readonly default?: string;
  /** from the command's example where it has the field, otherwise the parser's own example */
  readonly example: unknown;
}

export function commandFields(type: CommandType): CommandFieldDoc[] {
  const entry = COMMAND_CATALOGUE[type];
  const notes = entry.fields as Readonly<Record<string, FieldNote>>;
  return Object.entries(COMMAND_SHAPES[type] as Readonly<Record<string, FieldSpec<unknown>>>).map(([name, spec]) => {
    const schema = schemaOf(spec);
    const note = notes[name];
    return {
      name,
      nl: note.nl,
      required: spec.required,
      meaning: note.meaning,
      schema,
      ...(note.default !== undefined ? { default: note.default } : {}),
      example: entry.example[name] ?? note.default ?? schema.example,
    };
  });
}

/**
 * The request schema of one command: an object with `command` fixed to the command's name, every
 * field with its parser's rule and the catalogue's meaning, nothing else allowed.
 */
export function commandJsonSchema(type: CommandType): JsonSchema {
  const entry = COMMAND_CATALOGUE[type];
  const fields = commandFields(type);
  const properties: Record<string, JsonSchema> = {
    command: { type: 'string', enum: [type], description: `the command name (${entry.nl})`, example: type },
  };
  for (const field of fields) {
    properties[field.name] = {
      ...field.schema,
      title: `${field.name} (${field.nl})`,
      description: `${capitalise(field.meaning)}. ${capitalise(field.schema.description)}.`,
      ...(field.default !== undefined ? { default: field.default } : {}),
      example: field.example,
    };
  }
  return {
    type: 'object',
    title: `${type} — ${entry.nl}`,
    description: entry.summary,
    required: ['command', ...fields.filter((field) => field.required).map((field) => field.name)],
    properties,
    additionalProperties: false,
    example: entry.example,
  };
}

export const COMMAND_EXAMPLES: readonly (typeof COMMAND_CATALOGUE)[CommandType]['example'][] = COMMAND_TYPES.map(
  (type) => COMMAND_CATALOGUE[type].example,
);

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
