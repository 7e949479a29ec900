import { Command } from '@libs/domain/model';
import { AppendResult, ConcurrencyConflictError, StreamAppend } from '@libs/event-store';
import { newCommandId } from './event-id';
import { CommandContext, CommandOutcome, HeldAppend, Ledger } from './ledger';

/** A command of a batch with its outcome, and the caller's own tag for it (where it came from). */
export interface BatchOutcome<T> {
  readonly tag: T;
  readonly outcome: CommandOutcome;
}

/**
 * A command of a batch that was decided again after another writer came first, and was refused then:
 * the batch's commands before it are recorded (`committed`), it and those after it are not.
 */
export class BatchReplayError<T> extends Error {
  constructor(
    readonly tag: T,
    readonly command: Command,
    override readonly cause: unknown,
    readonly committed: readonly BatchOutcome<T>[],
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'BatchReplayError';
  }
}

/**
 * Commits batches off the deciding thread, in the order given (SqliteEventStore.batchWriter): what a
 * batch's commit resolves with is durable.
 */
export interface BatchWriter {
  appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
}

interface Entry<T> {
  readonly command: Command;
  readonly context: CommandContext;
  readonly tag: T;
  readonly outcome: CommandOutcome;
}

/**
 * Commands recorded together: each is decided at once (a refused one records nothing, and the later
 * commands of the batch see the earlier ones), and `commit` appends all their events in one transaction
 * — one fsync for the lot — command by command in the order decided, so that the store holds them in
 * the order that committing them one by one gives. Until then nothing of the batch is in the store: a
 * crash loses the batch whole, never part of a command. The ledger's readers see the batch's events before it commits, so a
 * batch is for a writer alone on its ledger (apply), not for a service that answers reads meanwhile.
 * A store without multi-stream transactions (EventStoreDB), or a dry run, records each command as it comes.
 *
 * With a `writer`, a commit runs beside the deciding of the next batch (one batch in flight at a time:
 * see runBatched). The next batch is decided on top of the one being committed, so a batch that meets
 * another writer's events is not decided again: the conflict ends the run, the batches before it
 * recorded, nothing of it or after it.
 */
export class LedgerBatch<T> {
  private held: HeldAppend[] = [];
  private entries: Entry<T>[] = [];
  private direct: BatchOutcome<T>[] = [];

  constructor(
    private readonly ledger: Ledger,
    private readonly writer?: BatchWriter,
    private readonly maxRetries = 5,
  ) {}

  /** The tag of the first command waiting for the commit. */
  get first(): T | undefined {
    return this.entries[0]?.tag;
  }

  /** How many commands wait for the commit. */
  get size(): number {
    return this.entries.length;
  }

  async execute(command: Command, context: CommandContext, tag: T): Promise<CommandOutcome> {
    if (!this.ledger.store.appendMany || this.ledger.dryRun) {
      const outcome = await this.ledger.execute(command, context);
      this.direct.push({ tag, outcome });
      return outcome;
    }
    // the command keeps its id, so that deciding it again after a conflict gives the same events (a run's
    // commands come with theirs: no copy of the context per command)
    const fixed = context.commandId !== undefined ? context : { ...context, commandId: newCommandId() };
    const outcome = await this.ledger.hold(command, fixed, this.held);
    this.entries.push({ command, context: fixed, tag, outcome });
    return outcome;
  }

  /**
   * Appends what the batch holds in one transaction and gives the outcomes of its commands as recorded.
   * When another writer appended to one of its regions meanwhile, the commands are decided again on
   * what the store holds now and committed again; one refused then ends the batch (BatchReplayError)
   * with the ones before it committed.
   */
  async commit(): Promise<BatchOutcome<T>[]> {
    for (let attempt = 0; ; attempt += 1) {
      const { held, entries, direct } = this.take();
      const writer = this.writer ?? this.ledger.store;
      const outcomes = [...direct, ...entries.map(({ tag, outcome }) => ({ tag, outcome }))];
      if (held.length === 0 || !writer.appendMany) return outcomes;
      try {
        const results = await writer.appendMany(
          held.map(({ region, expectedRevision, events }) => ({ streamId: region.streamId, events, expectedRevision })),
        );
        this.ledger.committed(held, results);
        return outcomes;
      } catch (error) {
        // what the regions folded in was not stored: they are read from the store again (with a
        // writer, every region: the batch decided meanwhile was folded in on top of this one)
        this.ledger.forget(this.writer ? undefined : new Set(held.map(({ region }) => region.streamId)));
        if (!(error instanceof ConcurrencyConflictError) || this.writer || attempt >= this.maxRetries) throw error;
      }
      for (const { command, context, tag } of entries) {
        try {
          await this.execute(command, context, tag);
        } catch (error) {
          throw new BatchReplayError(tag, command, error, await this.commit());
        }
      }
    }
  }

  private take() {
    const taken = { held: this.held, entries: this.entries, direct: this.direct };
    this.held = [];
    this.entries = [];
    this.direct = [];
    return taken;
  }
}
