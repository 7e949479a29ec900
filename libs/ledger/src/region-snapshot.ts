import {
  decodeRegionState,
  encodeRegionState,
  isPlainObject,
  RegionState,
  STATE_SNAPSHOT_FORMAT,
} from '@libs/domain/model';
import { DerivedDocument, EventStore, RecordedEvent } from '@libs/event-store';
import { ChainCheck, ChainPoint, eventHash, HASH_PATTERN, storedHash } from './integrity';

/** The kind of derived document a snapshot is stored as. */
export const SNAPSHOT = 'snapshot';

/**
 * A region's folded state at a revision, with where the hash chain stood there: what a later load
 * starts from instead of folding the stream from its first event.
 */
export interface RegionSnapshot {
  readonly state: RegionState;
  readonly point: ChainPoint;
}

/** The snapshot as a derived document: its format version, the chain at its revision, the state. */
export function snapshotDocument(streamId: string, state: RegionState, point: ChainPoint): DerivedDocument {
  const body = JSON.stringify({
    format: STATE_SNAPSHOT_FORMAT,
    point: writtenPoint(point),
    state: encodeRegionState(state),
  });
  return { kind: SNAPSHOT, streamId, key: '', revision: point.revision, body };
}

/** A chain point as a derived document keeps it (bigints as decimal strings). */
export function writtenPoint(point: ChainPoint): Record<string, string | number> {
  return {
    head: point.head,
    previous: point.previous,
    revision: String(point.revision),
    ...(point.position !== undefined ? { position: String(point.position) } : {}),
    ...(point.chainedFrom !== undefined ? { chainedFrom: String(point.chainedFrom) } : {}),
    unchained: point.unchained,
  };
}

/**
 * The region's snapshot, if it has one that holds: of this format, at a revision the stream has, where
 * the stored event hashes, after the hash before it, to the snapshot's head (the head the chain check
 * reached when it was taken) — and with a state that reads. Anything else is ignored, never trusted:
 * the region is then folded from its first event. The event at the snapshot's revision comes back too
 * (the caller folds on after it).
 */
export async function loadSnapshot(store: EventStore, streamId: string): Promise<RegionSnapshot | undefined> {
  const document = await store.derived?.get(SNAPSHOT, streamId, '');
  if (!document) return undefined;
  const parsed = parseBody(document);
  if (!parsed) return undefined;
  const [at] = await store.readStream(streamId, { fromRevision: parsed.point.revision, maxCount: 1 });
  if (!at || !holdsAt(parsed.point, at)) return undefined;
  let state: RegionState;
  try {
    state = decodeRegionState(parsed.state);
  } catch {
    return undefined;
  }
  if (BigInt(state.eventCount) !== parsed.point.revision + 1n) return undefined;
  return { state, point: { ...parsed.point, position: at.position } };
}

/** Whether the stored event is the one a derived document's chain point was taken at. */
export function holdsAt(point: ChainPoint, at: RecordedEvent): boolean {
  if (at.revision !== point.revision) return false;
  if (point.position !== undefined && at.position !== point.position) return false;
  if (eventHash(point.previous, at) !== point.head) return false;
  const stored = storedHash(at);
  // an event without a hash after the chain started is a broken history: the full fold must say so
  return stored === undefined ? point.chainedFrom === undefined : stored === point.head;
}

const isHash = (value: unknown): value is string => typeof value === 'string' && HASH_PATTERN.test(value);
const isCount = (value: unknown): value is string => typeof value === 'string' && /^\d+$/.test(value);

function parseBody(document: DerivedDocument): { point: ChainPoint; state: unknown } | undefined {
  let body: unknown;
  try {
    body = JSON.parse(document.body);
  } catch {
    return undefined;
  }
  if (!isPlainObject(body) || body.format !== STATE_SNAPSHOT_FORMAT) return undefined;
  const point = readPoint(body.point, document.revision);
  return point ? { point, state: body.state } : undefined;
}

/** A chain point as pointDocument wrote it, at the document's revision; undefined when it does not read so. */
export function readPoint(written: unknown, revisionOfDocument: bigint): ChainPoint | undefined {
  if (!isPlainObject(written)) return undefined;
  const { head, previous, revision, position, chainedFrom, unchained } = written;
  if (!isHash(head) || !isHash(previous) || !isCount(revision)) return undefined;
  if (position !== undefined && !isCount(position)) return undefined;
  if (chainedFrom !== undefined && !isCount(chainedFrom)) return undefined;
  if (typeof unchained !== 'number' || !Number.isSafeInteger(unchained) || unchained < 0) return undefined;
  const point: ChainPoint = {
    head,
    previous,
    revision: BigInt(revision),
    ...(position !== undefined ? { position: BigInt(position) } : {}),
    ...(chainedFrom !== undefined ? { chainedFrom: BigInt(chainedFrom) } : {}),
    unchained,
  };
  return point.revision === revisionOfDocument ? point : undefined;
}

/** The chain check a loaded snapshot continues with. */
export function resumeChain(streamId: string, snapshot: RegionSnapshot): ChainCheck {
  return ChainCheck.resume(streamId, snapshot.point);
}
