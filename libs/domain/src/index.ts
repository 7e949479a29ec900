/** The domain: its model (`./model`) and the command side the edges use — the parsers and what describes them. */
export * from './model';
export { parseCommand } from './commands/parse-command';
export { COMMAND_TYPES } from './commands/command.types';
export { COMMAND_SHAPES } from './commands/command.shapes';
// the edges (CLI options, HTTP parameters) check ids and years with the same rules as command fields
export {
  described,
  identifier,
  isoDate,
  municipalityCode,
  oneOf,
  slug,
  text,
  version,
  year,
  yearKey,
} from './commands/field-schema';
export { YEAR_MIN, YEAR_MAX, unfitCharacter } from './commands/fields';
export type { FieldParser } from './commands/fields';
export { schemaOf } from './commands/field-schema';
export type { DescribedParser, FieldSchema } from './commands/field-schema';
export { COMMAND_CATALOGUE } from './commands/command.catalogue';
export { commandFields, commandJsonSchema } from './commands/command.schema';
export type { CommandFieldDoc } from './commands/command.schema';
