import { EventStore, ExpectedRevision, NewEvent, RecordedEvent, StreamAppend } from '@libs/event-store';
import { canonicalize } from 'json-canonicalize';
import { ChainCheck, HistoryBrokenError } from '../integrity';

export class TargetNotEmptyError extends Error {
  constructor(description: string, what: string) {
    super(
      `the target store ${description} ${what}; import and migrate write only into an empty store, or complete an interrupted copy of the same events`,
    );
    this.name = 'TargetNotEmptyError';
  }
}

export interface CopyReport {
  /** events written */
  events: number;
  /** events the target already held, with the same id and content (an interrupted copy completed) */
  skipped: number;
  streams: number;
}

export interface CopyOptions {
  /** Events per stream in the source: a target stream the source lacks, or longer than it, is refused before anything is written. */
  readonly sourceCounts?: ReadonlyMap<string, number>;
  /** Write everything in one transaction where the target offers it (SQLite, memory): all or nothing. */
  readonly atomic?: boolean;
}

export type CopiedEvent = Pick<RecordedEvent, 'streamId' | 'eventId' | 'type' | 'data' | 'metadata'> & {
  readonly revision?: bigint | string;
};

const PAGE = 1000;
const BATCH = 500;

/** Every event of a store, in global order, a page at a time. */
export async function* allEvents(store: EventStore): AsyncGenerator<RecordedEvent> {
  let after: bigint | undefined;
  for (;;) {
    const page = await store.readAll({ ...(after !== undefined ? { after } : {}), maxCount: PAGE });
    for (const event of page) yield event;
    if (page.length < PAGE) return;
    after = page[page.length - 1].position;
  }
}

/** How many events each stream of a store holds. */
export async function streamLengths(store: EventStore): Promise<Map<string, number>> {
  const lengths = new Map<string, number>();
  for await (const event of allEvents(store)) lengths.set(event.streamId, (lengths.get(event.streamId) ?? 0) + 1);
  return lengths;
}

/**
 * Copies events in the order given, keeping their ids and metadata, into a target that is empty or
 * holds the beginning of the same copy (an interrupted import or migration): events already there
 * with the same id and content are skipped, the rest appended with exact expected revisions. Each
 * stream's chain is checked on the way; events recorded before the chain existed get their hash.
 * A broken history is refused (HistoryBrokenError) before anything of its stream is written.
 */
export async function appendInOrder(
  target: EventStore,
  events: AsyncIterable<CopiedEvent> | Iterable<CopiedEvent>,
  options: CopyOptions = {},
): Promise<CopyReport> {
  const held = await streamLengths(target);
  if (options.sourceCounts) refuseStreamsBeyondSource(target.description, held, options.sourceCounts);
  // an interrupted copy wrote the source's events in order: what the target holds must be exactly the
  // first of them, all matched before anything is written
  const heldInAll = [...held.values()].reduce((sum, length) => sum + length, 0);
  const chains = new Map<string, ChainCheck>();
  const targetEvents = new Map<string, RecordedEvent[]>();
  const seen = new Map<string, number>();
  const appended = new Map<string, number>();
  const pending: StreamAppend[] = [];
  let batch: NewEvent[] = [];
  let batchStream: string | undefined;
  let skipped = 0;
  let written = 0;

  const expected = (streamId: string): ExpectedRevision => {
    const count = (held.get(streamId) ?? 0) + (appended.get(streamId) ?? 0);
    return count === 0 ? 'no_stream' : BigInt(count - 1);
  };
  const flush = async () => {
    if (!batchStream || batch.length === 0) return;
    const append: StreamAppend = { streamId: batchStream, events: batch, expectedRevision: expected(batchStream) };
    appended.set(batchStream, (appended.get(batchStream) ?? 0) + batch.length);
    if (options.atomic && target.appendMany) pending.push(append);
    else await target.appendToStream(append.streamId, append.events, append.expectedRevision);
    written += batch.length;
    batch = [];
  };

  for await (const event of events) {
    const streamId = event.streamId;
    const index = seen.get(streamId) ?? 0;
    seen.set(streamId, index + 1);
    const chained = chain(chains, event, BigInt(index));
    if (index < (held.get(streamId) ?? 0)) {
      const read = targetEvents.get(streamId) ?? (await target.readStream(streamId));
      targetEvents.set(streamId, read);
      const there = read[index];
      if (!there || !sameEvent(there, chained))
        throw new TargetNotEmptyError(
          target.description,
          `holds other events: ${streamId} revision ${index} is not the event being copied (${event.eventId})`,
        );
      skipped += 1;
      continue;
    }
    if (skipped < heldInAll)
      throw new TargetNotEmptyError(
        target.description,
        `holds other events: not the first ${heldInAll} of the events being copied (${streamId} revision ${index} is not there)`,
      );
    if (streamId !== batchStream || batch.length >= BATCH) {
      await flush();
      batchStream = streamId;
    }
    batch.push(chained);
  }
  await flush();
  refuseStreamsBeyondSource(target.description, held, seen, { allowAbsent: true });
  // pending holds appends only when the target has appendMany (above)
  if (pending.length > 0 && target.appendMany) await target.appendMany(pending);
  return { events: written, skipped, streams: seen.size };
}

/**
 * Refuses a target stream the source has fewer events of (or, unless `allowAbsent`, does not have at
 * all): the target then holds something other than the beginning of this copy.
 */
function refuseStreamsBeyondSource(
  description: string,
  held: ReadonlyMap<string, number>,
  inSource: ReadonlyMap<string, number>,
  { allowAbsent = false } = {},
): void {
  for (const [streamId, length] of held) {
    const count = inSource.get(streamId);
    if (count === undefined && !allowAbsent)
      throw new TargetNotEmptyError(description, `holds stream ${streamId}, which the source does not`);
    if (length > (count ?? 0))
      throw new TargetNotEmptyError(
        description,
        `holds ${length} events in ${streamId}, the source only ${count ?? 0}`,
      );
  }
}

/** The event as it is written: checked against its stream's chain, with the hash it has (or gets). */
function chain(chains: Map<string, ChainCheck>, event: CopiedEvent, revision: bigint): NewEvent {
  let check = chains.get(event.streamId);
  if (!check) chains.set(event.streamId, (check = new ChainCheck(event.streamId)));
  const problem = check.accept({ ...event, revision });
  if (problem) throw new HistoryBrokenError(problem, 'a broken history is not copied');
  return {
    eventId: event.eventId,
    type: event.type,
    data: event.data,
    metadata: { ...event.metadata, hash: check.head },
  };
}

function sameEvent(stored: RecordedEvent, copied: NewEvent): boolean {
  return (
    stored.eventId === copied.eventId &&
    stored.type === copied.type &&
    canonicalize(stored.data) === canonicalize(copied.data) &&
    canonicalize(stored.metadata) === canonicalize(copied.metadata)
  );
}
