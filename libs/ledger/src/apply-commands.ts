import { Command, DomainError, parseCommand } from '@libs/domain';
import { newCommandId } from './event-id';
import { CommandContext, CommandOutcome, Ledger } from './ledger';
import { BatchOutcome, BatchReplayError, BatchWriter, LedgerBatch } from './ledger-batch';

/**
 * One command as an edge received it, with where it came from: a JSON value in the command-file
 * shape, or a command the edge parsed itself (a spreadsheet row). `place` is the edge's own way to
 * point at it (a file and line, an array index, a sheet and row); `source` goes into every event.
 */
export type CommandInput<P> =
  | { readonly place: P; readonly source: string; readonly value: unknown }
  | { readonly place: P; readonly source: string; readonly command: Command }
  /** input that is not even JSON (a command file's broken line): refused with the others */
  | {
      readonly place: P;
      readonly source: string;
      readonly unreadable: { readonly code: string; readonly reason: string };
    };

/** A command that passed every check, ready to run. */
export interface CheckedCommand<P> {
  readonly place: P;
  readonly source: string;
  readonly command: Command;
}

/** Why an input cannot be applied. `error` is the parser's, with every invalid field in `issues`. */
export interface CommandIssue<P> {
  readonly place: P;
  /** the input as received; undefined when it could not be read */
  readonly value: unknown;
  readonly code: string;
  readonly reason: string;
  readonly field?: string;
  readonly error?: DomainError;
}

/**
 * Nothing was recorded: inputs that are not commands (`malformed`, every one of them listed), or
 * commands the sender may not send (`forbidden`, checked once every input is a command).
 */
export class CommandsRefused<P> extends Error {
  constructor(
    readonly kind: 'malformed' | 'forbidden',
    readonly issues: readonly CommandIssue<P>[],
  ) {
    super(issues[0]?.reason ?? 'the commands were refused');
    this.name = 'CommandsRefused';
  }
}

/**
 * The ledger (or the store) refused a command after the ones before it were recorded; `cause` says
 * why, and the edge maps it as it maps any error (a DomainError, a conflict, an unavailable store).
 */
export class CommandRejected<P> extends Error {
  constructor(
    readonly place: P,
    readonly command: Command,
    override readonly cause: unknown,
    readonly recorded: RunReport,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'CommandRejected';
  }
}

/**
 * A batch committed on a writer's thread failed (a conflict with another writer, a failed commit, a
 * thread that stopped): the run's first `recorded.commands` commands are recorded, nothing from the
 * batch that starts at `place` on. Applying the same commands again records the rest.
 */
export class BatchNotRecorded<P> extends CommandRejected<P> {
  override readonly name = 'BatchNotRecorded';
}

export interface AppliedCommand<P> extends CheckedCommand<P> {
  readonly outcome: CommandOutcome;
}

export interface RunReport {
  readonly commands: number;
  readonly events: number;
  /** commands that recorded nothing: an identical repeat */
  readonly unchanged: number;
}

export interface RunOptions<P> {
  readonly actor: string;
  readonly correlationId?: string;
  /** told of every command as it is recorded (the HTTP answer lists them; a file run only counts) */
  readonly onApplied?: (applied: AppliedCommand<P>) => void;
  /** inputs to check but not run: what an interrupted run recorded already */
  readonly skip?: (place: P) => boolean;
  /**
   * commit this many commands at a time, in one transaction and one fsync (apply --batch): each command
   * is still all or nothing, a crash loses the last batch whole, and a refused command stops the run
   * with the ones before it committed
   */
  readonly batchSize?: number;
  /**
   * commits the batches on another thread (SqliteEventStore.batchWriter): a batch is committed while the
   * next is decided, and a conflict with another writer ends the run instead of deciding it again
   */
  readonly writer?: BatchWriter;
}

export interface CheckOptions {
  /** why the sender may not send this command, if it may not (HTTP roles) */
  readonly refuse?: (command: Command) => string | undefined;
}

function checked<P>(input: CommandInput<P>): CheckedCommand<P> | CommandIssue<P> {
  const { place, source } = input;
  if ('command' in input) return { place, source, command: input.command };
  if ('unreadable' in input) return { place, value: undefined, ...input.unreadable };
  try {
    return { place, source, command: parseCommand(input.value) };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { place, value: input.value, code: error.code, reason: error.reason, field: error.field, error };
  }
}

const isIssue = <P>(item: CheckedCommand<P> | CommandIssue<P>): item is CommandIssue<P> => !('command' in item);

/** Checks every input; keeps the parsed commands only when asked (a long file is parsed again as it runs). */
function check<P>(inputs: Iterable<CommandInput<P>>, options: CheckOptions, keep: boolean): CheckedCommand<P>[] {
  const commands: CheckedCommand<P>[] = [];
  const malformed: CommandIssue<P>[] = [];
  const forbidden: CommandIssue<P>[] = [];
  for (const input of inputs) {
    const item = checked(input);
    if (isIssue(item)) {
      malformed.push(item);
      continue;
    }
    const reason = options.refuse?.(item.command);
    if (reason !== undefined) forbidden.push({ place: item.place, value: item.command, code: 'FORBIDDEN', reason });
    if (keep) commands.push(item);
  }
  if (malformed.length > 0) throw new CommandsRefused('malformed', malformed);
  if (forbidden.length > 0) throw new CommandsRefused('forbidden', forbidden);
  return commands;
}

/**
 * The first half of applying commands: every input is parsed by the domain's parser, and every
 * command is asked whether its sender may send it. Throws CommandsRefused listing every malformed
 * input (or, when all are commands, every forbidden one); nothing is run.
 */
export function checkCommands<P>(inputs: Iterable<CommandInput<P>>, options: CheckOptions = {}): CheckedCommand<P>[] {
  return check(inputs, options, true);
}

const NO_RUN: RunReport = { commands: 0, events: 0, unchanged: 0 };

function counted(report: RunReport, outcome: CommandOutcome): RunReport {
  const events = outcome.events.length;
  return {
    commands: report.commands + 1,
    events: report.events + events,
    unchanged: report.unchanged + (events === 0 ? 1 : 0),
  };
}

/**
 * A command's context, with the id it is recorded under made here (the ledger would make it otherwise).
 * Written out in full rather than spread with the correlation id: on Node 20 a spread followed by another
 * member cost half a microsecond (measured), on every command of a run.
 */
function contextOf<P>(item: CheckedCommand<P>, options: RunOptions<P>): CommandContext {
  const { actor, correlationId } = options;
  const commandId = newCommandId();
  return correlationId !== undefined
    ? { actor, source: item.source, commandId, correlationId }
    : { actor, source: item.source, commandId };
}

/**
 * The second half: runs checked commands in order through the ledger, each atomically; stops at the
 * first one refused (CommandRejected), the ones before it staying recorded.
 */
export async function runCommands<P>(
  ledger: Ledger,
  commands: Iterable<CheckedCommand<P>>,
  options: RunOptions<P>,
): Promise<RunReport> {
  if ((options.batchSize ?? 1) > 1) return runBatched(ledger, commands, options);
  let report = NO_RUN;
  for (const item of commands) {
    if (options.skip?.(item.place)) continue;
    let outcome: CommandOutcome;
    try {
      outcome = await ledger.execute(item.command, contextOf(item, options));
    } catch (error) {
      throw new CommandRejected(item.place, item.command, error, report);
    }
    report = counted(report, outcome);
    options.onApplied?.({ ...item, outcome });
  }
  return report;
}

/**
 * runCommands with a commit every `batchSize` commands (and before a refusal is reported). With a writer
 * one batch is committed while the next is decided; the next is sent only once the one before is
 * durable, so what a failure leaves recorded is always the run's first batches, whole.
 */
async function runBatched<P>(
  ledger: Ledger,
  commands: Iterable<CheckedCommand<P>>,
  options: RunOptions<P>,
): Promise<RunReport> {
  const batch = new LedgerBatch<CheckedCommand<P>>(ledger, options.writer);
  let report = NO_RUN;
  let writing: { commit: Promise<BatchOutcome<CheckedCommand<P>>[]>; first?: CheckedCommand<P> } | undefined;
  let failed = false;
  /** Waits for the batch being committed and counts it. */
  const settle = async () => {
    const pending = writing;
    writing = undefined;
    if (!pending) return;
    let outcomes;
    try {
      outcomes = await pending.commit;
    } catch (error) {
      failed = true;
      if (options.writer && pending.first) {
        throw new BatchNotRecorded(pending.first.place, pending.first.command, error, report);
      }
      if (!(error instanceof BatchReplayError)) throw error;
      const refused = error as BatchReplayError<CheckedCommand<P>>;
      for (const { outcome } of refused.committed) report = counted(report, outcome);
      throw new CommandRejected(refused.tag.place, refused.command, refused.cause, report);
    }
    for (const { tag, outcome } of outcomes) {
      report = counted(report, outcome);
      options.onApplied?.({ ...tag, outcome });
    }
  };
  /** Sends what the batch holds once the batch before it is durable; without a writer, waits for it too. */
  const commit = async () => {
    await settle();
    const first = batch.first;
    writing = { commit: batch.commit(), ...(first ? { first } : {}) };
    // answered by the next settle; until then the rejection is held, not unhandled
    writing.commit.catch(() => undefined);
    if (!options.writer) await settle();
  };
  const commitAll = async () => {
    await commit();
    await settle();
  };
  try {
    for (const item of commands) {
      if (options.skip?.(item.place)) continue;
      try {
        await batch.execute(item.command, contextOf(item, options), item);
      } catch (error) {
        await commitAll();
        throw new CommandRejected(item.place, item.command, error, report);
      }
      if (batch.size >= (options.batchSize ?? 1)) await commit();
    }
  } catch (error) {
    // an input that is no command stops the run too: what the batch holds before it is recorded
    if (!failed && !(error instanceof CommandRejected)) {
      if (batch.size > 0) await commit();
      await settle();
    }
    throw error;
  }
  await commitAll();
  return report;
}

/**
 * Applies commands — `geldstroom apply` of command files, POST /api/v1/commands, a spreadsheet's
 * rows: every input checked first (none recorded when one is malformed or forbidden), then run in
 * order, each atomically, stopping at the first the ledger refuses. `inputs` is read twice (check,
 * then run) so that a long command file is never held parsed in memory as a whole.
 */
export async function applyCommands<P>(
  ledger: Ledger,
  inputs: () => Iterable<CommandInput<P>>,
  options: RunOptions<P> & CheckOptions,
): Promise<RunReport> {
  check(inputs(), options, false);
  return runCommands(ledger, parsed(inputs()), options);
}

/**
 * Checked commands in input order for a run that stops where the input goes wrong (a command file,
 * interface §2): the commands before the first malformed input are run, then CommandsRefused names it.
 */
export function* checkedInOrder<P>(inputs: Iterable<CommandInput<P>>): Generator<CheckedCommand<P>> {
  for (const input of inputs) {
    const item = checked(input);
    if (isIssue(item)) throw new CommandsRefused('malformed', [item]);
    yield item;
  }
}

function* parsed<P>(inputs: Iterable<CommandInput<P>>): Generator<CheckedCommand<P>> {
  for (const input of inputs) {
    const item = checked(input);
    // the check passed, so the same input parses the same way now
    if (!isIssue(item)) yield item;
  }
}
