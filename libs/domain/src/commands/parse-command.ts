import { DomainError } from '../errors';
import { isPlainObject, parseFieldsInto } from './fields';
import { COMMAND_SHAPES } from './command.shapes';
import { Command, COMMAND_TYPES, CommandType } from './command.types';

/**
 * Turns one command-file object ({"command": "<Name>", ...fields}) into a validated command, or
 * throws a DomainError naming the field and the reason. Checks that need the recorded state
 * (membership, versions, closed years) happen in `decide`.
 */
export function parseCommand(raw: unknown): Command {
  if (!isPlainObject(raw)) throw new DomainError('INVALID_FIELD', 'a command must be a JSON object', '(command)');
  const name = raw.command;
  if (name === undefined) throw new DomainError('MISSING_FIELD', 'is required (the command name)', 'command');
  // a lookup in the shapes, not a scan of the names: every line of a command file asks
  if (typeof name !== 'string' || !Object.hasOwn(COMMAND_SHAPES, name)) {
    throw new DomainError(
      'UNKNOWN_COMMAND',
      `unknown command ${nameOf(name)} (known: ${COMMAND_TYPES.join(', ')})`,
      'command',
    );
  }
  const type = name as CommandType;
  // the type first, then the fields in the shape's order: the command as one object, not a copy
  return parseFieldsInto({ type }, raw, COMMAND_SHAPES[type], '', IGNORED, {}) as unknown as Command;
}

const IGNORED: readonly string[] = ['command'];

/** Short and safe: the name may be anything, e.g. an array nested 200,000 deep that JSON.stringify cannot print. */
function nameOf(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}
