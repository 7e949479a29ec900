import { DomainEvent, EventDataError, readStoredEvent } from '@libs/domain/model';
import { RecordedEvent } from '@libs/event-store';
import { LedgerEvent } from '@libs/projections';

type Stored = Pick<RecordedEvent, 'type' | 'data' | 'metadata' | 'streamId' | 'revision'>;

/**
 * A stored event this Geldstroom cannot read: an unknown type, a newer schema version, or data that is
 * not its type's schema. The region's history is then not read at all, never read with a gap.
 */
export class UnreadableEventError extends Error {
  readonly code = 'UNREADABLE_EVENT';

  constructor(
    readonly streamId: string,
    readonly revision: bigint,
    readonly type: string,
    readonly reason: string,
  ) {
    super(`stream ${streamId} revision ${revision} holds a ${type} event this Geldstroom cannot read: ${reason}`);
    this.name = 'UnreadableEventError';
  }
}

/** A stored event as the domain reads it: upcast to the current schema and decoded once. */
export function toDomainEvent(recorded: Stored): DomainEvent {
  try {
    return readStoredEvent({
      type: recorded.type,
      schemaVersion: recorded.metadata.schemaVersion,
      data: recorded.data,
    });
  } catch (error) {
    if (error instanceof EventDataError)
      throw new UnreadableEventError(recorded.streamId, recorded.revision, recorded.type, error.message);
    throw error;
  }
}

/** A stored event as the read models use it: decoded, with who recorded it, when and where. */
export function toLedgerEvent(recorded: Stored & Pick<RecordedEvent, 'eventId' | 'position'>): LedgerEvent {
  const { eventId, revision, position, metadata } = recorded;
  // the decoded event is new and ours: adding the envelope to it costs less than a spread into a copy
  return Object.assign(toDomainEvent(recorded), { eventId, revision, position, metadata });
}

/** Whether an event was recorded at or before a moment (time travel: `--as-of`). */
export function recordedBy(event: Pick<RecordedEvent, 'metadata'>, asOf: Date): boolean {
  return Date.parse(event.metadata.recordedAt) <= asOf.getTime();
}
