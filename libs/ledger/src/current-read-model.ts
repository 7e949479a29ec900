import type { DerivedDocument, EventStore, StreamInfo } from '@libs/event-store';
import { regionStream } from '@libs/event-store';
import { ChainPoint } from './integrity';
import { holdsAt, readPoint } from './region-snapshot';

/** The per-year read models one region keeps (see ReadModels). */
export type YearReadModelKind = 'statement' | 'balances';

/** The kind of the document that holds where the hash chain stood when a region's read models were derived. */
export const CHAIN_POINT_KIND = 'chain-point';

/** A read model's document and the ledger hash of the history it was derived from. */
export interface CurrentReadModel<T> {
  readonly body: T;
  readonly ledgerHash: string;
}

/**
 * A region's read model of a year when it is current: derived at the revision the store's index of
 * streams gives as the stream's last, and that stored last event is still the one the hash chain stood
 * at then (as a snapshot is checked: its content hashes to the head, which it carries). Otherwise — a
 * stale or missing document, a store without read models, a region or year unknown — undefined, and the
 * caller folds. A fresh process answers a statement with three look-ups and one hash, without a fold.
 *
 * It gives only answers the fold would give: documents are derived for the active years of a
 * registered region only, so a document at the current revision is a year with data of a registered
 * region; every refusal (an unknown region, a year without data) is left to the fold's rules. The
 * events before the last were checked against the hash chain when the document was derived, and an edit
 * of a stored event through SQLite drops the stream's documents (the store's triggers).
 */
export async function currentReadModel<T>(
  store: EventStore,
  kind: YearReadModelKind,
  regionId: string,
  year: number,
): Promise<CurrentReadModel<T> | undefined> {
  const stream = await registeredStream(store, regionId);
  if (!stream || !store.derived) return undefined;
  const [document, chain] = await Promise.all([
    store.derived.get(kind, stream.streamId, String(year)),
    store.derived.get(CHAIN_POINT_KIND, stream.streamId, ''),
  ]);
  if (document?.revision !== stream.revision) return undefined;
  let body: T;
  try {
    body = JSON.parse(document.body) as T;
  } catch {
    // a document that does not read is derived again
    return undefined;
  }
  const point = await currentPoint(store, stream, chain);
  return point ? { body, ledgerHash: point.head } : undefined;
}

/** The region's stream as the store's index gives it, when it is a registered region's and the store keeps read models. */
export async function registeredStream(store: EventStore, regionId: string): Promise<StreamInfo | undefined> {
  if (!store.derived || !store.listStreams) return undefined;
  const streamId = regionStream(regionId);
  const stream = (await store.listStreams({ prefix: streamId })).find((each) => each.streamId === streamId);
  return stream?.firstType === 'RegionRegistered' ? stream : undefined;
}

/**
 * The chain point a region's read models were derived with (its `chain` document), when they are current:
 * derived at the stream's last revision, whose stored event is still the one the chain stood at then.
 */
export async function currentPoint(
  store: EventStore,
  stream: StreamInfo,
  chain: DerivedDocument | undefined,
): Promise<ChainPoint | undefined> {
  if (chain?.revision !== stream.revision) return undefined;
  let point: ChainPoint | undefined;
  try {
    point = readPoint(JSON.parse(chain.body), stream.revision);
  } catch {
    return undefined;
  }
  if (!point) return undefined;
  const [last] = await store.readStream(stream.streamId, { fromRevision: point.revision, maxCount: 1 });
  return last && holdsAt(point, last) ? point : undefined;
}
