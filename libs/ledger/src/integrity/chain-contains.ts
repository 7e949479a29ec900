import { EventStore, regionStream } from '@libs/event-store';
import { ChainCheck, CheckedEvent } from './chain-check';
import { ChainReport, checkStream } from './verify-chain';

/** Where a hash stands in a region's chain: after which event (1-based) of how many, recorded when. */
export interface ChainPoint {
  readonly hash: string;
  /** the hash is the chain's head after this event (1 = the first) */
  readonly event: number;
  /** the events in the chain now */
  readonly of: number;
  readonly type: string;
  readonly recordedAt: string;
}

export interface ContainsReport {
  readonly report: ChainReport;
  /** undefined when the hash is no head the intact chain ever had (or the chain is broken) */
  readonly point?: ChainPoint;
}

/**
 * Whether a ledger hash printed earlier (on a letter, a statement) is one the region's chain passed
 * through: after later events the head moved on, but each earlier head is still some event's chain
 * hash. Only an intact chain answers: a broken history vouches for no hash.
 */
export function locateHash(streamId: string, events: readonly CheckedEvent[], hash: string): ContainsReport {
  const report = checkStream(streamId, events);
  if (report.problem) return { report };
  const check = new ChainCheck(streamId);
  for (let index = 0; index < events.length; index += 1) {
    check.accept(events[index]);
    if (check.head === hash) {
      const event = events[index];
      return {
        report,
        point: {
          hash,
          event: index + 1,
          of: report.events,
          type: event.type,
          recordedAt: event.metadata.recordedAt,
        },
      };
    }
  }
  return { report };
}

/** locateHash over the store; undefined when the region has no events. */
export async function verifyContains(
  store: EventStore,
  regionId: string,
  hash: string,
): Promise<ContainsReport | undefined> {
  const streamId = regionStream(regionId);
  const events = await store.readStream(streamId);
  return events.length === 0 ? undefined : locateHash(streamId, events, hash);
}
