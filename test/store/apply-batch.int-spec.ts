import { SqliteEventStore } from '@libs/event-store';
import { applyCommandFile, CommandFileError, Ledger, verifyStore } from '@libs/ledger';
import { buildStatement } from '@libs/projections';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NATIONAL_SET, syntheticLines } from '../../apps/cli/src/generate/synthetic-set';
import { recordedWithoutRunFields } from '../support/recorded-events';

const context = { actor: 'test', correlationId: 'apply-batch.int-spec' };
const lines = [...syntheticLines({ ...NATIONAL_SET, regions: 2, years: 2, seed: 's12' })];

/** Every statement of every region and year, as JSON: what must not change by one cent. */
async function statements(ledger: Ledger): Promise<Record<string, unknown>> {
  const all: Record<string, unknown> = {};
  for (const regionId of await ledger.regionIds()) {
    const state = await ledger.regionState(regionId);
    for (const year of state.activeYears) all[`${regionId}/${year}`] = buildStatement(state, year);
  }
  return all;
}

describe('apply in batches (apply --batch)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'geldstroom-batch-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const open = (name: string) => new SqliteEventStore(join(dir, name));

  it('records what one command at a time records, in one commit per batch', async () => {
    const single = open('single.db');
    const one = new Ledger(single);
    const text = lines.join('\n');
    const plain = await applyCommandFile(one, 'set.jsonl', text, context, { batchSize: 1 });

    const batched = open('batched.db');
    const commits = jest.spyOn(batched, 'appendMany');
    const many = new Ledger(batched);
    const report = await applyCommandFile(many, 'set.jsonl', text, context, { batchSize: 100 });
    expect(report).toEqual(plain);
    expect(commits).toHaveBeenCalledTimes(Math.ceil(lines.length / 100));
    // the same events, in the same order (also across regions), with the same ids, data and provenance
    expect(await recordedWithoutRunFields(batched)).toEqual(await recordedWithoutRunFields(single));
    // every chain holds, and every statement is the same to the byte, read back by a ledger that holds
    // nothing (so from the store)
    const reports = await verifyStore(batched);
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.filter((chain) => chain.problem !== undefined)).toEqual([]);
    expect(JSON.stringify(await statements(new Ledger(batched)))).toBe(
      JSON.stringify(await statements(new Ledger(single))),
    );
    await single.close();
    await batched.close();
  });

  it('stops at a rejected line with the commands before it committed and nothing of the rejected one', async () => {
    const store = open('rejected.db');
    const broken = [...lines.slice(0, 30), '{"command":"Nope"}', ...lines.slice(30)].join('\n');
    const error = await applyCommandFile(new Ledger(store), 'set.jsonl', broken, context, { batchSize: 1000 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(CommandFileError);
    expect(error).toMatchObject({ line: 31 });
    const first30 = open('first30.db');
    await applyCommandFile(new Ledger(first30), 'set.jsonl', lines.slice(0, 30).join('\n'), context);
    expect((await store.readAll()).length).toBe((await first30.readAll()).length);
    await store.close();
    await first30.close();
  });

  it('decides a batch again when another writer appended to its region first', async () => {
    const path = join(dir, 'shared.db');
    const store = new SqliteEventStore(path);
    const setup = lines.slice(0, 40).join('\n');
    await applyCommandFile(new Ledger(store), 'set.jsonl', setup, context);
    const regionId = (await new Ledger(store).regionIds())[0];
    // a second process appends to the region between the batch's decisions and its commit
    const other = new SqliteEventStore(path);
    const otherLedger = new Ledger(other);
    const ledger = new Ledger(store);
    await ledger.regionState(regionId);
    const rest = lines.slice(40, 80);
    const text = rest.join('\n');
    const append = jest.spyOn(store, 'appendMany');
    let interfered = false;
    append.mockImplementation(async function (this: SqliteEventStore, appends) {
      if (!interfered) {
        interfered = true;
        await applyCommandFile(otherLedger, 'other.jsonl', lines.slice(80, 81).join('\n'), context);
      }
      return SqliteEventStore.prototype.appendMany.call(store, appends);
    });
    const report = await applyCommandFile(ledger, 'rest.jsonl', text, context, { batchSize: 1000 });
    expect(report.commands).toBe(rest.length);
    expect(append.mock.calls.length).toBe(2);
    const plain = open('plain.db');
    await applyCommandFile(
      new Ledger(plain),
      'all.jsonl',
      [...lines.slice(0, 40), ...lines.slice(80, 81), ...rest].join('\n'),
      context,
    );
    expect(await statements(new Ledger(store))).toEqual(await statements(new Ledger(plain)));
    await other.close();
    await store.close();
    await plain.close();
  });
});
