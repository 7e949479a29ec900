import {
  DomainEvent,
  isDerivedEvent,
  DOMAIN_EVENT_TYPES,
  givenContentOf,
  isFactEvent,
  isPlainObject,
  readStoredEvent,
  SummedMoney,
  toStoredEvent,
} from '@libs/domain/model';
import { createHash } from 'node:crypto';
import { readBigintJson, writeBigintJson } from './bigint-json';
import { DerivedDocument, EventStore } from '@libs/event-store';
import {
  HistoryEntry,
  HistoryItem,
  isMoneyRun,
  itemPart,
  HistoryOutline,
  HistoryPart,
  Reach,
  readFor,
  replayAsksContent,
  withMoneyRuns,
} from '@libs/projections';
import { ChainPoint } from './integrity';
import { holdsAt, readPoint, writtenPoint } from './region-snapshot';

/** The kind of derived document a region's replay history is stored as. */
export const HISTORY = 'history';

/** The version of the form below: a document of another form is not read. */
const HISTORY_FORMAT = 11;

/** The key of the document of each part (see HistoryPart); the outline's is ''. */
const CONFIG_KEY = 'config';
const CARRIED_KEY = 'carried';
const yearKey = (year: number) => `year:${year}`;
const keyOf = (part: HistoryPart): string =>
  part === 'config'
    ? CONFIG_KEY
    : part === 'carried'
      ? CARRIED_KEY
      : typeof part === 'number'
        ? yearKey(part)
        : `${yearKey(part.year)}:${part.scheme}`;

/**
 * The events a replay reads up to a revision, kept as derived documents with where the hash chain stood
 * there, one per part of the history (see HistoryPart), so that a what-if reads only the parts its
 * revisions reach and the store's events after them, instead of reading and checking the whole stream
 * again (as a state is loaded from its snapshot). The outline document ('') holds the outline and the
 * digest of every part; every part has its own document at the same revision, its events as the replay
 * consumes them: decoded, their cents as bigints (see bigint-json), so that reading one back is one parse,
 * checked whole against its digest; each fact whose content a replay may ask for (see replayAsksContent) with
 * its given content (as evolve keeps it), so that a replay folds it without writing its data out again as
 * canonical JSON (a money fact, the most of a history, without: a replay never asks); the payments, costs
 * and advances between two other steps as one run of their sums (see withMoneyRuns), which a replay folds as
 * it would fold each. The config part, which every replay reads to choose the parts it needs, is read with the
 * outline.
 */
export function historyDocuments(
  streamId: string,
  outline: HistoryOutline,
  entries: readonly HistoryItem[],
  point: ChainPoint,
): DerivedDocument[] {
  const revision = point.revision;
  const byPart = new Map<string, HistoryItem[]>();
  for (const entry of entries) {
    const part = itemPart(entry);
    if (part === undefined) continue;
    const key = keyOf(part);
    const list = byPart.get(key) ?? [];
    list.push(entry);
    byPart.set(key, list);
  }
  const parts = [...byPart].map(([key, list]) => ({
    key,
    body: writeBigintJson({ format: HISTORY_FORMAT, entries: withMoneyRuns(list).map(writtenItem) }),
  }));
  const outlineBody = JSON.stringify({
    format: HISTORY_FORMAT,
    point: writtenPoint(point),
    steps: outline.steps,
    years: outline.years,
    firstRun: [...outline.firstRun],
    parts: parts.map(({ key, body }) => [key, digestOf(body)]),
  });
  return [
    { kind: HISTORY, streamId, key: '', revision, body: outlineBody },
    ...parts.map(({ key, body }) => ({ kind: HISTORY, streamId, key, revision, body })),
  ];
}

/** An item as a part holds it: [step, event] or [step, event, content], a run as [step, sums]. */
function writtenItem(item: HistoryItem): [number, DomainEvent | SummedMoney] | [number, DomainEvent, string] {
  if (isMoneyRun(item)) return [item.step, item.money];
  // exactly the event a reader of its stored form gets (its type and data, nothing the store added)
  const stored = toStoredEvent(item.event);
  const event = readStoredEvent(stored);
  return isFactEvent(event) && replayAsksContent(event)
    ? [item.step, event, item.content ?? givenContentOf(stored.data)]
    : [item.step, event];
}

const digestOf = (body: string) => createHash('sha256').update(body).digest('hex');

/** A region's history documents as far as they hold: the outline, and the parts read on demand. */
export interface HeldHistory {
  readonly outline: HistoryOutline;
  readonly point: ChainPoint;
  /** The entries of the parts a replay deciding `reach` again reads (all parts without), in recorded order; undefined when a part does not hold. */
  read(reach: Reach | undefined): Promise<HistoryItem[] | undefined>;
}

/**
 * The region's replay history, if its outline document holds: of this form, at a revision the stream has
 * (not beyond `upTo`, the state held), whose stored event hashes (after the hash before it) to the
 * document's head — with events that read. Anything else is ignored, never trusted: the stream is then
 * read whole. It is trusted as a snapshot is: the store drops a stream's derived documents when one of its
 * events is changed or removed, and the chain goes on being checked from the document's point. A part
 * is read only when it is of the outline's revision and reads whole.
 */
export async function loadHistory(store: EventStore, streamId: string, upTo: bigint): Promise<HeldHistory | undefined> {
  const derived = store.derived;
  if (!derived) return undefined;
  // the outline and the config part, in one read
  const [document, configDocument] = await derived.getMany(HISTORY, streamId, ['', CONFIG_KEY]);
  if (!document || document.revision > upTo) return undefined;
  const body = parsed(document.body);
  if (!body || !Array.isArray(body.years) || !Array.isArray(body.firstRun) || !Array.isArray(body.parts))
    return undefined;
  if (typeof body.steps !== 'number') return undefined;
  const point = readPoint(body.point, document.revision);
  if (!point) return undefined;
  const [at] = await store.readStream(streamId, { fromRevision: point.revision, maxCount: 1 });
  if (!at || !holdsAt(point, at)) return undefined;
  const years = body.years as unknown[];
  const firstRun = body.firstRun as unknown[];
  const parts = body.parts as unknown[];
  if (!years.every(isYear) || !firstRun.every(isYearAndStep) || !parts.every(isKeyAndDigest)) return undefined;
  // a part that is not the one the outline was written with, whole, is not read
  const entriesOfPart = (stored: DerivedDocument | undefined, digest: string) =>
    stored?.revision === document.revision && digestOf(stored.body) === digest ? partEntriesOf(stored.body) : undefined;
  const configDigest = parts.find(([key]) => key === CONFIG_KEY)?.[1];
  const configItems = configDigest === undefined ? [] : entriesOfPart(configDocument, configDigest);
  // the config part holds no money: a run in it is not one historyDocuments wrote
  const config = configItems?.every(isEntry) ? configItems : undefined;
  if (!config) return undefined;
  const outline: HistoryOutline = { config, years, firstRun: new Map(firstRun), steps: body.steps };
  const read = async (reach: Reach | undefined): Promise<HistoryItem[] | undefined> => {
    const entries: HistoryItem[] = [...config];
    const wanted = parts.filter(([key]) => {
      const part = key === CONFIG_KEY ? undefined : partOf(key);
      return part !== undefined && (!reach || readFor(part, reach));
    });
    // the parts wanted, in one read
    const documents = await derived.getMany(
      HISTORY,
      streamId,
      wanted.map(([key]) => key),
    );
    for (let index = 0; index < wanted.length; index += 1) {
      const list = entriesOfPart(documents[index], wanted[index][1]);
      if (!list) return undefined;
      for (const entry of list) entries.push(entry);
    }
    // recorded order: by step, a step's derived events before its fact or marker (those of one part in the order
    // kept; a replay asks a step's derived events of several parts by their type and scheme, see PlanScope)
    return entries.sort((a, b) => a.step - b.step || Number(isKept(a)) - Number(isKept(b)));
  };
  return { outline, point: { ...point, position: at.position }, read };
}

/** The part a document's key names (see keyOf); undefined for a key no part has. */
function partOf(key: string): HistoryPart | undefined {
  if (key === CARRIED_KEY) return 'carried';
  const [, year, scheme] = /^year:(\d+)(?::(BW|MO))?$/.exec(key) ?? [];
  if (year === undefined) return undefined;
  return scheme === 'BW' || scheme === 'MO' ? { year: Number(year), scheme } : Number(year);
}
const isEntry = (item: HistoryItem): item is HistoryEntry => !isMoneyRun(item);
const isKept = (entry: HistoryItem) => isMoneyRun(entry) || !isDerivedEvent(entry.event);
const isYear = (value: unknown): value is number => Number.isSafeInteger(value);
const isYearAndStep = (value: unknown): value is [number, number] =>
  Array.isArray(value) && value.length === 2 && isYear(value[0]) && isYear(value[1]);
const EVENT_TYPES: ReadonlySet<string> = new Set<string>(DOMAIN_EVENT_TYPES);
const isKeyAndDigest = (value: unknown): value is [string, string] =>
  Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string';

function parsed(text: string): Record<string, unknown> | undefined {
  try {
    const body: unknown = JSON.parse(text);
    return isPlainObject(body) && body.format === HISTORY_FORMAT ? body : undefined;
  } catch {
    return undefined;
  }
}

/** The entries of a part as historyDocuments wrote them (decoded events); undefined when it does not read so. */
function partEntriesOf(text: string): HistoryItem[] | undefined {
  let body: unknown;
  try {
    body = readBigintJson(text);
  } catch {
    return undefined;
  }
  if (!isPlainObject(body) || body.format !== HISTORY_FORMAT || !Array.isArray(body.entries)) return undefined;
  const entries: HistoryItem[] = [];
  for (const item of body.entries as unknown[]) {
    if (!Array.isArray(item) || item.length < 2 || item.length > 3 || !isYear(item[0])) return undefined;
    const event: unknown = item[1];
    if (item.length === 2 && isPlainObject(event) && 'moves' in event) {
      if (!isSummedMoney(event)) return undefined;
      entries.push({ step: item[0], money: event });
      continue;
    }
    const content: unknown = item[2];
    if (
      !isPlainObject(event) ||
      typeof event.type !== 'string' ||
      !EVENT_TYPES.has(event.type) ||
      !isPlainObject(event.data) ||
      (content !== undefined && typeof content !== 'string')
    )
      return undefined;
    // the part's digest is the outline's: it is the event historyDocuments decoded and wrote, with its content
    const read = event as unknown as DomainEvent;
    entries.push(
      typeof content === 'string' ? { event: read, step: item[0], content } : { event: read, step: item[0] },
    );
  }
  return entries;
}

/** The sums of a run as writtenItem wrote them (see SummedMoney). */
function isSummedMoney(value: Record<string, unknown>): value is Record<string, unknown> & SummedMoney {
  const { year, count, moves, advances, expenditures } = value;
  return (
    isYear(year) &&
    isYear(count) &&
    count > 0 &&
    Array.isArray(moves) &&
    moves.every(
      (move: unknown) =>
        isPlainObject(move) &&
        typeof move.account === 'string' &&
        typeof move.type === 'string' &&
        EVENT_TYPES.has(move.type) &&
        typeof move.amount === 'bigint',
    ) &&
    Array.isArray(advances) &&
    advances.every((advance: unknown) => isMemberSum(advance) && typeof advance.amount === 'bigint') &&
    Array.isArray(expenditures) &&
    expenditures.every(
      (expenditure: unknown) =>
        isMemberSum(expenditure) &&
        typeof expenditure.careCosts === 'bigint' &&
        typeof expenditure.executionCosts === 'bigint',
    )
  );
}

const isMemberSum = (value: unknown): value is Record<string, unknown> =>
  isPlainObject(value) && typeof value.municipality === 'string' && (value.scheme === 'BW' || value.scheme === 'MO');
