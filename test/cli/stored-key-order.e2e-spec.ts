import { canonicalJson, encodeEventData, readStoredEvent } from '@libs/domain/model';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { inProcess } from '../support/documents';
import { EXAMPLES, geldstroom, tempDir } from '../support/cli';

/**
 * Stores written before events were stored in canonical key order hold each event's data with its fields
 * in the codec's order (JSON.stringify of encodeEventData, as the ledger wrote them until then). Such a
 * store must read, fold, verify, export and migrate exactly as a store written now, also when events
 * recorded since follow in the new form in the same chains.
 */
function eventCount(path: string): number {
  const db = new Database(path, { readonly: true });
  const { count } = db.prepare('SELECT COUNT(*) AS count FROM events').get() as { count: number };
  db.close();
  return count;
}

describe('a store written in the previous stored form (fields in the codec order)', () => {
  const temp = tempDir('geldstroom-key-order-');
  const now = join(temp.dir, 'now.db');
  const before = join(temp.dir, 'before.db');
  const url = (path: string) => `sqlite:${path}`;
  const FIRST = ['holland-rijnland.jsonl', 'aef-solidarity.jsonl'].map((file) => join(EXAMPLES, file));
  const LATER = join(EXAMPLES, 'regio-zuid-meerjarig.jsonl');
  let rewritten = 0;
  let rows = 0;

  beforeAll(async () => {
    expect(geldstroom(['apply', ...FIRST, '--store', url(now)]).status).toBe(0);
    const firstEvents = eventCount(now);
    expect(geldstroom(['apply', LATER, '--store', url(now)]).status).toBe(0);
    const db = new Database(now, { readonly: true });
    await db.backup(before);
    db.close();
    // the same history as if the previous Geldstroom wrote the first files (each event's data in the
    // codec's order) and this one the later file: one store, both forms, byte for byte comparable
    const old = new Database(before);
    const update = old.prepare<[string, number]>('UPDATE events SET data = ? WHERE position = ?');
    old.transaction(() => {
      const all = old
        .prepare('SELECT position, type, data, metadata FROM events WHERE position <= ?')
        .all(firstEvents) as {
        position: number;
        type: string;
        data: string;
        metadata: string;
      }[];
      for (const row of all) {
        const data: unknown = JSON.parse(row.data);
        const { schemaVersion } = JSON.parse(row.metadata) as { schemaVersion: number };
        const codecOrder = JSON.stringify(encodeEventData(readStoredEvent({ type: row.type, schemaVersion, data })));
        // the same content, only the order of the fields differs
        expect(canonicalJson(JSON.parse(codecOrder))).toBe(canonicalJson(data));
        rows += 1;
        if (codecOrder === row.data) continue;
        update.run(codecOrder, row.position);
        rewritten += 1;
      }
    })();
    old.close();
  });
  afterAll(() => temp.cleanup());

  it('differs from a store written now in the order of the fields of most events', () => {
    expect(rows).toBeGreaterThan(100);
    expect(rewritten).toBeGreaterThan(rows * 0.9);
  });

  it('verifies with the same ledger hash per region: the hash covers the canonical content, not the order stored', () => {
    const verified = [now, before].map((path) => geldstroom(['verify', '--store', url(path)]));
    for (const result of verified) expect([result.status, result.stderr]).toEqual([0, '']);
    expect(verified[1].stdout).toBe(verified[0].stdout);
    expect(verified[0].stdout.split('\n').filter(Boolean).length).toBeGreaterThan(5);
  });

  it('folds to the same statements, balances, explanations and traces, byte for byte', async () => {
    const both = async (args: string[]) => {
      const [fromNow, fromBefore] = [
        await inProcess([...args, '--store', url(now)]),
        await inProcess([...args, '--store', url(before)]),
      ];
      expect(fromBefore).toBe(fromNow);
      return fromNow;
    };
    const { regions } = JSON.parse(await both(['regions', '--format', 'json'])) as {
      regions: { regionId: string; years: { year: number }[] }[];
    };
    let explained = 0;
    for (const { regionId, years } of regions) {
      for (const { year } of years) {
        const region = ['--region', regionId, '--year', String(year)];
        await both(['statement', ...region]);
        await both(['statement', ...region, '--format', 'table']);
        await both(['export', '--format', 'journal-csv', ...region]);
        const { accounts } = JSON.parse(await both(['balances', ...region])) as { accounts: Record<string, string> };
        for (const account of Object.keys(accounts)) {
          await both(['explain', ...region, '--account', account]);
          explained += 1;
        }
      }
    }
    expect(explained).toBeGreaterThan(100);
    const payment = await both(['trace', '--region', 'holland-rijnland', '--payment', 'iu-bw-2023']);
    expect(payment).toContain('iu-bw-2023');
  });

  it('exports the same backup lines, and records nothing again for commands recorded in the other form', async () => {
    const exported = [now, before].map((path) => geldstroom(['export', '--format', 'jsonl', '--store', url(path)]));
    expect(exported[0].stdout.split('\n').length).toBeGreaterThan(rows);
    expect(exported[1].stdout).toBe(exported[0].stdout);
    for (const path of [now, before]) {
      const again = geldstroom(['apply', ...FIRST, '--store', url(path)]);
      expect([again.status, again.stderr]).toEqual([0, expect.stringMatching(/^recorded 0 event\(s\)/m)]);
    }
  });

  it('migrates to a store that verifies with the same ledger hashes', () => {
    const copy = join(temp.dir, 'migrated.db');
    const migrated = geldstroom(['migrate', '--from', url(before), '--to', url(copy)]);
    expect([migrated.status, migrated.stderr]).toEqual([0, expect.any(String)]);
    expect(geldstroom(['verify', '--store', url(copy)]).stdout).toBe(
      geldstroom(['verify', '--store', url(now)]).stdout,
    );
  });
});
