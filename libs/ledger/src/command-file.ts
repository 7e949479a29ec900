import { Command, DomainError, isPlainObject, parseCommand } from '@libs/domain';

export interface CommandLine {
  readonly file: string;
  readonly line: number;
  readonly command: Command;
}

/** A rejected line or command, located by file and line; `message` names the field and the reason. */
export class CommandFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
    readonly code: string,
    readonly field?: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'CommandFileError';
  }
}

/** Longest command line accepted; a larger line is almost certainly not a command. */
export const MAX_LINE_LENGTH = 1_000_000;

/**
 * Parses a JSON Lines command file: one command per line, blank lines and lines starting with `#`
 * skipped. Parsing stops at the first bad line, so nothing after it is applied.
 */
export function* parseCommandFile(file: string, text: string): Generator<CommandLine> {
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index += 1) {
    const raw = lines[index].trim();
    if (raw === '' || raw.startsWith('#')) continue;
    yield { file, line: index + 1, command: parseCommandLine(file, index + 1, raw) };
  }
}

export function parseCommandLine(file: string, line: number, raw: string): Command {
  if (raw.length > MAX_LINE_LENGTH)
    throw new CommandFileError(file, line, `line is longer than ${MAX_LINE_LENGTH} characters`, 'INVALID_FIELD');
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new CommandFileError(
      file,
      line,
      `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      'INVALID_JSON',
    );
  }
  try {
    return parseCommand(json);
  } catch (error) {
    throw locate(error, file, line, json);
  }
}

/** Puts a command's error in its place in the file: `FILE:LINE: Command.field: reason`. */
export function locate(error: unknown, file: string, line: number, command?: unknown): unknown {
  if (!(error instanceof DomainError)) return error;
  const fields = isPlainObject(command) ? command : {};
  const name =
    typeof fields.command === 'string' ? fields.command : typeof fields.type === 'string' ? fields.type : undefined;
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
