import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeOptions } from '../../apps/cli/src/generate/synthetic-set';
import { DataSet, dataSet, Scale, SCALES } from './data-sets';
import { regionSetupFromTemplate } from './region-setup.bench';
import { renderColumns, renderTable, Row } from './rows';
import { runSuite, SuiteResult } from './suite';
import { SuiteContext, wanted } from './suite/context';
import { trivialCliRow } from './suite/trivial-cli-row';

/**
 * `npm run bench`: every performance goal as a row — the product next to its limit or peer, measured side
 * by side in the same run, with the ratio, the goal and whether it is met — on `geldstroom generate`'s
 * national set, then how each cost grows from ~10k events to the national set and beyond.
 *   --quick        a small set and short HTTP runs (a smoke test: every row, no meaningful figures)
 *   --scale 1m     add a ~1M-event set to the growth table (long: tens of minutes)
 *   --out FILE     where to write the results as JSON (default: bench-results.json in the cache dir)
 *   --only IDS     measure only these rows (comma-separated ids, e.g. cli-trivial,what-if; apply-tmpfs always
 *                  runs, it makes the store) and leave out the growth table and the template set-up
 *   --dir DIR      cache and scratch directory (default: $TMPDIR/geldstroom-bench); generated sets are
 *                  kept there by their options, so repeated runs do not regenerate them
 * Asserts nothing: timings belong here, not in the tests.
 */
const ROOT = join(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'geldstroom.js');
const started = Date.now();
const log = (message: string) =>
  process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);

interface Plan {
  readonly main: Scale;
  readonly growth: readonly Scale[];
  readonly reps: number;
  readonly httpSeconds: number;
  readonly postCount: number;
  /** growth-only scales: fewer repetitions, shorter HTTP runs */
  readonly growthReps: number;
  readonly growthHttp: boolean;
  readonly growthHttpSeconds: number;
}

function plan(quick: boolean, scale: string | undefined): Plan {
  if (scale !== undefined && scale !== '1m') throw new Error(`--scale takes "1m", got "${scale}"`);
  if (quick)
    return {
      main: SCALES.quick,
      growth: [SCALES.tiny, SCALES.quick],
      reps: 1,
      httpSeconds: 1,
      postCount: 100,
      growthReps: 1,
      growthHttp: false,
      growthHttpSeconds: 1,
    };
  return {
    main: SCALES.national,
    growth: [SCALES['10k'], SCALES['100k'], SCALES.national, ...(scale === '1m' ? [SCALES['1m']] : [])],
    reps: 3,
    httpSeconds: 10,
    postCount: 10_000,
    growthReps: 1,
    growthHttp: true,
    growthHttpSeconds: 5,
  };
}

function tmpfsDir(): string | undefined {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return mkdtempSync('/dev/shm/geldstroom-bench-');
  } catch {
    return undefined;
  }
}

function hledgerVersion(): string | undefined {
  const result = spawnSync('hledger', ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** Where a run keeps its sets and scratch stores, and what it found on the machine. */
interface RunSetup {
  readonly settings: Plan;
  readonly cacheDir: string;
  readonly diskDir: string;
  readonly shm: string | undefined;
  readonly hledger: string | undefined;
  readonly only: ReadonlySet<string> | undefined;
}

interface Measured {
  readonly set: DataSet;
  readonly result: SuiteResult;
}

interface FailedScale {
  readonly label: string;
  readonly options: object;
  readonly reason: string;
}

/** Runs the suite on one scale's set; the main scale gets the full repetitions, the disk rows and HTTP load. */
async function measureScale(run: RunSetup, scale: Scale, main: boolean): Promise<Measured> {
  const { settings } = run;
  log(`data set ${scale.label}: geldstroom generate ${describeOptions(scale.options)}`);
  const set = dataSet(scale, join(run.cacheDir, 'sets'), BIN);
  const context: SuiteContext = {
    root: ROOT,
    bin: BIN,
    benchDir: __dirname,
    set,
    diskDir: join(run.diskDir, scale.label),
    tmpfsDir: run.shm ? join(run.shm, scale.label) : undefined,
    reps: main ? settings.reps : settings.growthReps,
    httpSeconds: main ? settings.httpSeconds : settings.growthHttpSeconds,
    postCount: settings.postCount,
    disk: main,
    httpLoad: main || settings.growthHttp,
    hledger: run.hledger ? 'hledger' : undefined,
    only: run.only,
    log: (message) => log(`${scale.label}: ${message}`),
  };
  mkdirSync(context.diskDir, { recursive: true });
  if (context.tmpfsDir) mkdirSync(context.tmpfsDir, { recursive: true });
  try {
    return { set, result: await runSuite(context) };
  } finally {
    // the stores of one scale are not needed by the next; tmpfs is memory
    rmSync(context.diskDir, { recursive: true, force: true });
    if (context.tmpfsDir) rmSync(context.tmpfsDir, { recursive: true, force: true });
  }
}

/** The growth scales, smallest first (the main one reused, not measured twice), and the scales that failed. */
async function measureGrowth(
  run: RunSetup,
  main: Measured,
): Promise<{ growth: Measured[]; failedScales: FailedScale[] }> {
  const growth: Measured[] = [];
  // a larger set may fail where the national one did not (memory, above all): that is a finding, not a reason
  // to lose the run, so it is reported under the growth table
  const failedScales: FailedScale[] = [];
  for (const scale of run.settings.growth) {
    if (scale === run.settings.main) {
      growth.push(main);
      continue;
    }
    try {
      growth.push(await measureScale(run, scale, false));
    } catch (error) {
      const reason = ((error as Error).message ?? String(error)).split('\n')[0].slice(0, 500);
      log(`${scale.label} failed: ${reason}`);
      failedScales.push({ label: scale.label, options: scale.options, reason });
    }
  }
  growth.sort((a, b) => a.result.events - b.result.events);
  return { growth, failedScales };
}

/** Everything a run reports, in the order it is printed and written. */
interface Results {
  readonly argv: string;
  readonly hledger: string | undefined;
  readonly load: { start: number[]; end: number[] };
  readonly main: Measured;
  readonly table: Row[];
  readonly growth: readonly Measured[];
  readonly failedScales: readonly FailedScale[];
  readonly setup: string[][];
}

/** The tables as text on stdout: header, goals, growth, setting up from the template, notes. */
function printResults({ argv, hledger, load, main, table, growth, failedScales, setup }: Results): void {
  const header = [
    `Geldstroom benchmark: npm run bench${argv ? ` -- ${argv}` : ''}`,
    `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${load.start.join(' ')} at start, ${load.end.join(' ')} at end${hledger ? `, ${hledger.split('\n')[0]}` : ', no hledger'}`,
    `data set: geldstroom generate ${describeOptions(main.set.options)} → ${main.result.commands} commands, ${main.result.events} events`,
    'Each ratio compares two figures measured side by side in this run; absolute times on a shared machine are noisy, the ratios are what to read.',
  ];
  const growthTable = [
    renderGrowth(growth),
    ...failedScales.map(({ label, reason }) => `${label}: could not be measured: ${reason}`),
  ].join('\n');
  const setupTable = renderColumns(
    ['setting up from the template', 'time'],
    setup.map(([what, , time]) => [what, time]),
  );
  process.stdout.write(
    `${header.join('\n')}\n\n${renderTable(table)}\n${rowNotes(table)}\n${growthTable}\n\n${setupTable}\n\n${NOTES.join('\n')}\n`,
  );
}

/** The rows' own notes, one line each under the table (nothing when no row has one). */
function rowNotes(table: readonly Row[]): string {
  return table
    .filter((row) => row.note !== undefined)
    .map((row) => `${row.what}: ${row.note}\n`)
    .join('');
}

/** The same results as JSON, for comparing runs. */
function writeResults(out: string, { argv, hledger, load, main, table, growth, failedScales, setup }: Results): void {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify(
      {
        command: `npm run bench${argv ? ` -- ${argv}` : ''}`,
        finishedAt: new Date().toISOString(),
        seconds: Math.round((Date.now() - started) / 1000),
        machine: { node: process.version, cpus: cpus().length, model: cpus()[0]?.model, loadAverage: load, hledger },
        set: { options: main.set.options, commands: main.result.commands, events: main.result.events },
        rows: table,
        growth: growth.map(({ set, result }) => ({
          label: set.label,
          options: set.options,
          commands: result.commands,
          events: result.events,
          rows: result.rows,
        })),
        failedScales,
        regionSetup: setup.map(([what, , time]) => ({ what: what.trim(), time })),
      },
      null,
      2,
    )}\n`,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean' },
      scale: { type: 'string' },
      out: { type: 'string' },
      dir: { type: 'string' },
      only: { type: 'string' },
    },
  });
  const only = values.only === undefined ? undefined : new Set(values.only.split(',').map((id) => id.trim()));
  const unknown = [...(only ?? [])].filter((id) => !ROW_ORDER.includes(id));
  if (unknown.length > 0)
    throw new Error(`--only: unknown row(s) ${unknown.join(', ')}; rows: ${ROW_ORDER.join(', ')}`);
  const settings = plan(values.quick === true, values.scale);
  const cacheDir = resolve(values.dir ?? join(tmpdir(), 'geldstroom-bench'));
  mkdirSync(cacheDir, { recursive: true });
  const diskDir = mkdtempSync(join(cacheDir, 'run-'));
  const shm = tmpfsDir();
  const hledger = hledgerVersion();
  const load = { start: loadavg().map((value) => Number(value.toFixed(2))), end: [] as number[] };
  const argv = process.argv.slice(2).join(' ');
  log(`geldstroom bench ${argv} (scratch ${diskDir}${shm ? `, tmpfs ${shm}` : ''})`);
  const run: RunSetup = { settings, cacheDir, diskDir, shm, hledger, only };

  try {
    const trivial = wanted(only, 'cli-trivial')
      ? [trivialCliRow({ bin: BIN, root: ROOT, diskDir, reps: settings.reps, log })]
      : [];
    const main = await measureScale(run, settings.main, true);
    const { growth, failedScales } = only ? { growth: [main], failedScales: [] } : await measureGrowth(run, main);
    if (!only) log('setting up a region and a year from the template, as a user runs it');
    const setup = only ? [] : await regionSetupFromTemplate(ROOT, values.quick === true ? 1 : 5);
    load.end = loadavg().map((value) => Number(value.toFixed(2)));

    const rows = [...trivial, ...main.result.rows];
    const order = ROW_ORDER.filter((id) => rows.some((row) => row.id === id));
    const table = order.map((id) => rows.find((row) => row.id === id)!);
    const results: Results = { argv, hledger, load, main, table, growth, failedScales, setup };
    printResults(results);
    const out = resolve(values.out ?? join(cacheDir, 'bench-results.json'));
    writeResults(out, results);
    log(`results in ${out}`);
    const failures = [main, ...growth].reduce((sum, { result }) => sum + result.failures, 0) + failedScales.length;
    if (failures > 0) {
      log(`${failures} row(s) could not be measured: see "failed:" in the tables`);
      process.exitCode = 1;
    }
  } finally {
    rmSync(diskDir, { recursive: true, force: true });
    if (shm) rmSync(shm, { recursive: true, force: true });
  }
}

const ROW_ORDER = [
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

const GROWTH_ROWS: [string, string][] = [
  ['apply-tmpfs', 'apply (tmpfs), CPU per command'],
  ['cold-statement', 'cold statement (CLI), CPU'],
  ['rebuild', 'full rebuild, CPU'],
  ['statement-folded', 'one statement from a folded state, CPU'],
  ['what-if', 'what-if of all regions, CPU'],
  ['balances-hledger', 'balances of all regions and years, CPU'],
  ['http-get-p99', 'HTTP GET at 200 req/s, p99'],
  ['http-get-throughput', 'HTTP GET, 20 connections'],
  ['service-start', 'start to first answer'],
  ['memory', 'memory (RSS) after start / after POSTs'],
];

/** How each cost grows with the history: the product's figure and its ratio, per data set. */
function renderGrowth(growth: readonly { set: DataSet; result: SuiteResult }[]): string {
  const header = [
    'how each cost grows',
    ...growth.map(({ set, result }) => `${set.label}: ${result.events.toLocaleString('en-US')} events`),
  ];
  const cells = GROWTH_ROWS.map(([id, what]) => [
    what,
    ...growth.map(({ result }) => {
      const row: Row | undefined = result.rows.find((each) => each.id === id);
      if (!row?.product) return '—';
      return row.ratio ? `${row.product.text} (${row.ratio.text})` : row.product.text;
    }),
  ]);
  return renderColumns(header, cells);
}

const NOTES = [
  'Notes:',
  '- CPU figures are user + system time of the process (from its rusage), or of the work inside a worker where the row says "in process"; rates and latencies are wall time.',
  '- Limits: the raw scans and inserts are small scripts over the same SQLite file with better-sqlite3 (test/bench/limits); HTTP load comes from autocannon in a separate process, except the evenly spaced requests of the p99 row (test/bench/workers/fixed-rate.ts), each timed from when it was due; hledger reads the journals the product exports.',
  '- The growth table runs the smaller and larger sets on tmpfs and without the fsync rows; its POSTs serve only the memory figure. A ~1M-event set is added with --scale 1m (tens of minutes).',
];

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? String(error)) : String(error)}\n`);
  process.exitCode = 1;
});
