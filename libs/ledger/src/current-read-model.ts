import type { EventStore } from '@libs/event-store';
import { regionStream } from '@libs/event-store';

/** The per-year read models one region keeps (see ReadModels). */
export type YearReadModelKind = 'statement' | 'balances';

/** The kind of the document that holds the ledger hash of the history a region's read models were derived from. */
export const LEDGER_HASH_KIND = 'ledger-hash';

/** A read model's document and the ledger hash of the history it was derived from. */
export interface CurrentReadModel<T> {
  readonly body: T;
  readonly ledgerHash: string | undefined;
}

/**
 * A region's read model of a year when it is current: derived at the revision the store's index of
 * streams gives as the stream's last — otherwise (a stale or missing document, a store without read
 * models, a region or year unknown) undefined, and the caller folds. Reading it takes no fold and loads
 * neither the domain nor the projections: a fresh process answers a statement with two look-ups.
 *
 * It gives only answers the fold would give: documents are derived for the active years of a
 * registered region only, so a document at the current revision is a year with data of a registered
 * region; every refusal (an unknown region, a year without data) is left to the fold's rules. The
 * events up to that revision were checked against the hash chain when the document was derived, and an
 * edit of a stored event drops the stream's documents (the store's triggers).
 */
export async function currentReadModel<T>(
  store: EventStore,
  kind: YearReadModelKind,
  regionId: string,
  year: number,
): Promise<CurrentReadModel<T> | undefined> {
  if (!store.derived || !store.listStreams) return undefined;
  const streamId = regionStream(regionId);
  const stream = (await store.listStreams({ prefix: streamId })).find((each) => each.streamId === streamId);
  if (stream?.firstType !== 'RegionRegistered') return undefined;
  const [document, hash] = await Promise.all([
    store.derived.get(kind, streamId, String(year)),
    store.derived.get(LEDGER_HASH_KIND, streamId, ''),
  ]);
  if (document?.revision !== stream.revision || hash?.revision !== stream.revision) return undefined;
  try {
    return { body: JSON.parse(document.body) as T, ledgerHash: (JSON.parse(hash.body) as string | null) ?? undefined };
  } catch {
    // a document that does not read is derived again
    return undefined;
  }
}
