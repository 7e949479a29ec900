import { join } from 'node:path';
import { KeyComparison } from '@libs/projections';
import { EXAMPLES, geldstroom, tempDir } from '../support/cli';

const cents = (amount: string) => BigInt(amount.replace('.', ''));

describe('compare-keys: the AEF key options and their stability', () => {
  const temp = tempDir();
  let comparison: KeyComparison;
  beforeAll(() => {
    for (const file of ['holland-rijnland.jsonl', 'holland-rijnland-inwoners.jsonl', 'regio-zuid-meerjarig.jsonl']) {
      expect(geldstroom(['apply', join(EXAMPLES, file), '--store', temp.store]).status).toBe(0);
    }
    comparison = JSON.parse(
      geldstroom(['compare-keys', '--region', 'holland-rijnland', '--years', '2023-2024', '--store', temp.store])
        .stdout,
    );
  });
  afterAll(() => temp.cleanup());

  it("splits the year's regional BW budget by each available key, to the cent", () => {
    expect(comparison.totals).toEqual({ 2023: '5802407.00', 2024: '6532985.29' });
    for (const option of ['inhabitants', 'income'] as const) {
      for (const year of ['2023', '2024']) {
        const entry = comparison.options[option].years[year];
        expect(entry.available).toBe(true);
        const contributions = Object.values(entry.municipalities).map((municipality) =>
          cents(municipality.contribution),
        );
        expect(contributions.reduce((sum, value) => sum + value, 0n)).toBe(-cents(comparison.totals[year]));
      }
    }
    // income 2023 is the historical share only (no objective budgets yet): exactly the bw-historical key
    expect(comparison.options.income.years['2023'].municipalities.GM0546.sharePct).toBe('37.5');
    expect(comparison.options.inhabitants.years['2023'].municipalities.GM0546.weight).toBe('127000');
  });

  it('reports an option without data as unavailable, not as zeros', () => {
    expect(comparison.options.use.years['2023']).toMatchObject({
      available: false,
      reason: 'no use data for 2023',
      municipalities: {},
    });
    expect(comparison.options.use.stability.meanAbsShareChangePct).toBeNull();
    const zuid = JSON.parse(
      geldstroom(['compare-keys', '--region', 'regio-zuid', '--years', '2024-2026', '--store', temp.store]).stdout,
    );
    expect(zuid.options.inhabitants.years['2025']).toMatchObject({
      available: false,
      reason: 'no inhabitants recorded for 2025',
    });
    expect(zuid.options.use.years['2025'].available).toBe(true);
    expect(zuid.options.use.years['2024'].available).toBe(false);
  });

  it('measures stability as the swing of each share from year to year', () => {
    const leiden = comparison.options.income.stability.municipalities.GM0546.changes['2023-2024'];
    expect(leiden.sharePctChange).toBe('-1.1054');
    // inhabitants hardly move, income from the Rijk moves with the phase-in of the objective budgets
    expect(Number(comparison.options.inhabitants.stability.meanAbsShareChangePct)).toBeLessThan(
      Number(comparison.options.income.stability.meanAbsShareChangePct),
    );
    expect(comparison.recordedContributions['2024'].GM0546).toBe('-134471.16');
  });

  it('prints a table and refuses a malformed range', () => {
    const text = geldstroom([
      'compare-keys',
      '--region',
      'holland-rijnland',
      '--years',
      '2023-2024',
      '--format',
      'text',
      '--store',
      temp.store,
    ]).stdout;
    expect(text).toMatch(/2024: te verdelen € 6\.532\.985,29/);
    expect(text).toMatch(/inwoners\s+gemiddeld 0,0194/);
    expect(
      geldstroom(['compare-keys', '--region', 'holland-rijnland', '--years', '2024', '--store', temp.store]).status,
    ).toBe(2);
  });
});
