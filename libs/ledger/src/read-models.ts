import { regionStream, STREAM_PREFIX } from '@libs/event-store';
import { Balances, buildBalances, buildStatement, Statement } from '@libs/projections';
import { CHAIN_POINT_KIND } from './current-read-model';
import { Ledger } from './ledger';
import { writtenPoint } from './region-snapshot';

/**
 * The kinds of derived document the read models keep: per region and year, and per region its years
 * with data and where its hash chain stood when they were derived (see currentReadModel).
 */
export const READ_MODEL_KINDS = ['statement', 'balances', 'years', CHAIN_POINT_KIND] as const;
type ReadModelKind = (typeof READ_MODEL_KINDS)[number];

/** The checkpoint: the global position up to which every region's read models are current. */
const CHECKPOINT = 'read-models';

export interface CatchUpReport {
  /** the regions whose read models were derived again */
  readonly regions: number;
  /** the documents written */
  readonly documents: number;
}

/**
 * The statements and balances of every region and year as persistent read models, kept in the store
 * beside the events (its derived documents) with a checkpoint: a catch-up asks the store's index which
 * streams have events after the checkpoint, derives those regions' documents again from their folded
 * state (each document with the stream revision it was derived at) and moves the checkpoint to the
 * last position it took in. An edit of the events behind the store's back drops the checkpoint, so the
 * next catch-up derives everything again; `rebuild` does that on demand. What a read model says is
 * exactly what buildStatement and buildBalances say of a fresh fold (a test checks it for a generated set).
 */
export class ReadModels {
  constructor(private readonly ledger: Ledger) {}

  /** Whether the store keeps derived documents and an index of its streams (SQLite, memory; not EventStoreDB). */
  get available(): boolean {
    return this.ledger.store.derived !== undefined && this.ledger.store.listStreams !== undefined;
  }

  /** Brings every region's read models up to the store's position. */
  async catchUp(): Promise<CatchUpReport> {
    const store = this.ledger.store;
    const derived = store.derived;
    if (!derived || !store.listStreams) throw new Error(`${store.description} keeps no read models`);
    const checkpoint = (await derived.checkpoint(CHECKPOINT)) ?? 0n;
    const changed = await store.listStreams({ prefix: STREAM_PREFIX, after: checkpoint });
    let position = checkpoint;
    let documents = 0;
    let regions = 0;
    for (const stream of changed) {
      if (stream.position > position) position = stream.position;
      if (stream.firstType !== 'RegionRegistered') continue;
      const regionId = stream.streamId.slice(STREAM_PREFIX.length);
      const written = await this.derive(regionId);
      // a document not written (another writer held the lock): the checkpoint stays, the next catch-up tries again
      if (written === undefined) return { regions, documents };
      regions += 1;
      documents += written;
    }
    if (position > checkpoint) await derived.setCheckpoint(CHECKPOINT, position);
    return { regions, documents };
  }

  /**
   * Derives one region's read models again (after a read that had to fold it, so that the next process
   * reads them: see currentReadModel); false when the store keeps none or they could not be written.
   */
  async refresh(regionId: string): Promise<boolean> {
    return this.ledger.store.derived !== undefined && (await this.derive(regionId)) !== undefined;
  }

  /** Drops every read model and derives them all again from the events. */
  async rebuild(): Promise<CatchUpReport> {
    await this.ledger.store.derived?.clear([...READ_MODEL_KINDS]);
    return this.catchUp();
  }

  /** The year statement as the read model holds it, caught up first; undefined for a year without data. */
  async statement(regionId: string, year: number): Promise<Statement | undefined> {
    return this.read<Statement>('statement', regionId, year);
  }

  /** The year's balances as the read model holds them, caught up first; undefined for a year without data. */
  async balances(regionId: string, year: number): Promise<Balances | undefined> {
    return this.read<Balances>('balances', regionId, year);
  }

  /** The years with data of a region as the read models hold them, caught up first (none for an unknown region). */
  async years(regionId: string): Promise<number[]> {
    return (await this.read<number[]>('years', regionId, undefined)) ?? [];
  }

  private async read<T>(kind: ReadModelKind, regionId: string, year: number | undefined): Promise<T | undefined> {
    await this.catchUp();
    const document = await this.ledger.store.derived?.get(
      kind,
      regionStream(regionId),
      year === undefined ? '' : String(year),
    );
    return document === undefined ? undefined : (JSON.parse(document.body) as T);
  }

  /** Derives one region's documents again, replacing its old ones; the number written, undefined if not written. */
  private async derive(regionId: string): Promise<number | undefined> {
    const { view, point } = await this.ledger.regionNow(regionId);
    const streamId = regionStream(regionId);
    const revision = view.revision ?? -1n;
    const years = [...view.state.activeYears].sort((a, b) => a - b);
    const documents = years.flatMap((year) => [
      {
        kind: 'statement',
        streamId,
        key: String(year),
        revision,
        body: JSON.stringify(buildStatement(view.state, year)),
      },
      {
        kind: 'balances',
        streamId,
        key: String(year),
        revision,
        body: JSON.stringify(buildBalances(view.state, year)),
      },
    ]);
    documents.push({ kind: 'years', streamId, key: '', revision, body: JSON.stringify(years) });
    if (point)
      documents.push({
        kind: CHAIN_POINT_KIND,
        streamId,
        key: '',
        revision,
        body: JSON.stringify(writtenPoint(point)),
      });
    const put = await this.ledger.store.derived?.put(documents, {
      streamIds: [streamId],
      kinds: [...READ_MODEL_KINDS],
    });
    return put ? documents.length : undefined;
  }
}
