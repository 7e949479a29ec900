import { fold } from '@libs/domain/model';
import { SqliteEventStore } from '@libs/event-store';
import { applyCommandFile, Ledger, ReadModels, toDomainEvent } from '@libs/ledger';
import { buildBalances, buildStatement } from '@libs/projections';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NATIONAL_SET, syntheticLines } from '../../apps/cli/src/generate/synthetic-set';

const context = { actor: 'test', correlationId: 'read-models.int-spec' };
const lines = [...syntheticLines({ ...NATIONAL_SET, regions: 3, years: 3, seed: 's9' })];

/**
 * Every statement and balances of every region and year the store holds, from a fresh fold of the
 * stream read whole (nothing kept, no snapshot): what the read models must say exactly.
 */
async function freshAnswers(store: SqliteEventStore) {
  const answers: Record<string, unknown> = {};
  for (const { streamId, firstType } of await store.listStreams({ prefix: 'region-' })) {
    if (firstType !== 'RegionRegistered') continue;
    const state = fold((await store.readStream(streamId)).map(toDomainEvent));
    for (const year of state.activeYears) {
      const regionId = streamId.slice('region-'.length);
      answers[`${regionId}/${year}/statement`] = buildStatement(state, year);
      answers[`${regionId}/${year}/balances`] = buildBalances(state, year);
    }
  }
  return answers;
}

async function readModelAnswers(models: ReadModels, keys: readonly string[]) {
  const answers: Record<string, unknown> = {};
  for (const key of keys) {
    const [regionId, year, kind] = key.split('/');
    answers[key] =
      kind === 'statement'
        ? await models.statement(regionId, Number(year))
        : await models.balances(regionId, Number(year));
  }
  return answers;
}

describe('the read models (statements and balances with a checkpoint)', () => {
  let dir: string;
  let path: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'geldstroom-read-models-'));
    path = join(dir, 'events.db');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('equal a fresh fold for every region and year, caught up from the checkpoint as another process appends', async () => {
    const half = Math.floor(lines.length / 2);
    const store = new SqliteEventStore(path);
    await applyCommandFile(new Ledger(store), 'first.jsonl', lines.slice(0, half).join('\n'), context);
    const models = new ReadModels(new Ledger(store));
    const first = await models.catchUp();
    expect(first.regions).toBe(3);
    let expected = await freshAnswers(store);
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(3 * 2 * 2);
    expect(await readModelAnswers(models, Object.keys(expected))).toEqual(expected);
    expect(await models.catchUp()).toEqual({ regions: 0, documents: 0 });

    // the rest of the set, appended by another process to the same file
    const other = new SqliteEventStore(path);
    await applyCommandFile(new Ledger(other), 'rest.jsonl', lines.slice(half).join('\n'), context);
    await other.close();
    expected = await freshAnswers(store);
    expect(Object.keys(expected).length).toBe(3 * 3 * 2);
    expect(await readModelAnswers(models, Object.keys(expected))).toEqual(expected);
    expect(await models.years(Object.keys(expected)[0].split('/')[0])).toEqual([2023, 2024, 2025]);
    // a year without data has no read model
    expect(await models.statement(Object.keys(expected)[0].split('/')[0], 1999)).toBeUndefined();
    await store.close();
  });

  it('are derived again whole after an edit behind the store’s back, and on demand', async () => {
    const db = new Database(path);
    // an edit that changes nothing in the content, only so that the store's triggers see it
    db.prepare('UPDATE events SET type = type WHERE position = 1').run();
    db.close();
    const store = new SqliteEventStore(path);
    const models = new ReadModels(new Ledger(store));
    expect((await models.catchUp()).regions).toBe(3);
    const expected = await freshAnswers(store);
    expect(await readModelAnswers(models, Object.keys(expected))).toEqual(expected);
    expect(await models.rebuild()).toEqual({ regions: 3, documents: Object.keys(expected).length + 2 * 3 });
    expect(await readModelAnswers(models, Object.keys(expected))).toEqual(expected);
    await store.close();
  });
});
