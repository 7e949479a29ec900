import { fold } from '@libs/domain/model';
import { SqliteEventStore } from '@libs/event-store';
import { applyCommandFile, Ledger, toDomainEvent } from '@libs/ledger';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NATIONAL_SET, syntheticLines } from '../../apps/cli/src/generate/synthetic-set';

const context = { actor: 'test', correlationId: 'region-snapshots.int-spec' };

/** A region's state folded from its stream read whole, as a fresh process with nothing kept would. */
async function freshFold(store: SqliteEventStore, regionId: string) {
  return fold((await store.readStream(`region-${regionId}`)).map(toDomainEvent));
}

/**
 * Snapshots and the bounded cache only ever save folding: a state loaded from a snapshot and the
 * events after it, or folded again after it was let go of, is the state a fold of the whole stream gives.
 */
describe('region snapshots and the bounded cache', () => {
  let dir: string;
  let path: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'geldstroom-snapshots-'));
    path = join(dir, 'events.db');
    const store = new SqliteEventStore(path);
    const text = [...syntheticLines({ ...NATIONAL_SET, regions: 3, years: 2, seed: 's9' })].join('\n');
    const ledger = new Ledger(store, { snapshotEvery: 50 });
    await applyCommandFile(ledger, 'generated.jsonl', text, context);
    await ledger.persist();
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const snapshotRevisions = () => {
    const db = new Database(path, { readonly: true });
    const rows = db.prepare("SELECT stream_id, revision FROM derived WHERE kind = 'snapshot'").all();
    db.close();
    return rows as { stream_id: string; revision: number }[];
  };

  it('apply leaves a snapshot of every region; a new process starts from it and reads only the events after it', async () => {
    expect(snapshotRevisions()).toHaveLength(3);
    const store = new SqliteEventStore(path);
    const reads = jest.spyOn(store, 'readStream');
    const ledger = new Ledger(store);
    for (const regionId of await ledger.regionIds()) {
      const view = await ledger.regionView(regionId);
      expect(view.state).toEqual(await freshFold(store, regionId));
    }
    const folds = reads.mock.calls.filter(([, options]) => options?.fromRevision !== undefined && !options.maxCount);
    expect(folds.length).toBe(3);
    for (const [, options] of folds) expect(options?.fromRevision).toBeGreaterThan(0n);
    await store.close();
  });

  it('a snapshot that does not match its stream is ignored: the region is folded from its first event', async () => {
    const copy = join(dir, 'tampered.db');
    const db = new Database(path);
    await db.backup(copy);
    db.close();
    const tamper = new Database(copy);
    tamper
      .prepare("UPDATE derived SET body = replace(body, '\"eventCount\":', '\"eventCount\":1') WHERE kind = 'snapshot'")
      .run();
    tamper.close();
    const store = new SqliteEventStore(copy);
    const ledger = new Ledger(store);
    for (const regionId of await ledger.regionIds())
      expect((await ledger.regionView(regionId)).state).toEqual(await freshFold(store, regionId));
    await store.close();
  });

  it('a cache smaller than one region lets the others go and folds them again to the same state', async () => {
    const store = new SqliteEventStore(path);
    const ledger = new Ledger(store, { cacheEvents: 1, snapshotEvery: Number.MAX_SAFE_INTEGER });
    const regionIds = await ledger.regionIds();
    for (const round of [1, 2])
      for (const regionId of regionIds)
        expect({ round, state: (await ledger.regionView(regionId)).state }).toEqual({
          round,
          state: await freshFold(store, regionId),
        });
    await store.close();
  });
});
