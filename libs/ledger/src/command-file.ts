import { Command, DomainError, isPlainObject, parseCommand } from '@libs/domain';
import { isUtf8 } from 'node:buffer';
import { CheckedCommand, CommandInput, CommandsRefused } from './apply-commands';
import { duplicateJsonKey } from './json-duplicate-key';

export interface CommandLine {
  readonly file: string;
  readonly line: number;
  readonly command: Command;
}

/** Where a command stands in a command file. */
export interface FilePlace {
  readonly file: string;
  readonly line: number;
}

/**
 * A rejected line or command, located by file and line; `message` names the field and the reason.
 * `more` holds the other rejected lines of the same check (every malformed line is reported at once).
 */
export class CommandFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
    readonly code: string,
    readonly field?: string,
    readonly more: readonly CommandFileError[] = [],
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'CommandFileError';
  }
}

/** Longest command line accepted; a larger line is almost certainly not a command. */
export const MAX_LINE_LENGTH = 1_000_000;

/**
 * The text of a command file, which is UTF-8 as JSON is. A file with bytes that are not — saved as
 * Windows-1252, "café" with é as the one byte E9 — would be read with U+FFFD in their place and recorded
 * so; it is refused instead, naming the first line that holds such a byte.
 */
export function commandFileText(file: string, data: Buffer): string {
  if (isUtf8(data)) return data.toString('utf8');
  let line = 1;
  for (let start = 0; ; line += 1) {
    const newline = data.indexOf(NEWLINE, start);
    const end = newline === -1 ? data.length : newline;
    if (!isUtf8(data.subarray(start, end)) || newline === -1) break;
    start = end + 1;
  }
  throw new CommandFileError(
    file,
    line,
    'is not UTF-8 text; save the file as UTF-8 (it may be Windows-1252)',
    'INVALID_FILE',
  );
}

const NEWLINE = 0x0a;

/** What a line holds: its JSON value, or why it cannot be read. */
function readLine(raw: string): { value: unknown } | { unreadable: { code: string; reason: string } } {
  if (raw.length > MAX_LINE_LENGTH)
    return { unreadable: { code: 'INVALID_FIELD', reason: `line is longer than ${MAX_LINE_LENGTH} characters` } };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { unreadable: { code: 'INVALID_JSON', reason: `not valid JSON (${message})` } };
  }
  // JSON.parse keeps the last of two equal keys: {"year":2024,"year":2099} would be recorded as 2099
  const twice = duplicateJsonKey(raw, value);
  if (twice !== undefined)
    return {
      unreadable: {
        code: 'INVALID_JSON',
        reason: `gives the key ${JSON.stringify(twice)} twice in one object; give each key once`,
      },
    };
  return { value };
}

/**
 * The lines of a JSON Lines command file as inputs of applyCommands: one command per line (see
 * commandLines); each records `FILE:LINE` as its source.
 */
export function* commandFileInputs(file: string, text: string): Generator<CommandInput<FilePlace>> {
  for (const { line, raw } of commandLines(text)) {
    const place = { file, line };
    const source = `${file}:${line}`;
    const read = readLine(raw);
    yield 'value' in read ? { place, source, value: read.value } : { place, source, unreadable: read.unreadable };
  }
}

/**
 * The lines of a command file that hold a command, trimmed, with their line numbers: blank lines and lines
 * starting with `#` skipped. The text is read line by line in place (a national file is ~100k lines): a
 * line ends at `\n`, and a `\r` before it goes with the whitespace trimmed off.
 */
function* commandLines(text: string): Generator<{ readonly line: number; readonly raw: string }> {
  let line = 0;
  for (let start = 0; start <= text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const raw = text.slice(start, end).trim();
    start = end + 1;
    line += 1;
    if (raw !== '' && raw.charCodeAt(0) !== HASH) yield { line, raw };
  }
}

const HASH = 35;

/**
 * `checkedInOrder(commandFileInputs(file, text))` in one pass, for a file that is applied: each line read
 * as JSON and parsed as a command where it is reached, with no input object made for it in between (a
 * national file has ~100k lines). The first line that is not a command throws CommandsRefused naming it,
 * with the issue checkedInOrder gives.
 */
export function* checkedFileCommands(file: string, text: string): Generator<CheckedCommand<FilePlace>> {
  for (const { line, raw } of commandLines(text)) {
    const place = { file, line };
    const read = readLine(raw);
    if (!('value' in read)) throw new CommandsRefused('malformed', [{ place, value: undefined, ...read.unreadable }]);
    let command: Command;
    try {
      command = parseCommand(read.value);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const { code, reason, field } = error;
      throw new CommandsRefused('malformed', [{ place, value: read.value, code, reason, field, error }]);
    }
    yield { place, source: `${file}:${line}`, command };
  }
}

/**
 * Parses a JSON Lines command file, stopping at the first bad line (a what-if's revisions, which
 * record nothing).
 */
export function* parseCommandFile(file: string, text: string): Generator<CommandLine> {
  for (const input of commandFileInputs(file, text)) {
    const { line } = input.place;
    if ('unreadable' in input) throw new CommandFileError(file, line, input.unreadable.reason, input.unreadable.code);
    yield { file, line, command: parseLocated(file, line, 'value' in input ? input.value : input.command) };
  }
}

export function parseCommandLine(file: string, line: number, raw: string): Command {
  const read = readLine(raw);
  if ('unreadable' in read) throw new CommandFileError(file, line, read.unreadable.reason, read.unreadable.code);
  return parseLocated(file, line, read.value);
}

function parseLocated(file: string, line: number, value: unknown): Command {
  try {
    return parseCommand(value);
  } catch (error) {
    throw locate(error, file, line, value);
  }
}

/** The name of the command an input names, if it names one. */
function commandName(input: unknown): string | undefined {
  const fields = isPlainObject(input) ? input : {};
  return typeof fields.command === 'string'
    ? fields.command
    : typeof fields.type === 'string'
      ? fields.type
      : undefined;
}

/** Puts a command's error in its place in the file: `FILE:LINE: Command.field: reason`. */
export function locate(error: unknown, file: string, line: number, command?: unknown): unknown {
  if (!(error instanceof DomainError)) return error;
  const name = commandName(command);
  const where =
    error.field && error.field !== 'command'
      ? `${name ? `${name}.` : ''}${error.field}: `
      : name && error.code !== 'UNKNOWN_COMMAND'
        ? `${name}: `
        : error.field
          ? `${error.field}: `
          : '';
  return new CommandFileError(file, line, `${where}${error.reason}`, error.code, error.field);
}
