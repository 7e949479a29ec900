import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Statement } from '@libs/projections';
import { EXAMPLES, geldstroom, tempDir, withoutLedgerHash } from '../support/cli';

const FILE = join(EXAMPLES, 'regio-zuid-meerjarig.jsonl');

/**
 * Three years of a region of our own: the reserve hits its minimum (2024) and its maximum (2025,
 * excess to the friction fund), 75% of each result goes to the reserve, solidarity uses every design
 * choice, a key is revised (2026) and 2024 is reopened after 2025 was closed.
 */
describe('a multi-year region with a reopened year', () => {
  const temp = tempDir();
  let statements: Record<number, Statement>;
  beforeAll(() => {
    expect(geldstroom(['apply', FILE, '--store', temp.store]).status).toBe(0);
    statements = Object.fromEntries(
      [2024, 2025, 2026].map((year) => [
        year,
        JSON.parse(
          geldstroom(['statement', '--region', 'regio-zuid', '--year', String(year), '--store', temp.store]).stdout,
        ),
      ]),
    );
  });
  afterAll(() => temp.cleanup());

  it('2024: a deficit, 75% of it from the reserve, the rest charged, and the reserve replenished to its minimum', () => {
    const { bw, mo, reserve } = statements[2024];
    // H = 12,400,000 − 120,000 nacalculatie; K = 2,500,000 × (1 − 10/100); costs 2,690,000 + 18,500 late invoice
    expect(bw).toMatchObject({
      rijkHistorical: '12280000.00',
      skimmed: '2250000.00',
      contributions: '250000.00',
      result: '-133500.00',
      toReserve: '-100125.00',
      settledWithMunicipalities: '-33375.00',
    });
    expect(mo).toMatchObject({ result: '-35000.00', toReserve: '-26250.00', settledWithMunicipalities: '-8750.00' });
    // band: 5%–10% of the budgets 2,500,000 + 1,200,000
    expect(reserve).toEqual({
      opening: '150000.00',
      fromResults: '-126375.00',
      replenished: '161375.00',
      paidOut: '0.00',
      toFunds: '0.00',
      closing: '185000.00',
      min: '185000.00',
      max: '370000.00',
      // BBV art. 54: withdrawals and additions per scheme, never netted
      movements: [
        { scheme: 'BW', kind: 'result', amount: '-100125.00' },
        { scheme: 'MO', kind: 'result', amount: '-26250.00' },
        { scheme: 'BW', kind: 'replenishment', amount: '109037.16' },
        { scheme: 'MO', kind: 'replenishment', amount: '52337.84' },
        { scheme: 'BW', kind: 'payout', amount: '0.00' },
        { scheme: 'MO', kind: 'payout', amount: '0.00' },
        { scheme: null, kind: 'fund', amount: '0.00' },
      ],
      additions: '161375.00',
      withdrawals: '126375.00',
    });
    expect(statements[2024].solidarity).toBeNull();
  });

  it('2025: a surplus pushes the reserve over its maximum and the excess goes to the fund', () => {
    const { reserve, funds, solidarity } = statements[2025];
    expect(reserve).toEqual({
      opening: '185000.00',
      fromResults: '337500.00',
      replenished: '0.00',
      paidOut: '0.00',
      toFunds: '137500.00',
      closing: '385000.00',
      min: '192500.00',
      max: '385000.00',
      movements: [
        { scheme: 'BW', kind: 'result', amount: '292500.00' },
        { scheme: 'MO', kind: 'result', amount: '45000.00' },
        { scheme: 'BW', kind: 'replenishment', amount: '0.00' },
        { scheme: 'MO', kind: 'replenishment', amount: '0.00' },
        { scheme: 'BW', kind: 'payout', amount: '0.00' },
        { scheme: 'MO', kind: 'payout', amount: '0.00' },
        { scheme: null, kind: 'fund', amount: '-137500.00' },
      ],
      additions: '337500.00',
      withdrawals: '137500.00',
    });
    expect(funds.frictie).toEqual({ opening: '0.00', fromReserve: '137500.00', spent: '0.00', closing: '137500.00' });
    expect(
      Object.values<string>(solidarity!.transfers).reduce((sum, amount) => sum + BigInt(amount.replace('.', '')), 0n),
    ).toBe(0n);
    expect(solidarity!.volume).toBe('156423.77');
  });

  it('2026: the revised key and budget are used, the fund is spent', () => {
    const { bw, funds, municipalities } = statements[2026];
    expect(bw).toMatchObject({ skimmed: '2062500.00', contributions: '687500.00' });
    expect(municipalities.GM0102.bw.funds).toBe('40000.00');
    expect(funds.frictie.closing).toBe('97500.00');
    // 687,500 × 23.4 / 100 (bw-objective v2)
    expect(municipalities.GM0102.bw.regionalContribution).toBe('-160875.00');
  });

  it('every municipality line adds up to its result, and every year balances to zero', () => {
    for (const year of [2024, 2025, 2026]) {
      for (const municipality of Object.values(statements[year].municipalities)) {
        for (const scheme of ['bw', 'mo'] as const) {
          // advances and due are the settlement with the central municipality, not lines of the account
          const { result, advances: _advances, due: _due, ...lines } = municipality[scheme];
          const total = Object.values<string>(lines).reduce((sum, amount) => sum + BigInt(amount.replace('.', '')), 0n);
          expect(total).toBe(BigInt(result.replace('.', '')));
        }
      }
      const balances = JSON.parse(
        geldstroom(['balances', '--region', 'regio-zuid', '--year', String(year), '--store', temp.store]).stdout,
      ).accounts;
      expect(Object.values<string>(balances).reduce((sum, amount) => sum + BigInt(amount.replace('.', '')), 0n)).toBe(
        0n,
      );
    }
  });

  it('closing the reopened year recorded only the differences', () => {
    const lines = readFileSync(FILE, 'utf8').split('\n');
    const reclose =
      lines.findIndex(
        (line, index) => index > lines.findIndex((l) => l.includes('ReopenYear')) && line.includes('"CloseYear"'),
      ) + 1;
    const db = new Database(temp.store.slice('sqlite:'.length), { readonly: true });
    const rows = db
      .prepare('SELECT type FROM events WHERE json_extract(metadata, ?) = ? ORDER BY position')
      .all('$.source', `${FILE}:${reclose}`) as { type: string }[];
    const types = rows.map((row) => row.type);
    db.close();
    // the nacalculatie moves the historical distribution; the late invoice moves the result; the band tops up
    expect(types).toEqual([
      'BwHistoricalDistributed',
      'RegionalResultTransferred',
      'RegionalResultSettled',
      'ReserveReplenished',
      'ReserveReplenished',
      'YearClosed',
    ]);
  });

  it('applying the file again changes nothing', () => {
    expect(geldstroom(['apply', FILE, '--store', temp.store]).status).toBe(0);
    for (const year of [2024, 2025, 2026]) {
      // the reopened year is reopened and closed again, so the history (and its ledger hash) grows
      expect(
        withoutLedgerHash(
          JSON.parse(
            geldstroom(['statement', '--region', 'regio-zuid', '--year', String(year), '--store', temp.store]).stdout,
          ),
        ),
      ).toEqual(withoutLedgerHash(statements[year]));
    }
  });
});
