import { DomainError } from '@libs/domain';
import { EventStoreError } from '@libs/event-store';
import { BatchNotRecorded, CommandIssue, CommandRejected, CommandsRefused, runCommands } from './apply-commands';
import { checkedFileCommands, CommandFileError, FilePlace, locate } from './command-file';
import { CommandContext, Ledger } from './ledger';
import { BatchWriter } from './ledger-batch';

export interface ApplyReport {
  readonly file: string;
  readonly commands: number;
  readonly events: number;
  readonly unchanged: number;
}

/** A malformed line as the file's reader shows it: `FILE:LINE: Command.field: reason`. */
function locatedIssue({ place, value, code, reason, error }: CommandIssue<FilePlace>): CommandFileError {
  const located = error ? locate(error, place.file, place.line, value) : undefined;
  return located instanceof CommandFileError ? located : new CommandFileError(place.file, place.line, reason, code);
}

/** applyCommands' refusals in the file's terms: the first bad line, with the others in `more`. */
function inFileTerms(error: unknown): unknown {
  if (error instanceof CommandsRefused) {
    const [first, ...others] = (error as CommandsRefused<FilePlace>).issues.map(locatedIssue);
    return first ? new CommandFileError(first.file, first.line, first.reason, first.code, first.field, others) : error;
  }
  if (error instanceof CommandRejected && error.cause instanceof DomainError) {
    const { place, command } = error as CommandRejected<FilePlace>;
    return locate(error.cause, place.file, place.line, command);
  }
  if (error instanceof BatchNotRecorded && error.cause instanceof EventStoreError) {
    const { place, recorded } = error as BatchNotRecorded<FilePlace>;
    const cause = error.cause;
    // what is recorded and how to go on, for the whole run (the cause speaks of its batch)
    const resume = `; the commands before line ${place.line} of ${place.file} are recorded (${recorded.commands} by this run): apply the same file again to record the rest (what is recorded records nothing again)`;
    return new EventStoreError(cause.code, cause.message + resume, { cause, reason: cause.reason + resume });
  }
  // a store that failed, a broken history: as they are
  return error instanceof CommandRejected ? error.cause : error;
}

/**
 * Applies a command file as interface §2 says: the commands run in order, each atomically, and the
 * first rejected one — a line that is no command, or one the ledger refuses — stops the run with a
 * CommandFileError naming its line, the commands before it staying recorded (a file is a journal the
 * user appends to and re-applies; identical commands record nothing the second time). `afterLine` skips running the lines up
 * to it (a run that resumes where an interrupted one stopped). `batchSize` commits that many commands at a
 * time (runCommands), on `writer`'s thread when one is given.
 */
export async function applyCommandFile(
  ledger: Ledger,
  file: string,
  text: string,
  context: Omit<CommandContext, 'source'>,
  options: { afterLine?: number; batchSize?: number; writer?: BatchWriter } = {},
): Promise<ApplyReport> {
  const afterLine = options.afterLine ?? 0;
  try {
    const report = await runCommands(ledger, checkedFileCommands(file, text), {
      actor: context.actor,
      ...(context.correlationId !== undefined ? { correlationId: context.correlationId } : {}),
      skip: (place) => place.line <= afterLine,
      ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
      ...(options.writer !== undefined ? { writer: options.writer } : {}),
    });
    return { file, ...report };
  } catch (error) {
    throw inFileTerms(error);
  }
}
