import { EventStore, regionStream, STREAM_PREFIX } from '@libs/event-store';
import { ChainCheck, ChainProblem, CheckedEvent } from './chain-check';
import { eventHash, storedHash } from './event-hash';

/** One stream's verification: how many events, how many before the chain, its head, or what is wrong. */
export interface ChainReport {
  readonly streamId: string;
  readonly regionId: string;
  readonly events: number;
  readonly unchained: number;
  readonly ledgerHash: string;
  readonly problem?: ChainProblem;
}

export const regionOfStream = (streamId: string) =>
  streamId.startsWith(STREAM_PREFIX) ? streamId.slice(STREAM_PREFIX.length) : streamId;

/** Checks a whole stream, in revision order as the store returns it. */
export function checkStream(streamId: string, events: readonly CheckedEvent[]): ChainReport {
  const check = new ChainCheck(streamId);
  for (let index = 0; index < events.length; index += 1) {
    const head = check.head;
    const problem = check.accept(events[index]);
    if (problem) {
      return {
        ...report(streamId, check),
        problem: problem.fault === 'edited' ? diagnose(problem, events, index, head) : problem,
      };
    }
  }
  return report(streamId, check);
}

function report(streamId: string, check: ChainCheck): ChainReport {
  return {
    streamId,
    regionId: regionOfStream(streamId),
    events: check.events,
    unchained: check.unchained,
    ledgerHash: check.head,
  };
}

/**
 * An event at revision r does not match its hash. Looking ahead tells edited from moved: if a later
 * event hashes correctly as revision r after the intact part, the one at r was either swapped with it
 * (it hashes correctly at that event's place) or inserted in front of it (the genuine events moved up).
 */
function diagnose(
  problem: ChainProblem,
  events: readonly CheckedEvent[],
  index: number,
  previous: string,
): ChainProblem {
  const revision = problem.revision;
  const belongs = events.findIndex(
    (event, at) => at > index && storedHash(event) === eventHash(previous, { ...event, revision }),
  );
  if (belongs < 0) return problem;
  const moved = events[belongs];
  const here = events[index];
  const beforeMoved = belongs - 1 === index ? storedHash(moved) : storedHash(events[belongs - 1]);
  if (
    typeof beforeMoved === 'string' &&
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- a backup file's revisions are JSON strings at run time, whatever their type says
    storedHash(here) === eventHash(beforeMoved, { ...here, revision: BigInt(moved.revision) })
  ) {
    return {
      ...problem,
      fault: 'reordered',
      detail: `revisions ${revision} and ${moved.revision} were swapped: each holds the event recorded at the other`,
    };
  }
  const inserted = belongs - index;
  return {
    ...problem,
    fault: 'inserted',
    detail: `${inserted === 1 ? 'it is' : `it and the ${inserted - 1} event(s) after it are`} not part of the chain: inserted before the event recorded at revision ${revision}, which now stands at revision ${moved.revision}`,
  };
}

/** The region streams of a store, in the order their first events were stored. */
export async function regionStreams(store: EventStore): Promise<string[]> {
  const streams = new Set<string>();
  let after: bigint | undefined;
  for (;;) {
    const page = await store.readAll({ ...(after !== undefined ? { after } : {}), maxCount: 1000 });
    for (const event of page) if (event.streamId.startsWith(STREAM_PREFIX)) streams.add(event.streamId);
    if (page.length < 1000) break;
    after = page[page.length - 1].position;
  }
  return [...streams];
}

/** Verifies every region's chain (or one region's); an unknown region gives an empty list. */
export async function verifyStore(store: EventStore, regionId?: string): Promise<ChainReport[]> {
  const streams = regionId === undefined ? await regionStreams(store) : [regionStream(regionId)];
  const reports: ChainReport[] = [];
  for (const streamId of streams) {
    const events = await store.readStream(streamId);
    if (events.length > 0) reports.push(checkStream(streamId, events));
  }
  return reports;
}
