import {
  DomainEvent,
  EventDataError,
  isDerivedEvent,
  isPlainObject,
  readStoredEvent,
  toStoredEvent,
} from '@libs/domain/model';
import { DerivedDocument, EventStore } from '@libs/event-store';
import { ChainPoint } from './integrity';
import { holdsAt, readPoint, writtenPoint } from './region-snapshot';

/** The kind of derived document a region's replay history is stored as. */
export const HISTORY = 'history';

/** The version of the form below: a document of another form is not read. */
const HISTORY_FORMAT = 1;

/**
 * What a replay (the what-if) reads of a region's history: its facts and its run, closing and
 * reopening markers, in stream order. The money events the runs derived are left out, as the replay
 * derives them again.
 */
export function keptForReplay(event: DomainEvent): boolean {
  return !isDerivedEvent(event);
}

/**
 * The events a replay reads up to a revision, kept as a derived document in their stored form with where
 * the hash chain stood there: a later what-if reads them from it and the store's events after it only,
 * instead of reading and checking the whole stream again (as a state is loaded from its snapshot).
 */
export function historyDocument(streamId: string, events: readonly DomainEvent[], point: ChainPoint): DerivedDocument {
  const body = JSON.stringify({
    format: HISTORY_FORMAT,
    point: writtenPoint(point),
    events: events.map((event) => toStoredEvent(event)),
  });
  return { kind: HISTORY, streamId, key: '', revision: point.revision, body };
}

/**
 * The region's replay history, if it has a document that holds: of this form, at a revision the
 * stream has (not beyond `upTo`, the state held), whose stored event hashes (after the hash before it)
 * to the document's head — with events that read. Anything else is ignored, never trusted: the stream
 * is then read whole. It is trusted as a snapshot is: the store drops a stream's derived documents when
 * one of its events is changed or removed, and the chain goes on being checked from the document's point.
 */
export async function loadHistory(
  store: EventStore,
  streamId: string,
  upTo: bigint,
): Promise<{ events: DomainEvent[]; point: ChainPoint } | undefined> {
  const document = await store.derived?.get(HISTORY, streamId, '');
  if (!document || document.revision > upTo) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(document.body);
  } catch {
    return undefined;
  }
  if (!isPlainObject(body) || body.format !== HISTORY_FORMAT || !Array.isArray(body.events)) return undefined;
  const point = readPoint(body.point, document.revision);
  if (!point) return undefined;
  const [at] = await store.readStream(streamId, { fromRevision: point.revision, maxCount: 1 });
  if (!at || !holdsAt(point, at)) return undefined;
  try {
    const events = (body.events as unknown[]).map((stored) => {
      if (!isPlainObject(stored) || typeof stored.type !== 'string' || typeof stored.schemaVersion !== 'number')
        throw new EventDataError('', 'is not an event in its stored form');
      return readStoredEvent({ type: stored.type, schemaVersion: stored.schemaVersion, data: stored.data });
    });
    return { events, point: { ...point, position: at.position } };
  } catch {
    return undefined;
  }
}
