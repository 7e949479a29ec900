import { DomainEvent } from '@libs/domain/model';
import { EventMetadata } from '@libs/event-store';

/** A recorded event as the read models work on it: the event, decoded once, with its envelope. */
export type LedgerEvent = DomainEvent & {
  readonly eventId: string;
  readonly revision: bigint;
  /** the store's global position (-1 for an event a dry run keeps in memory only) */
  readonly position: bigint;
  readonly metadata: EventMetadata;
};

/** The events recorded at or before `asOf` (time travel); all of them without it. */
export function recordedUpTo<T extends LedgerEvent>(events: readonly T[], asOf?: Date): T[] {
  if (!asOf) return [...events];
  const limit = asOf.getTime();
  return events.filter((event) => Date.parse(event.metadata.recordedAt) <= limit);
}
