import { RegionState } from '@libs/domain/model';
import { ExpectedRevision } from '@libs/event-store';
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
  local: LedgerEvent[];
  /** the revision of the region's snapshot in the store, if it has one */
  snapshotRevision?: bigint;
}

/**
 * The folded states of the regions used last, within a budget of folded events (a state's size grows
 * with the events folded into it): the least recently used go first, and are loaded again from their
 * snapshot when asked for. A region with local events is kept whatever the budget.
 */
export class RegionCache {
  private readonly regions = new Map<string, CachedRegion>();

  constructor(private readonly budget: number) {}

  /** The region, now the most recently used; undefined when it is not held. */
  get(streamId: string): CachedRegion | undefined {
    const region = this.regions.get(streamId);
    if (region) {
      this.regions.delete(streamId);
      this.regions.set(streamId, region);
    }
    return region;
  }

  set(region: CachedRegion): void {
    this.regions.delete(region.streamId);
    this.regions.set(region.streamId, region);
  }

  delete(streamId: string): void {
    this.regions.delete(streamId);
  }

  /** Lets go of the least recently used regions until the budget holds (never `keep`, nor one with local events). */
  trim(keep: string): void {
    let events = 0;
    for (const region of this.regions.values()) events += region.state.eventCount;
    for (const [streamId, region] of this.regions) {
      if (events <= this.budget) return;
      if (streamId === keep || region.local.length > 0) continue;
      events -= region.state.eventCount;
      this.regions.delete(streamId);
    }
  }

  clear(): void {
    this.regions.clear();
  }

  values(): IterableIterator<CachedRegion> {
    return this.regions.values();
  }
}
