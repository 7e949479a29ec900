import {
  at,
  canonicalJson,
  CURRENT_SCHEMA_VERSION,
  encodeEventData,
  EventDataError,
  readStoredEvent,
} from '@libs/domain/model';
import { EventMetadata, RecordedEvent } from '@libs/event-store';
import { checkStream, describeProblem } from '../integrity';

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
    data: inCodecOrder(event),
    metadata: event.metadata,
  };
  return JSON.stringify(line);
}

/**
 * An event's data with its fields in the order of its type's codec. The ledger stores the fields in
 * canonical order now (one text for the row and the hash); a backup keeps the order it always had, so
 * that the same history exports the same lines whichever Geldstroom wrote it. Data that does not read,
 * or is of another schema version, is written as stored; so is data whose content the codec would not
 * give back exactly (never seen: it is a safeguard).
 */
function inCodecOrder(event: RecordedEvent): unknown {
  if (event.metadata.schemaVersion !== CURRENT_SCHEMA_VERSION) return event.data;
  let data: unknown;
  try {
    const read = readStoredEvent({ type: event.type, schemaVersion: event.metadata.schemaVersion, data: event.data });
    data = encodeEventData(read);
  } catch (error) {
    if (error instanceof EventDataError) return event.data;
    throw error;
  }
  return canonicalJson(data) === canonicalJson(event.data) ? data : event.data;
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
 * Reads a backup and checks every line before anything is written: a complete envelope, event ids
 * unique. Whether each stream's revisions run 0, 1, 2… and its chain holds is `importableStreams`'s
 * question, which can say what is wrong (missing, reordered, edited…).
 */
function requiredText(
  file: string,
  line: number,
  parsed: Partial<EventLine>,
  field: 'streamId' | 'revision' | 'eventId' | 'type',
): string {
  const value = parsed[field];
  if (typeof value !== 'string' || value === '')
    throw new EventLineError(file, line, `${field} must be a non-empty string`);
  return value;
}

export function parseEventLines(file: string, text: string): { line: number; event: EventLine }[] {
  const events: { line: number; event: EventLine }[] = [];
  const ids = new Set<string>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let parsed: Partial<EventLine>;
    try {
      parsed = JSON.parse(raw) as Partial<EventLine>;
    } catch (error) {
      throw new EventLineError(file, line, `not valid JSON (${(error as Error).message})`);
    }
    const [, revision, eventId] = (['streamId', 'revision', 'eventId', 'type'] as const).map((field) =>
      requiredText(file, line, parsed, field),
    );
    if (!/^\d+$/.test(revision))
      throw new EventLineError(file, line, `revision must be a whole number, got "${revision}"`);
    if (!UUID.test(eventId)) throw new EventLineError(file, line, `eventId must be a UUID, got "${eventId}"`);
    if (parsed.data === undefined) throw new EventLineError(file, line, 'data is missing');
    if (
      typeof parsed.metadata !== 'object' ||
      parsed.metadata === null ||
      typeof parsed.metadata.recordedAt !== 'string' ||
      typeof parsed.metadata.actor !== 'string'
    ) {
      throw new EventLineError(file, line, 'metadata must hold at least actor and recordedAt');
    }
    if (ids.has(eventId)) throw new EventLineError(file, line, `eventId ${eventId} appears twice`);
    ids.add(eventId);
    events.push({ line, event: parsed as EventLine });
  });
  return events;
}

/**
 * The backup's events as import writes them, after checking every stream: its lines taken in revision
 * order, its revisions contiguous, its hash chain intact and its postings balanced. The streams keep
 * their interleaving in the file. A broken stream is refused naming the line, region, revision and
 * what is wrong.
 */
export function importableEvents(
  file: string,
  lines: readonly { line: number; event: EventLine }[],
): { events: EventLine[]; counts: Map<string, number> } {
  const streams = new Map<string, { line: number; event: EventLine }[]>();
  for (const line of lines) {
    const stream = streams.get(line.event.streamId);
    if (stream) stream.push(line);
    else streams.set(line.event.streamId, [line]);
  }
  for (const [streamId, streamLines] of streams) {
    streamLines.sort((a, b) => compareRevisions(a.event.revision, b.event.revision));
    const report = checkStream(
      streamId,
      streamLines.map(({ event: { eventId, type, data, metadata, revision } }) => ({
        eventId,
        type,
        data,
        metadata,
        revision: BigInt(revision),
      })),
    );
    if (report.problem) {
      const revision = report.problem.revision;
      const at =
        streamLines.find(({ event }) => BigInt(event.revision) >= revision) ?? streamLines[streamLines.length - 1];
      throw new EventLineError(file, at.line, `${describeProblem(report.problem)}; nothing was imported`);
    }
  }
  const taken = new Map<string, number>();
  const events = lines.map(({ event: { streamId } }) => {
    const index = taken.get(streamId) ?? 0;
    taken.set(streamId, index + 1);
    return at(streams, streamId)[index].event;
  });
  return { events, counts: taken };
}

function compareRevisions(a: string, b: string): number {
  const difference = BigInt(a) - BigInt(b);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}
