import { CURRENT_SCHEMA_VERSION, evolve, givenContentOf, isFactEvent, isPlainObject } from '@libs/domain/model';
import { RecordedEvent } from '@libs/event-store';
import { LedgerEvent } from '@libs/projections';
import { ChainCheck, ChainProblem } from './integrity';
import { CachedRegion } from './region-cache';
import { toLedgerEvent } from './to-domain-event';

/**
 * Folds events read from the store into a region, one at a time: each is checked against the hash
 * chain, decoded once and evolved. A fact's given content (what idempotency compares) is taken from the
 * stored data as read, not derived again from the decoded event. Returns the problem of the first event
 * that breaks the history, leaving the region at the event before it.
 */
export function foldStored(region: CachedRegion, events: readonly RecordedEvent[]): ChainProblem | undefined {
  for (const event of events) {
    const problem = region.chain.accept(event);
    if (problem) return problem;
    const decoded = toLedgerEvent(event);
    evolve(region.state, decoded, isFactEvent(decoded) ? storedGivenContent(event) : undefined);
    region.revision = event.revision;
  }
  return undefined;
}

/** The given content of a fact as stored: at an older schema version it is computed from the upcast event instead. */
function storedGivenContent(event: RecordedEvent): string | undefined {
  return event.metadata.schemaVersion === CURRENT_SCHEMA_VERSION && isPlainObject(event.data)
    ? givenContentOf(event.data)
    : undefined;
}

/**
 * A stream read whole, checked from its first event and decoded (for explain, trace, replay and as-of
 * views, which need the events themselves): each with the hash the chain gives it.
 */
export function checkedEvents(
  streamId: string,
  events: readonly RecordedEvent[],
): { events: LedgerEvent[]; hashes: string[]; problem?: ChainProblem } {
  const chain = new ChainCheck(streamId);
  const decoded: LedgerEvent[] = [];
  const hashes: string[] = [];
  for (const event of events) {
    const problem = chain.accept(event);
    if (problem) return { events: decoded, hashes, problem };
    decoded.push(toLedgerEvent(event));
    hashes.push(chain.head);
  }
  return { events: decoded, hashes };
}
