import {
  decide,
  encodeEventData,
  givenContentOf,
  givenContentOfSorted,
  isFactEvent,
  sortedCopy,
  UNSAFE,
} from '@libs/domain/model';
import { EventMetadata, NewEvent } from '@libs/event-store';
import { uuidV5 } from './event-id';
import { eventHash, sortedEventHash } from './integrity';

/** An event as `decide` gives it, with the hint its id is derived from. */
type DecidedEvent = ReturnType<typeof decide>[number];

/** What every event of one command records about it (its hash apart). */
export type CommandMetadata = EventMetadata & { readonly command: string };

export interface ChainedEvents {
  /** the events to append, each with its hash in its metadata */
  readonly events: NewEvent[];
  /** for each fact event, its given content (what idempotency compares); undefined for the others */
  readonly givenContents: readonly (string | undefined)[];
}

/**
 * A command's decided events in their stored form, chained on from `head`: each event's data is encoded
 * once and copied in canonical order once, and that copy gives both its hash and, for a fact, its given
 * content; the metadata the events share is copied in canonical order once for the command. Data the
 * engine would not keep in order (index or __proto__ keys) takes the member-by-member road instead.
 */
export function chainedEvents(
  decided: readonly DecidedEvent[],
  at: { readonly streamId: string; readonly firstRevision: bigint; readonly head: string },
  metadata: CommandMetadata,
): ChainedEvents {
  const sortedMetadata = sortedCopy(metadata);
  let previous = at.head;
  const givenContents: (string | undefined)[] = [];
  const events = decided.map(({ event, idHint }, index): NewEvent => {
    const revision = at.firstRevision + BigInt(index);
    const eventId = uuidV5(idHint ?? `${at.streamId}@${revision}`);
    const type = event.type;
    const data = encodeEventData(event);
    const sortedData = sortedCopy(data);
    previous =
      sortedData !== UNSAFE && sortedMetadata !== UNSAFE
        ? sortedEventHash(previous, { eventId, type, data: sortedData, metadata: sortedMetadata, revision })
        : eventHash(previous, { eventId, type, data, metadata, revision });
    if (isFactEvent(event))
      givenContents[index] =
        sortedData !== UNSAFE ? givenContentOfSorted(sortedData as Record<string, unknown>) : givenContentOf(data);
    return { eventId, type, data, metadata: { ...metadata, hash: previous } };
  });
  return { events, givenContents };
}
