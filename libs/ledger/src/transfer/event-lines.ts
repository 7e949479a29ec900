import { EventMetadata, RecordedEvent } from '@libs/event-store';

/** One line of a backup: the whole envelope of one event; bigints as decimal strings. */
export interface EventLine {
  position: string;
  streamId: string;
  revision: string;
  eventId: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
}

export function toEventLine(event: RecordedEvent): string {
  const line: EventLine = {
    position: event.position.toString(),
    streamId: event.streamId,
    revision: event.revision.toString(),
    eventId: event.eventId,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  };
  return JSON.stringify(line);
}

export class EventLineError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'EventLineError';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reads a backup and checks it whole before anything is written: every line a complete envelope,
 * event ids unique, and each stream's revisions running 0, 1, 2… in file order.
 */
export function parseEventLines(file: string, text: string): { line: number; event: EventLine }[] {
  const events: { line: number; event: EventLine }[] = [];
  const nextRevision = new Map<string, bigint>();
  const ids = new Set<string>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let parsed: Partial<EventLine>;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      throw new EventLineError(file, line, `not valid JSON (${(error as Error).message})`);
    }
    for (const field of ['streamId', 'revision', 'eventId', 'type'] as const) {
      if (typeof parsed[field] !== 'string' || parsed[field] === '')
        throw new EventLineError(file, line, `${field} must be a non-empty string`);
    }
    if (!/^\d+$/.test(parsed.revision!))
      throw new EventLineError(file, line, `revision must be a whole number, got "${parsed.revision}"`);
    if (!UUID.test(parsed.eventId!))
      throw new EventLineError(file, line, `eventId must be a UUID, got "${parsed.eventId}"`);
    if (parsed.data === undefined) throw new EventLineError(file, line, 'data is missing');
    if (
      typeof parsed.metadata !== 'object' ||
      parsed.metadata === null ||
      typeof parsed.metadata.recordedAt !== 'string' ||
      typeof parsed.metadata.actor !== 'string'
    ) {
      throw new EventLineError(file, line, 'metadata must hold at least actor and recordedAt');
    }
    if (ids.has(parsed.eventId!)) throw new EventLineError(file, line, `eventId ${parsed.eventId} appears twice`);
    ids.add(parsed.eventId!);
    const expected = nextRevision.get(parsed.streamId!) ?? 0n;
    if (BigInt(parsed.revision!) !== expected) {
      throw new EventLineError(
        file,
        line,
        `${parsed.streamId} revision ${parsed.revision} out of order (expected ${expected})`,
      );
    }
    nextRevision.set(parsed.streamId!, expected + 1n);
    events.push({ line, event: parsed as EventLine });
  });
  return events;
}
