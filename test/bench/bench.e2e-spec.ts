import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/cli';

interface Figure {
  value: number;
  text: string;
}
interface Row {
  id: string;
  product: Figure | null;
  peer: Figure | null;
  ratio: Figure | null;
  goal: string;
  met: boolean | null;
  skipped?: string;
}

const TABLE_ROWS = [
  'cli-trivial',
  'cold-statement',
  'rebuild',
  'balances-hledger',
  'apply-tmpfs',
  'apply-disk',
  'apply-batch',
  'what-if',
  'http-get-p99',
  'http-get-throughput',
  'http-post',
  'service-start',
  'memory',
];

const hasHledger = spawnSync('hledger', ['--version']).status === 0;
const hasTmpfs = spawnSync('test', ['-w', '/dev/shm']).status === 0;
const finite = (figure: Figure | null | undefined) =>
  typeof figure?.value === 'number' && Number.isFinite(figure.value);

/**
 * A smoke test of `npm run bench -- --quick` (the built bench on a small generated set): every row of the
 * table comes out with numbers, a goal and a verdict, and the growth table has its sets. Timings are
 * not asserted — they belong to the bench itself.
 */
describe('npm run bench -- --quick', () => {
  const dir = mkdtempSync(join(tmpdir(), 'geldstroom-bench-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('produces every row of the table with numbers, and writes them as JSON', () => {
    const out = join(dir, 'results.json');
    const result = spawnSync(
      process.execPath,
      [join(ROOT, 'dist', 'test', 'bench', 'bench.js'), '--quick', '--dir', dir, '--out', out],
      { encoding: 'utf8', timeout: 170_000 },
    );
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^what +\| product +\| peer\/limit +\| ratio +\| goal +\| met$/m);
    expect(result.stdout).toMatch(/^how each cost grows +\| tiny: [\d,]+ events +\| quick: [\d,]+ events$/m);

    const results = JSON.parse(readFileSync(out, 'utf8')) as {
      rows: Row[];
      growth: { events: number; rows: Row[] }[];
      regionSetup: { what: string; time: string }[];
    };
    expect(results.rows.map((row) => row.id)).toEqual(TABLE_ROWS);
    for (const row of results.rows) {
      expect(row.goal).not.toBe('');
      if (row.id === 'balances-hledger' && !hasHledger) {
        expect(row.skipped).toMatch(/hledger is not installed/);
        continue;
      }
      if (row.id === 'apply-tmpfs' && !hasTmpfs) {
        expect(row.skipped).toMatch(/no \/dev\/shm/);
        continue;
      }
      // apply --batch does not exist yet: the product's figure is "—", the limit is measured all the same
      if (row.id !== 'apply-batch') {
        expect({ id: row.id, product: finite(row.product) }).toEqual({ id: row.id, product: true });
        expect(typeof row.met).toBe('boolean');
      }
      expect({ id: row.id, peer: finite(row.peer) }).toEqual({ id: row.id, peer: true });
      if (row.ratio) expect(finite(row.ratio)).toBe(true);
    }
    expect(results.regionSetup[0].time).toMatch(/^\d+ ms$/);
    expect(results.growth).toHaveLength(2);
    for (const set of results.growth) {
      expect(set.events).toBeGreaterThan(0);
      expect(set.rows.find((row) => row.id === 'rebuild')?.product?.value).toBeGreaterThan(0);
    }
  }, 180_000);
});
