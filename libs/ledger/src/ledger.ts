import {
  Command,
  CURRENT_SCHEMA_VERSION,
  decide,
  DomainEvent,
  encodeEventData,
  evolve,
  fold,
  givenContentOf,
  initialState,
  isFactEvent,
  isPlainObject,
  RegionState,
} from '@libs/domain/model';
import {
  ConcurrencyConflictError,
  RecordedEvent,
  EventStore,
  ExpectedRevision,
  NewEvent,
  regionStream,
  STREAM_PREFIX,
} from '@libs/event-store';
import { newCommandId, uuidV5 } from './event-id';
import { ChainCheck, ChainProblem, checkStream, eventHash, HistoryBrokenError } from './integrity';
import { KeyedLock } from './keyed-lock';
import { LedgerEvent } from '@libs/projections';
import { recordedBy, toLedgerEvent } from './to-domain-event';

/** Who issues a command and from where; time comes from the ledger's clock. */
export interface CommandContext {
  readonly actor: string;
  readonly source: string;
  readonly correlationId?: string;
  readonly commandId?: string;
}

export interface RecordedSummary {
  readonly eventId: string;
  readonly type: string;
  readonly revision: string;
}

export interface CommandOutcome {
  readonly regionId: string;
  readonly commandId: string;
  readonly events: readonly RecordedSummary[];
}

export interface LedgerOptions {
  readonly clock?: () => Date;
  /** validate and compute, but append nothing (apply --dry-run) */
  readonly dryRun?: boolean;
  readonly maxRetries?: number;
}

interface CachedRegion {
  state: RegionState;
  revision: ExpectedRevision;
  /** the stream's events, each decoded once as it was read */
  events: LedgerEvent[];
  /** each event's link in the hash chain, by index */
  hashes: string[];
  chain: ChainCheck;
  /** what is wrong with the stored history, once the fold found it */
  broken?: ChainProblem;
}

/** A region as recorded (now or at a moment), with the ledger hash that pins that history. */
export interface RegionView {
  readonly state: RegionState;
  /** the hash of the last event in view; undefined for a stream without events */
  readonly ledgerHash: string | undefined;
}

/**
 * The application service: load a region's state, decide, append with the expected revision, and
 * on a concurrency conflict catch up and decide again. The cache of folded states is only ever
 * extended by events read from (or just appended to) the store.
 */
export class Ledger {
  private readonly cache = new Map<string, CachedRegion>();
  /** One command or read at a time per region in this process: the cache is shared and catching up mutates it. */
  private readonly locks = new KeyedLock();
  private readonly clock: () => Date;
  private readonly maxRetries: number;

  constructor(
    readonly store: EventStore,
    private readonly options: LedgerOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.maxRetries = options.maxRetries ?? 5;
  }

  /** A dry-run ledger computes and keeps what it would record in memory only (apply --dry-run). */
  get dryRun(): boolean {
    return this.options.dryRun === true;
  }

  async execute(command: Command, context: CommandContext): Promise<CommandOutcome> {
    return this.exclusive(command.regionId, () => this.executeNow(command, context));
  }

  private async executeNow(command: Command, context: CommandContext): Promise<CommandOutcome> {
    const streamId = regionStream(command.regionId);
    const commandId = context.commandId ?? newCommandId();
    for (let attempt = 0; ; attempt += 1) {
      const region = await this.catchUp(command.regionId);
      const decided = decide(command, region.state);
      if (decided.length === 0) return { regionId: command.regionId, commandId, events: [] };
      const firstRevision = region.revision === 'no_stream' ? 0n : region.revision + 1n;
      const recordedAt = this.clock().toISOString();
      let previous = region.chain.head;
      const newEvents: NewEvent[] = decided.map(({ event, idHint }, index) => {
        const revision = firstRevision + BigInt(index);
        const unchained: NewEvent = {
          eventId: uuidV5(idHint ?? `${streamId}@${revision}`),
          type: event.type,
          data: encodeEventData(event),
          metadata: {
            actor: context.actor,
            recordedAt,
            source: context.source,
            commandId,
            causationId: commandId,
            correlationId: context.correlationId ?? commandId,
            schemaVersion: CURRENT_SCHEMA_VERSION,
            command: command.type,
          },
        };
        previous = eventHash(previous, { ...unchained, revision });
        return { ...unchained, metadata: { ...unchained.metadata, hash: previous } };
      });
      if (this.options.dryRun) {
        this.applyLocally(
          region,
          newEvents,
          decided.map(({ event }) => event),
          firstRevision,
        );
      } else {
        try {
          await this.store.appendToStream(streamId, newEvents, region.revision);
        } catch (error) {
          if (error instanceof ConcurrencyConflictError && attempt < this.maxRetries) continue;
          throw error;
        }
      }
      return {
        regionId: command.regionId,
        commandId,
        events: newEvents.map((event, index) => ({
          eventId: event.eventId,
          type: event.type,
          revision: String(firstRevision + BigInt(index)),
        })),
      };
    }
  }

  /** The region's state as recorded now, or as it was recorded at `asOf`. */
  async regionState(regionId: string, asOf?: Date): Promise<RegionState> {
    return (await this.regionView(regionId, asOf)).state;
  }

  /** The region's state with its ledger hash, read together so that the hash pins exactly that state. */
  async regionView(regionId: string, asOf?: Date): Promise<RegionView> {
    const region = await this.exclusive(regionId, () => this.catchUp(regionId));
    if (!asOf) return { state: region.state, ledgerHash: region.hashes.at(-1) };
    const inView = region.events.map((event) => recordedBy(event, asOf));
    const last = inView.lastIndexOf(true);
    return {
      state: fold(region.events.filter((_, index) => inView[index])),
      ledgerHash: last < 0 ? undefined : region.hashes[last],
    };
  }

  /** The region's recorded events in stream order (for explain, trace, replay and export). */
  async regionEvents(regionId: string): Promise<readonly LedgerEvent[]> {
    return [...(await this.exclusive(regionId, () => this.catchUp(regionId))).events];
  }

  async regionIds(): Promise<string[]> {
    const ids = new Set<string>();
    let after = 0n;
    for (;;) {
      const page = await this.store.readAll({ after, maxCount: 1000 });
      for (const event of page) {
        after = event.position;
        if (event.type === 'RegionRegistered' && event.streamId.startsWith(STREAM_PREFIX))
          ids.add(event.streamId.slice(STREAM_PREFIX.length));
      }
      if (page.length < 1000) break;
    }
    for (const [streamId, region] of this.cache) if (region.state.region) ids.add(streamId.slice(STREAM_PREFIX.length));
    return [...ids].sort();
  }

  private exclusive<T>(regionId: string, work: () => Promise<T>): Promise<T> {
    return this.locks.run(regionId, work);
  }

  /** A dry run keeps what it would have recorded in the cache only, so later commands see it. */
  private applyLocally(
    region: CachedRegion,
    events: NewEvent[],
    domainEvents: DomainEvent[],
    firstRevision: bigint,
  ): void {
    events.forEach((event, index) => {
      const revision = firstRevision + BigInt(index);
      const problem = region.chain.accept({ ...event, revision, position: -1n });
      if (problem) throw new HistoryBrokenError(problem);
      const decided = domainEvents[index];
      evolve(region.state, decided, isFactEvent(decided) ? givenContentOf(encodedData(event)) : undefined);
      region.events.push({ ...decided, eventId: event.eventId, revision, position: -1n, metadata: event.metadata });
      region.hashes.push(region.chain.head);
    });
    region.revision = firstRevision + BigInt(events.length - 1);
  }

  /** What verify would say of the stream: the fold sees one event at a time, verify looks ahead. */
  private async diagnose(streamId: string, region: CachedRegion, found: ChainProblem): Promise<ChainProblem> {
    region.broken = checkStream(streamId, await this.store.readStream(streamId)).problem ?? found;
    return region.broken;
  }

  /**
   * Reads what was appended since the last call and folds it, checking the hash chain event by event:
   * a region whose history fails the check is neither answered from nor appended to.
   */
  private async catchUp(regionId: string): Promise<CachedRegion> {
    const streamId = regionStream(regionId);
    let region = this.cache.get(streamId);
    if (!region) {
      region = {
        state: initialState(),
        revision: 'no_stream',
        events: [],
        hashes: [],
        chain: new ChainCheck(streamId),
      };
      this.cache.set(streamId, region);
    }
    if (region.chain.problem) throw new HistoryBrokenError(region.broken ?? region.chain.problem);
    const fromRevision = region.revision === 'no_stream' ? 0n : region.revision + 1n;
    const events = await this.store.readStream(streamId, { fromRevision });
    for (const event of events) {
      const problem = region.chain.accept(event);
      if (problem) throw new HistoryBrokenError(await this.diagnose(streamId, region, problem));
      const decoded = toLedgerEvent(event);
      evolve(region.state, decoded, isFactEvent(decoded) ? storedGivenContent(event) : undefined);
      region.events.push(decoded);
      region.hashes.push(region.chain.head);
      region.revision = event.revision;
    }
    return region;
  }
}

/**
 * A fact's given content (what idempotency compares) as stored, taken from the data as read instead of
 * derived again from the decoded event; at an older schema version it is computed from the upcast event.
 */
function storedGivenContent(event: RecordedEvent): string | undefined {
  return event.metadata.schemaVersion === CURRENT_SCHEMA_VERSION && isPlainObject(event.data)
    ? givenContentOf(event.data)
    : undefined;
}

/** The stored form of an event this ledger built (always an object: encodeEventData's). */
function encodedData(event: NewEvent): Readonly<Record<string, unknown>> {
  return event.data as Readonly<Record<string, unknown>>;
}
