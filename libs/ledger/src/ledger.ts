import { Command, decide, DomainEvent, evolve, fold, initialState, RegionState } from '@libs/domain/model';
import {
  AppendResult,
  ConcurrencyConflictError,
  EventStore,
  ExpectedRevision,
  NewEvent,
  regionStream,
  STREAM_PREFIX,
} from '@libs/event-store';
import {
  historyEntries,
  HistoryEntry,
  HistoryOutline,
  LedgerEvent,
  outlineOf,
  Reach,
  SelectedHistory,
  selectInMemory,
} from '@libs/projections';
import { chainedEvents, ledgerMetadata } from './chained-events';
import { newCommandId } from './event-id';
import { checkedEvents, foldStored } from './fold-stored';
import { ChainCheck, ChainPoint, ChainProblem, checkStream, HistoryBrokenError } from './integrity';
import { KeyedLock } from './keyed-lock';
import { CachedRegion, localEvents, RegionCache } from './region-cache';
import { HISTORY, historyDocuments, loadHistory } from './region-history';
import { loadSnapshot, resumeChain, snapshotDocument } from './region-snapshot';
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
  /** how many folded events the ledger keeps in memory, over all regions (the least recently used go first) */
  readonly cacheEvents?: number;
  /** how many bytes (estimated: see estimatedBytes) of folded states the ledger keeps in memory, over all regions */
  readonly cacheBytes?: number;
  /** a region's snapshot is written again once this many events were folded after it */
  readonly snapshotEvery?: number;
}

/** A region as recorded (now or at a moment), with the ledger hash that pins that history. */
export interface RegionView {
  readonly state: RegionState;
  /** the hash of the last event in view; undefined for a stream without events */
  readonly ledgerHash: string | undefined;
  /** the revision of the last event in view (now; undefined as of a moment, or without events) */
  readonly revision?: bigint;
}

/** A command decided for a batch, its events held until the batch commits them (see LedgerBatch). */
export interface HeldAppend {
  readonly region: CachedRegion;
  readonly expectedRevision: ExpectedRevision;
  readonly events: NewEvent[];
}

/**
 * A folded state costs about 370 bytes per event (measured on the national set: 88k events, 31 MiB), so
 * the default holds the national set whole (about 55 MiB at most). A budget below the working set makes
 * a command file that goes round the regions (month by month) load every region again for each command.
 */
export const DEFAULT_CACHE_EVENTS = 150_000;
/**
 * Folded events are a count; what they take depends on how large the facts are, so the states held are
 * bounded in bytes too. The national set's states take about 30 MB, so the default holds them whole.
 */
export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;
export const DEFAULT_SNAPSHOT_EVERY = 500;

/**
 * The application service: load a region's state, decide, append with the expected revision, and
 * on a concurrency conflict catch up and decide again.
 *
 * It keeps folded states, not events: a region is loaded from its snapshot (when the store keeps one
 * that holds) and the events after it, and only the regions used last are kept (`cacheEvents`, `cacheBytes`). A
 * command is decided on the state held — a writer elsewhere shows as a conflict at the append, after
 * which the region is caught up and the command decided again — and what it appended is folded in
 * directly. A read catches up from the store first, so it sees what other processes appended.
 * Snapshots are written as the ledger reads (`snapshotEvery`) and by `persist()`.
 */
export class Ledger {
  private readonly cache: RegionCache;
  /** One command or read at a time per region in this process: the cache is shared and catching up mutates it. */
  private readonly locks = new KeyedLock();
  private readonly clock: () => Date;
  private readonly maxRetries: number;
  private readonly snapshotEvery: number;
  /** regions found by reading `$all`, for stores without an index of their streams */
  private readonly scanned = { regions: new Set<string>(), position: 0n };
  private lastRecorded = { time: Number.NaN, text: '' };

  constructor(
    readonly store: EventStore,
    private readonly options: LedgerOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.maxRetries = options.maxRetries ?? 5;
    this.snapshotEvery = options.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY;
    // a dry run keeps what it would record in memory only: nothing of it may be let go of
    this.cache = new RegionCache(
      options.dryRun
        ? { events: Infinity, bytes: Infinity }
        : {
            events: options.cacheEvents ?? DEFAULT_CACHE_EVENTS,
            bytes: options.cacheBytes ?? DEFAULT_CACHE_BYTES,
          },
    );
  }

  /** A dry-run ledger computes and keeps what it would record in memory only (apply --dry-run). */
  get dryRun(): boolean {
    return this.options.dryRun === true;
  }

  async execute(command: Command, context: CommandContext): Promise<CommandOutcome> {
    return this.exclusive(command.regionId, () => this.executeNow(command, context));
  }

  /**
   * Decides a command for a batch: its events are folded into the region at once (the batch's later
   * commands see them) and held until the batch commits them together. Nothing is appended here.
   */
  async hold(command: Command, context: CommandContext, held: HeldAppend[]): Promise<CommandOutcome> {
    return this.exclusive(command.regionId, () => this.executeNow(command, context, held));
  }

  /** Marks a batch's held events as stored, once its commit succeeded (`results` one for each held append). */
  committed(held: readonly HeldAppend[], results: readonly AppendResult[]): void {
    held.forEach(({ region, events }, index) => {
      // the oldest local events are these (a batch decided since, beside the commit, keeps its own)
      region.local.splice(0, events.length);
      // the appends are in order: a region's last one settles it where its events end
      region.chain.settle(results[index].position);
    });
    this.cache.trim(new Set(held.map(({ region }) => region.streamId)));
  }

  /** Lets go of regions whose held events were not stored: they are loaded from the store again. */
  forget(streamIds?: Iterable<string>): void {
    if (streamIds === undefined) this.cache.clear();
    else for (const streamId of streamIds) this.cache.delete(streamId);
  }

  private async executeNow(command: Command, context: CommandContext, held?: HeldAppend[]): Promise<CommandOutcome> {
    const streamId = regionStream(command.regionId);
    const commandId = context.commandId ?? newCommandId();
    for (let attempt = 0; ; attempt += 1) {
      // the first attempt decides on the state held; after a conflict, on the store's
      const region = attempt === 0 ? await this.loaded(streamId) : await this.catchUp(streamId, true);
      const decided = decide(command, region.state);
      if (decided.length === 0) return { regionId: command.regionId, commandId, events: [] };
      const firstRevision = region.revision === 'no_stream' ? 0n : region.revision + 1n;
      const { events: newEvents, givenContents } = chainedEvents(
        decided,
        { streamId, firstRevision, head: region.chain.head },
        ledgerMetadata({
          actor: context.actor,
          recordedAt: this.recordedAt(),
          source: context.source,
          commandId,
          correlationId: context.correlationId ?? commandId,
          command: command.type,
        }),
      );
      const outcome = {
        regionId: command.regionId,
        commandId,
        events: newEvents.map((event, index) => ({
          eventId: event.eventId,
          type: event.type,
          revision: String(firstRevision + BigInt(index)),
        })),
      };
      const domainEvents = decided.map(({ event }) => event);
      if (this.options.dryRun) {
        this.foldIn(region, newEvents, domainEvents, givenContents, firstRevision, true);
        return outcome;
      }
      if (held) {
        // one append per command, in the order decided: the store records the batch in the file's order
        held.push({ region, expectedRevision: region.revision, events: newEvents });
        this.foldIn(region, newEvents, domainEvents, givenContents, firstRevision, true);
        return outcome;
      }
      let appended: AppendResult;
      try {
        appended = await this.store.appendToStream(streamId, newEvents, region.revision);
      } catch (error) {
        if (error instanceof ConcurrencyConflictError && attempt < this.maxRetries) continue;
        throw error;
      }
      this.foldIn(region, newEvents, domainEvents, givenContents, firstRevision, false, appended.position);
      return outcome;
    }
  }

  /** The region's state as recorded now, or as it was recorded at `asOf`. */
  async regionState(regionId: string, asOf?: Date): Promise<RegionState> {
    return (await this.regionView(regionId, asOf)).state;
  }

  /** The region's state with its ledger hash, read together so that the hash pins exactly that state. */
  async regionView(regionId: string, asOf?: Date): Promise<RegionView> {
    if (asOf) return this.exclusive(regionId, () => this.viewAsOf(regionStream(regionId), asOf));
    return (await this.regionNow(regionId)).view;
  }

  /**
   * The region as recorded now with where its hash chain stands, read together: for documents derived
   * from the state that are checked against the stored event at that point when read (the read models).
   */
  async regionNow(regionId: string): Promise<{ readonly view: RegionView; readonly point: ChainPoint | undefined }> {
    const region = await this.exclusive(regionId, () => this.catchUp(regionStream(regionId)));
    const point = region.chain.point;
    const view = {
      state: region.state,
      ledgerHash: point?.head,
      ...(region.revision !== 'no_stream' ? { revision: region.revision } : {}),
    };
    return { view, point };
  }

  /**
   * The region's recorded events in stream order (for explain, trace, replay and export): read from the
   * store up to the state held, checked from the first event as they are decoded.
   */
  async regionEvents(regionId: string): Promise<readonly LedgerEvent[]> {
    const streamId = regionStream(regionId);
    return this.exclusive(regionId, async () => {
      return this.storedEvents(streamId, await this.catchUp(streamId));
    });
  }

  /**
   * The region's events up to the state held: the store's, checked from the first, and those held in memory
   * only; without a region held, the store's up to `upTo`.
   */
  private async storedEvents(streamId: string, region: CachedRegion | undefined, upTo = -1n): Promise<LedgerEvent[]> {
    if (region?.revision === 'no_stream') return localEvents(region);
    const storedUpTo = region ? storedRevision(region) : upTo;
    const read = checkedEvents(streamId, await this.store.readStream(streamId, { maxCount: Number(storedUpTo) + 1 }));
    if (read.problem) throw new HistoryBrokenError(await this.diagnose(streamId, region, read.problem));
    return region ? [...read.events, ...localEvents(region)] : read.events;
  }

  /**
   * What a replay reads of the region's history (see HistoryPart), in stream order: the parts `choose`
   * asks for once it has seen the history's outline — from the history documents where they hold, and the
   * store's events after them, checked on from the documents' chain point as they are decoded; the whole
   * stream, checked from its first event, where they do not. The documents are written again once they
   * are `snapshotEvery` events behind (all parts are read then).
   *
   * Up to the state held — or, given `upTo`, up to that revision of the store's stream, without loading
   * the region (a what-if that reads the region as recorded from its read models: see replayJson).
   */
  async replayHistory(
    regionId: string,
    choose: (outline: HistoryOutline) => Reach,
    upTo?: bigint,
  ): Promise<SelectedHistory> {
    const streamId = regionStream(regionId);
    return this.exclusive(regionId, async () => {
      const region = upTo === undefined ? await this.catchUp(streamId) : undefined;
      if (region?.revision === 'no_stream') return selected(historyEntries(localEvents(region)), choose);
      const storedUpTo = region ? storedRevision(region) : (upTo ?? -1n);
      const held = this.dryRun ? undefined : await loadHistory(this.store, streamId, storedUpTo);
      const chain = held ? ChainCheck.resume(streamId, held.point) : new ChainCheck(streamId);
      const from = held ? held.point.revision + 1n : 0n;
      const tail =
        from > storedUpTo
          ? []
          : await this.store.readStream(streamId, { fromRevision: from, maxCount: Number(storedUpTo - from) + 1 });
      const decoded: DomainEvent[] = [];
      for (const event of tail) {
        const problem = chain.accept(event);
        if (problem) throw new HistoryBrokenError(await this.diagnose(streamId, region, problem));
        decoded.push(toLedgerEvent(event));
      }
      const newer = historyEntries(decoded, held?.outline.steps ?? 0);
      const stored = outlineOf(newer, held?.outline);
      const local = region ? historyEntries(localEvents(region), stored.steps) : [];
      const outline = outlineOf(local, stored);
      const reach = choose(outline);
      const point = chain.point;
      const rewrite = point !== undefined && !this.dryRun && (!held || tail.length >= this.snapshotEvery);
      const older = held ? await held.read(rewrite ? undefined : reach) : [];
      // a part that does not hold: the stream is read whole, as without documents
      if (!older) return selected(historyEntries(await this.storedEvents(streamId, region, storedUpTo)), choose);
      if (rewrite && point && this.store.derived)
        await this.store.derived.put(historyDocuments(streamId, stored, [...older, ...newer], point), {
          streamIds: [streamId],
          kinds: [HISTORY],
        });
      // the parts read for `reach` hold only what it reads; the events after them are sorted out here
      const read = rewrite ? selectInMemory(older, reach) : older;
      const after = newer.length + local.length === 0 ? [] : selectInMemory([...newer, ...local], reach);
      return { outline, reach, entries: after.length === 0 ? read : [...read, ...after] };
    });
  }

  /** The registered regions, from the store's index of streams (or `$all`, read on from where it was last read). */
  async regionIds(): Promise<string[]> {
    const ids = new Set<string>();
    if (this.store.listStreams) {
      for (const stream of await this.store.listStreams({ prefix: STREAM_PREFIX }))
        if (stream.firstType === 'RegionRegistered') ids.add(stream.streamId.slice(STREAM_PREFIX.length));
    } else {
      for (const regionId of await this.scanRegions()) ids.add(regionId);
    }
    for (const region of this.cache.values())
      if (region.state.region) ids.add(region.streamId.slice(STREAM_PREFIX.length));
    return [...ids].sort();
  }

  /**
   * Writes a snapshot of every region held whose snapshot is `snapshotEvery` events or more behind
   * (apply calls it at the end, so that the next process starts from there).
   */
  async persist(): Promise<void> {
    const due = [...this.cache.values()].filter((region) => this.snapshotDue(region));
    await this.writeSnapshots(due);
  }

  /** Writes the regions' snapshots in one transaction (best effort: a snapshot not written is written later). */
  private async writeSnapshots(regions: readonly CachedRegion[]): Promise<void> {
    const documents = regions.flatMap((region) => {
      const point = region.chain.point;
      return point ? [{ region, document: snapshotDocument(region.streamId, region.state, point) }] : [];
    });
    if (documents.length === 0 || !this.store.derived) return;
    if (await this.store.derived.put(documents.map(({ document }) => document)))
      for (const { region, document } of documents) region.snapshotRevision = document.revision;
  }

  private async scanRegions(): Promise<Set<string>> {
    for (;;) {
      const page = await this.store.readAll({ after: this.scanned.position, maxCount: 1000 });
      for (const event of page) {
        this.scanned.position = event.position;
        if (event.type === 'RegionRegistered' && event.streamId.startsWith(STREAM_PREFIX))
          this.scanned.regions.add(event.streamId.slice(STREAM_PREFIX.length));
      }
      if (page.length < 1000) return this.scanned.regions;
    }
  }

  /**
   * The clock's time as recorded in an event: a command takes far less than a millisecond, so most
   * commands of a run are recorded in the same millisecond as the one before, whose text is kept.
   */
  private recordedAt(): string {
    const now = this.clock();
    const time = now.getTime();
    if (time !== this.lastRecorded.time) this.lastRecorded = { time, text: now.toISOString() };
    return this.lastRecorded.text;
  }

  private exclusive<T>(regionId: string, work: () => Promise<T>): Promise<T> {
    return this.locks.run(regionId, work);
  }

  /**
   * Folds events this ledger decided into the region: appended (their position known), or local (a dry
   * run's, a batch's until it commits). Their hashes were computed from exactly these events, so the
   * chain takes them as they are. A fold that fails half way leaves the region to be loaded again.
   */
  private foldIn(
    region: CachedRegion,
    events: readonly NewEvent[],
    decided: readonly DomainEvent[],
    givenContents: readonly (string | undefined)[],
    firstRevision: bigint,
    local: boolean,
    position?: bigint,
  ): void {
    try {
      events.forEach((event, index) => {
        const revision = firstRevision + BigInt(index);
        const domainEvent = decided[index];
        region.chain.advance(String(event.metadata.hash), index === events.length - 1 ? position : undefined);
        evolve(region.state, domainEvent, givenContents[index]);
        region.revision = revision;
        if (local) region.local.push({ event: domainEvent, stored: event, revision });
      });
    } catch (error) {
      this.cache.delete(region.streamId);
      throw error;
    }
  }

  /**
   * What verify would say of the stream: the fold sees one event at a time, verify looks ahead. A region
   * held is not answered from again.
   */
  private async diagnose(
    streamId: string,
    region: CachedRegion | undefined,
    found: ChainProblem,
  ): Promise<ChainProblem> {
    const problem = checkStream(streamId, await this.store.readStream(streamId)).problem ?? found;
    if (region) region.broken = problem;
    return problem;
  }

  /** The region as held, or loaded (from its snapshot and the events after it) when it is not. */
  private async loaded(streamId: string): Promise<CachedRegion> {
    const region = this.cache.get(streamId);
    if (!region) return this.catchUp(streamId);
    const broken = region.broken ?? region.chain.problem;
    if (broken) throw new HistoryBrokenError(broken);
    return region;
  }

  /**
   * Reads what was appended since the state held (loading the region first when it is not held) and
   * folds it, checking the hash chain event by event: a region whose history fails the check is neither
   * answered from nor appended to. A region with local events is not caught up: they come first. While
   * the store's change stamp is the one taken before the last catch-up, nothing can have been appended
   * since, by anyone, and the read is left out (`reread` forces it: after a refused append).
   */
  private async catchUp(streamId: string, reread = false): Promise<CachedRegion> {
    let region = this.cache.get(streamId);
    let fromRevision: bigint;
    // taken before the read: whatever is appended after it changes the stamp, and is read next time
    const stamp = this.store.changeStamp?.();
    if (region) {
      const broken = region.broken ?? region.chain.problem;
      if (broken) throw new HistoryBrokenError(broken);
      if (region.local.length > 0) return region;
      if (!reread && stamp !== undefined && stamp === region.caughtUpAt) return region;
      fromRevision = region.revision === 'no_stream' ? 0n : region.revision + 1n;
    } else {
      const snapshot = this.dryRun ? undefined : await loadSnapshot(this.store, streamId);
      region = snapshot
        ? {
            streamId,
            state: snapshot.state,
            revision: snapshot.point.revision,
            chain: resumeChain(streamId, snapshot),
            local: [],
            snapshotRevision: snapshot.point.revision,
          }
        : { streamId, state: initialState(), revision: 'no_stream', chain: new ChainCheck(streamId), local: [] };
      fromRevision = snapshot ? snapshot.point.revision + 1n : 0n;
      this.cache.set(region);
    }
    const events = await this.store.readStream(streamId, { fromRevision });
    let problem: ChainProblem | undefined;
    try {
      problem = foldStored(region, events);
    } catch (error) {
      // an event that does not read: the region is read again (and refused again) next time
      this.cache.delete(streamId);
      throw error;
    }
    if (problem) throw new HistoryBrokenError(await this.diagnose(streamId, region, problem));
    region.caughtUpAt = stamp;
    if (this.snapshotDue(region)) await this.writeSnapshots([region]);
    this.cache.trim(streamId);
    return region;
  }

  /** Whether the region's snapshot in the store is far enough behind to write a new one. */
  private snapshotDue(region: CachedRegion): boolean {
    if (this.dryRun || !this.store.derived || region.local.length > 0 || region.revision === 'no_stream') return false;
    return region.revision - (region.snapshotRevision ?? -1n) >= BigInt(this.snapshotEvery);
  }

  /**
   * As of a moment: the stream read whole and checked, the events recorded by then folded (time travel
   * is rare; nothing of it is kept).
   */
  private async viewAsOf(streamId: string, asOf: Date): Promise<RegionView> {
    const region = await this.catchUp(streamId);
    const read = checkedEvents(streamId, await this.store.readStream(streamId));
    if (read.problem) throw new HistoryBrokenError(await this.diagnose(streamId, region, read.problem));
    const events = [...read.events, ...localEvents(region)];
    const hashes = [...read.hashes, ...region.local.map(({ stored }) => String(stored.metadata.hash))];
    const inView = events.map((event) => recordedBy(event, asOf));
    const last = inView.lastIndexOf(true);
    return {
      state: fold(events.filter((_, index) => inView[index])),
      ledgerHash: last < 0 ? undefined : hashes[last],
    };
  }
}

/** The revision of a region's last event in the store (those held in memory only come after it). */
function storedRevision(region: CachedRegion): bigint {
  return region.revision === 'no_stream' ? -1n : region.revision - BigInt(region.local.length);
}

/** What a replay reads of a history held whole: its outline, the reach chosen from it, and the entries that reach reads. */
function selected(entries: readonly HistoryEntry[], choose: (outline: HistoryOutline) => Reach): SelectedHistory {
  const outline = outlineOf(entries);
  const reach = choose(outline);
  return { outline, reach, entries: selectInMemory(entries, reach) };
}
