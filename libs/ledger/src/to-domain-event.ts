import { DomainEvent, isDomainEventType } from '@libs/domain';
import { RecordedEvent } from '@libs/event-store';

export const CURRENT_SCHEMA_VERSION = 1;

/**
 * A stored event as the domain reads it. This is where an older schema version would be upcast;
 * an event type the domain does not know is an error, never silently skipped.
 */
export function toDomainEvent(
  recorded: Pick<RecordedEvent, 'type' | 'data' | 'metadata' | 'streamId' | 'revision'>,
): DomainEvent {
  if (!isDomainEventType(recorded.type)) {
    throw new Error(
      `stream ${recorded.streamId} revision ${recorded.revision} holds an event of unknown type "${recorded.type}"`,
    );
  }
  const version = recorded.metadata?.schemaVersion ?? 1;
  if (version > CURRENT_SCHEMA_VERSION) {
    throw new Error(
      `event ${recorded.type} at ${recorded.streamId}@${recorded.revision} has schema version ${version}; this Geldstroom reads up to ${CURRENT_SCHEMA_VERSION}`,
    );
  }
  return { type: recorded.type, data: recorded.data } as DomainEvent;
}

/** Whether an event was recorded at or before a moment (time travel: `--as-of`). */
export function recordedBy(event: Pick<RecordedEvent, 'metadata'>, asOf: Date): boolean {
  return Date.parse(event.metadata.recordedAt) <= asOf.getTime();
}
