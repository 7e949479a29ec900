export * from './model';
export { COMMAND_TYPES } from './commands/command.types';
export * from './commands/parse-command';
// the edges (CLI options, HTTP parameters) check ids and years with the same rules as command fields
export { identifier, municipalityCode, slug, year, yearKey, YEAR_MIN, YEAR_MAX } from './commands/fields';
export type { FieldParser } from './commands/fields';
export * from './commands/command.catalogue';
export * from './commands/command.schema';
export type { FieldSchema } from './commands/field-schema';
export { schemaOf } from './commands/field-schema';
export { COMMAND_SHAPES } from './commands/command.shapes';
