import { TokenFileError } from '@libs/access';
import { DomainError, InvariantViolation } from '@libs/domain';
import { EventStoreError } from '@libs/event-store';
import {
  CommandFileError,
  EventLineError,
  HistoryBrokenError,
  TargetNotEmptyError,
  UnreadableEventError,
} from '@libs/ledger';
import { JournalMappingError } from '@libs/reports';
import { ExitCode, NotAnswered, UsageError } from './cli-error';
import { CliIo } from './cli-io';
import { PARTIAL } from './write-whole';

/** Lines of a command file named at most, the first rejected line first. */
const MAX_PRINTED_LINES = 20;

/** A rejected command file: every line that is no command (as many as fit), and that nothing of it was recorded. */
function commandFileLines(error: CommandFileError): string {
  if (error.more.length === 0) return error.message;
  const all = [error, ...error.more];
  const shown = all.slice(0, MAX_PRINTED_LINES).map((found) => found.message);
  const hidden = all.length - shown.length;
  return [
    ...shown,
    ...(hidden > 0 ? [`… and ${hidden} more`] : []),
    `${all.length} lines are no command; nothing of ${error.file} was recorded`,
  ].join('\n');
}

/** What a failed subcommand prints, and its exit code. */
export function reportError(error: unknown, io: CliIo, usageText: string): number {
  if (error instanceof UsageError) {
    io.err(`geldstroom: ${error.message}\nUsage: ${usageText}`);
    return ExitCode.usage;
  }
  if (error instanceof CommandFileError) {
    io.err(commandFileLines(error));
    return ExitCode.rejected;
  }
  if (error instanceof EventLineError || error instanceof TargetNotEmptyError || error instanceof JournalMappingError) {
    io.err(error.message);
    return ExitCode.rejected;
  }
  if (error instanceof NotAnswered) {
    io.err(`geldstroom: ${error.message}${error.hint ? `\n${error.hint}` : ''}`);
    return ExitCode.rejected;
  }
  // what is not found names itself ("region … has nothing recorded for 2031"), as over HTTP
  if (error instanceof DomainError && error.code === 'NOT_FOUND') {
    io.err(`geldstroom: ${error.reason}`);
    return ExitCode.rejected;
  }
  if (error instanceof DomainError || error instanceof HistoryBrokenError) {
    io.err(`geldstroom: ${error.message}`);
    return ExitCode.rejected;
  }
  // the store holds an event this version cannot read, or the token file cannot be read: like a store that fails, said in one line
  if (error instanceof EventStoreError || error instanceof UnreadableEventError || error instanceof TokenFileError) {
    io.err(`geldstroom: ${error.message}`);
    return ExitCode.store;
  }
  if (error instanceof InvariantViolation) {
    io.err(
      `geldstroom: internal error, nothing was recorded (a bug in Geldstroom; please report it): ${oneLine(error.message)}`,
    );
    return ExitCode.internal;
  }
  // a path given to a command that the system refuses (--out naming a folder, a folder that does not exist)
  const refused = fileRefusal(error);
  if (refused !== undefined) {
    io.err(`geldstroom: ${refused}\nUsage: ${usageText}`);
    return ExitCode.usage;
  }
  io.err(`geldstroom: unexpected error: ${(error as Error)?.stack ?? String(error)}`);
  return ExitCode.store;
}

/** What the system said of a path, in one line without a stack, for the errors a mistyped path causes. */
function fileRefusal(error: unknown): string | undefined {
  const { code, path, dest, syscall } = (error ?? {}) as NodeJS.ErrnoException & { dest?: string };
  const reason = code !== undefined ? PATH_REASONS[code] : undefined;
  if (reason === undefined || path === undefined) return undefined;
  // a file written whole is written next to its path and renamed onto it: the path given is the destination
  if (syscall === 'rename' && dest !== undefined) return `cannot write ${dest}: ${reason}`;
  if (syscall === 'open' && path.endsWith(PARTIAL)) return `cannot write ${path.slice(0, -PARTIAL.length)}: ${reason}`;
  const action = syscall === 'mkdir' ? 'make the folder' : syscall === 'open' ? 'open' : 'use';
  return `cannot ${action} ${path}: ${reason}`;
}

const PATH_REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EEXIST: 'it exists and is not a folder',
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'the file system is read-only',
};

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ');
