import { DomainEvent, Posting, postingsOf } from '@libs/domain';
import { RecordedEvent } from '@libs/event-store';

/** A recorded event the read models work on: the stored envelope plus its domain reading. */
export type LedgerEvent = Pick<RecordedEvent, 'eventId' | 'type' | 'data' | 'metadata' | 'revision'>;

/** The events recorded at or before `asOf` (time travel); all of them without it. */
export function recordedUpTo<T extends LedgerEvent>(events: readonly T[], asOf?: Date): T[] {
  if (!asOf) return [...events];
  const limit = asOf.getTime();
  return events.filter((event) => Date.parse(event.metadata.recordedAt) <= limit);
}

export function yearOf(event: LedgerEvent): number | undefined {
  const year = (event.data as { year?: unknown }).year;
  return typeof year === 'number' ? year : undefined;
}

export function postingsOfRecorded(event: LedgerEvent): readonly Posting[] {
  return postingsOf({ type: event.type, data: event.data } as DomainEvent);
}
