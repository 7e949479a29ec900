import { DomainEvent, RegionState } from '@libs/domain/model';
import { ExpectedRevision, NewEvent } from '@libs/event-store';
import { LedgerEvent } from '@libs/projections';
import { ChainCheck, ChainProblem } from './integrity';

/** One region as the ledger holds it: its folded state and where its chain stands, not its events. */
export interface CachedRegion {
  readonly streamId: string;
  state: RegionState;
  /** the last revision folded in, in the store or held here */
  revision: ExpectedRevision;
  chain: ChainCheck;
  /** what is wrong with the stored history, once the fold found it */
  broken?: ChainProblem;
  /**
   * events folded in that are not in the store: a dry run's, or a batch's until it commits. A region
   * holding some is neither caught up from the store, nor snapshot, nor let go of.
   */
  local: LocalEvent[];
  /** the revision of the region's snapshot in the store, if it has one */
  snapshotRevision?: bigint;
  /** its estimated size (estimatedBytes) as of that many events folded */
  size?: { readonly eventCount: number; readonly bytes: number };
  /** the store's change stamp taken just before the region was last caught up (see EventStore.changeStamp) */
  caughtUpAt?: string;
}

/**
 * An event folded in that is not in the store, kept as decided and as handed to the store: it is made a
 * LedgerEvent only when something reads it (localEvents), as a batch's events are mostly never read.
 */
export interface LocalEvent {
  readonly event: DomainEvent;
  readonly stored: NewEvent;
  readonly revision: bigint;
}

/** A region's local events as the readers take them: decoded, with their envelope (not yet stored: no position). */
export function localEvents(region: Pick<CachedRegion, 'local'>): LedgerEvent[] {
  return region.local.map(({ event, stored, revision }) => ({
    ...event,
    eventId: stored.eventId,
    revision,
    position: -1n,
    metadata: stored.metadata,
  }));
}

/** What the held states may take: at most this many folded events and this many (estimated) bytes. */
export interface CacheBudget {
  readonly events: number;
  readonly bytes: number;
}

/**
 * Bytes a folded state takes besides its facts' texts, per event folded: the facts map's entries and
 * string headers, the posting sums and the other per-year maps (measured on the national set: 30.5 MB
 * of heap for 87,672 events, 16.6 MB of it the facts' identities and given contents, 160 bytes per
 * event the rest).
 */
const BYTES_PER_EVENT = 160;

/**
 * What a folded state holds in memory, estimated: the facts' identities and given contents, whose size
 * depends on how large the facts are (a key with many weights, a long description), and a fixed
 * amount per event folded. Within a few percent of the heap a state takes on the national set.
 */
export function estimatedBytes(state: RegionState): number {
  let characters = 0;
  // forEach, not for-of over entries: an entry array per fact was most of what a trim allocated
  state.facts.forEach((content, identity) => {
    characters += identity.length + content.length;
  });
  return characters + BYTES_PER_EVENT * state.eventCount;
}

/**
 * The folded states of the regions used last, within a budget of folded events and of bytes (a state's
 * size grows with the events folded into it, and with how large its facts are): the least recently
 * used go first, and are loaded again from their snapshot when asked for. A region with local events is
 * kept whatever the budget.
 */
export class RegionCache {
  private readonly regions = new Map<string, CachedRegion>();
  /**
   * The stream used last, which the map holds last: asked for again it needs no moving (a command file
   * mostly runs a region's commands one after the other; moving it cost a delete and an insert each).
   */
  private newest: string | undefined;

  constructor(private readonly budget: CacheBudget) {}

  /** The region, now the most recently used; undefined when it is not held. */
  get(streamId: string): CachedRegion | undefined {
    const region = this.regions.get(streamId);
    if (region && streamId !== this.newest) {
      this.regions.delete(streamId);
      this.regions.set(streamId, region);
      this.newest = streamId;
    }
    return region;
  }

  set(region: CachedRegion): void {
    this.regions.delete(region.streamId);
    this.regions.set(region.streamId, region);
    this.newest = region.streamId;
  }

  delete(streamId: string): void {
    this.regions.delete(streamId);
    if (streamId === this.newest) this.newest = undefined;
  }

  /**
   * Lets go of the least recently used regions until the budget holds (never those in `keep`, nor one
   * with local events).
   */
  trim(keep: string | ReadonlySet<string>): void {
    const kept =
      typeof keep === 'string' ? (streamId: string) => streamId === keep : (streamId: string) => keep.has(streamId);
    let events = 0;
    let bytes = 0;
    for (const region of this.regions.values()) {
      events += region.state.eventCount;
      bytes += sizeOf(region);
    }
    for (const [streamId, region] of this.regions) {
      if (events <= this.budget.events && bytes <= this.budget.bytes) return;
      if (kept(streamId) || region.local.length > 0) continue;
      events -= region.state.eventCount;
      bytes -= sizeOf(region);
      this.delete(streamId);
    }
  }

  clear(): void {
    this.regions.clear();
    this.newest = undefined;
  }

  values(): IterableIterator<CachedRegion> {
    return this.regions.values();
  }
}

/**
 * The region's estimated size. Estimating reads every fact of the state, and a batch's commit trims
 * after every command file's hundred commands: the state is estimated again once it grew by an eighth
 * (or 64 events) since it was last estimated, and in between its last estimate is extrapolated by the
 * bytes per event it showed then.
 */
function sizeOf(region: CachedRegion): number {
  const eventCount = region.state.eventCount;
  const size = region.size;
  if (
    size === undefined ||
    eventCount < size.eventCount ||
    eventCount - size.eventCount > reestimateAfter(size.eventCount)
  ) {
    region.size = { eventCount, bytes: estimatedBytes(region.state) };
    return region.size.bytes;
  }
  if (eventCount === size.eventCount || size.eventCount === 0) return size.bytes;
  return size.bytes + ((eventCount - size.eventCount) * size.bytes) / size.eventCount;
}

const reestimateAfter = (eventCount: number) => Math.max(64, eventCount / 8);
