import Database from 'better-sqlite3';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSet } from './data-sets';
import { lastJson, median, ProcessRun, rssMiB, runMeasured, runOk, Server, sideBySide } from './measure';
import { fig, ratioText, Row, skippedRow } from './rows';
import { WorkTime } from './work-clock';

/** Where things are and how hard to measure. */
export interface SuiteContext {
  readonly root: string;
  readonly bin: string;
  /** the compiled bench directory (dist/test/bench) */
  readonly benchDir: string;
  readonly set: DataSet;
  readonly diskDir: string;
  readonly tmpfsDir: string | undefined;
  readonly reps: number;
  readonly httpSeconds: number;
  readonly postCount: number;
  /** the rows that need a store on disk: apply with fsync, batched apply */
  readonly disk: boolean;
  /** the HTTP load rows (start-up and memory after start are always measured) */
  readonly httpLoad: boolean;
  readonly hledger: string | undefined;
  /** with `--only`: the ids of the rows to measure (the others are left out of the table) */
  readonly only?: ReadonlySet<string>;
  readonly log: (message: string) => void;
}

/** Whether `--only` leaves any of these rows in. */
export const wanted = (only: ReadonlySet<string> | undefined, ...ids: readonly string[]) =>
  only === undefined || ids.some((id) => only.has(id));

export interface SuiteResult {
  readonly rows: Row[];
  readonly events: number;
  readonly commands: number;
  /** rows that could not be measured because something failed */
  readonly failures: number;
}

const node = process.execPath;
/** Node's flags for the service: the same as in npm start, the Dockerfile and the README (a test holds them equal). */
export const SERVICE_NODE_FLAGS = ['--max-semi-space-size=4'];
/** glibc's allocator settings the service is launched with, as in npm start, the Dockerfile and the README (the same test). */
export const SERVICE_ENV = { MALLOC_ARENA_MAX: '2', MALLOC_TRIM_THRESHOLD_: '131072' };
const worker = (context: SuiteContext, name: string) => join(context.benchDir, name);

/** Runs every row of the table on one data set, in an order where no row disturbs the next. */
export async function runSuite(context: SuiteContext): Promise<SuiteResult> {
  const rows: Row[] = [];
  const { set, log } = context;

  const onTmpfs = applyOnTmpfs(context, rows);
  const diskRows = wanted(context.only, 'apply-disk', 'apply-batch', 'http-post');
  const onDisk = context.disk && diskRows ? applyOnDisk(context, rows, onTmpfs.store) : undefined;
  const events = onDisk?.events ?? onTmpfs.events;
  const readStore = onDisk?.store ?? onTmpfs.store;

  const largest = largestStream(readStore);
  const regionId = largest.streamId.replace(/^region-/, '');
  const section = (ids: [string, string, string][], work: () => Row[] | Promise<Row[]>) =>
    guarded(context, rows, ids, work);

  // 3. cold statement of one region, all years: the CLI against a raw scan of its stream
  await section([['cold-statement', 'cold statement of one region (CLI), CPU', GOALS.coldStatement.text]], () => {
    log(`cold statement of ${regionId} (${largest.events} events)`);
    return [coldStatementRow(context, readStore, regionId, largest)];
  });

  // 4. full rebuild in process against a scan and parse of every row; the what-if against the rebuild
  await section(
    [
      ['rebuild', 'full rebuild: all statements, in process, CPU', GOALS.rebuild.text],
      ['statement-folded', 'one statement from a folded state, in process, CPU', '—'],
    ],
    () => {
      log('full rebuild of every statement');
      return rebuildRows(context, readStore);
    },
  );
  await section([['what-if', 'what-if of all regions in process vs a full rebuild, CPU', GOALS.whatIf.text]], () => {
    log('what-if of every region, in turns with the full rebuild');
    return [whatIfRow(context, readStore)];
  });

  // 5. balances of every region and year against hledger on the exported journals
  await section([['balances-hledger', BALANCES_WHAT, GOALS.hledger.text]], () => [
    balancesAgainstHledger(context, readStore),
  ]);

  // 6. HTTP: start-up, statement GETs, POSTs and memory, against bare node:http
  await section(
    [
      ['http-get-p99', 'HTTP statement GET at a fixed 200 req/s, p99', GOALS.getP99.text],
      ['http-get-throughput', 'HTTP statement GET, 20 connections', GOALS.getThroughput.text],
      ['http-post', 'HTTP POST of a small fact, 20 connections', GOALS.post.text],
      ['service-start', 'service start to first answer (a statement GET)', GOALS.start.text],
      ['memory', 'memory (RSS) after start / after POSTs', GOALS.memory.text],
    ],
    () => httpRows(context, readStore, regionId, onDisk?.fsyncRate),
  );
  return {
    rows,
    events,
    commands: set.commands,
    failures: rows.filter((row) => row.skipped?.startsWith('failed')).length,
  };
}

/**
 * 1. apply, fsync free: the product's CPU per command against the same rows, one transaction per command.
 * Without tmpfs the row is skipped, and the set is recorded on disk for the read rows unless the disk rows
 * record it anyway. Returns the store the set is in and its events.
 */
function applyOnTmpfs(context: SuiteContext, rows: Row[]): { store: string; events: number } {
  const { set, log } = context;
  const goals = GOALS;
  if (!context.tmpfsDir) {
    const store = join(context.diskDir, `${set.label}.db`);
    // the read rows still need the set recorded somewhere
    const events = context.disk ? 0 : applyFile(context, store).events;
    rows.push(
      skippedRow('apply-tmpfs', 'apply, fsync free (tmpfs): CPU per command', goals.applyTmpfs.text, 'no /dev/shm'),
    );
    return { store, events };
  }
  const store = join(context.tmpfsDir, `${set.label}.db`);
  log(`apply ${set.commands} commands on tmpfs`);
  const product = applyFile(context, store);
  const events = product.events;
  const peer = insertRows(context, store, join(context.tmpfsDir, `${set.label}-limit.db`), 'per-command');
  const productPer = product.run.cpuMs / set.commands;
  const peerPer = peer.workCpuMs / set.commands;
  rows.push({
    id: 'apply-tmpfs',
    what: 'apply, fsync free (tmpfs): CPU per command',
    product: fig.msPer(productPer, 'command'),
    peer: { name: 'same rows, one transaction per command', ...fig.msPer(peerPer, 'command') },
    ratio: ratioText.cost(productPer, peerPer),
    goal: goals.applyTmpfs.text,
    met: productPer / peerPer <= goals.applyTmpfs.ratio,
    details: {
      commands: set.commands,
      events,
      productCpuMs: product.run.cpuMs,
      productWallMs: product.run.wallMs,
      peer,
    },
  });
  return { store, events };
}

/**
 * 2. apply on disk: commands per second against one fsync per command, then batched against one
 * transaction. `tmpfsStore` holds the set already when there is tmpfs (the first fsync sample reads it).
 */
function applyOnDisk(
  context: SuiteContext,
  rows: Row[],
  tmpfsStore: string,
): { store: string; events: number; fsyncRate: number } {
  const { set, log } = context;
  const goals = GOALS;
  const diskStore = join(context.diskDir, `${set.label}.db`);
  // the fsync rate drifts with the machine's other work: the limit is taken just before and just
  // after the product's run (on a sample of the same rows), and their mean is the peer
  const sample = String(Math.min(set.commands, FSYNC_SAMPLE));
  const limit = (source: string, name: string) =>
    insertRows(context, source, join(context.diskDir, `${set.label}-${name}.db`), 'per-command', sample);
  log(`one fsync per command, ${sample} commands, before the product`);
  const before = context.tmpfsDir ? limit(tmpfsStore, 'limit-before') : undefined;
  log(`apply ${set.commands} commands on disk`);
  const product = applyFile(context, diskStore);
  const events = product.events;
  log(`one fsync per command, ${sample} commands, after the product`);
  const after = limit(diskStore, 'limit-after');
  const rate = (run: WorkTime & { transactions: number }) => run.transactions / (run.workMs / 1000);
  const productRate = set.commands / (product.run.wallMs / 1000);
  const peerRate = before ? (rate(before) + rate(after)) / 2 : rate(after);
  const perCommand = { before, after };
  rows.push({
    id: 'apply-disk',
    what: 'apply on disk (each commit synced), commands/s',
    product: fig.rate(productRate, 'commands'),
    peer: {
      // both samples are shown: on a shared disk they can differ several times over
      name: `same rows, one fsync per command (mean of ${before ? `${Math.round(rate(before)).toLocaleString('en-US')} before and ` : ''}${Math.round(rate(after)).toLocaleString('en-US')} after)`,
      ...fig.rate(peerRate, 'commands'),
    },
    ratio: ratioText.slower(productRate, peerRate),
    goal: goals.applyDisk.text,
    met: peerRate / productRate <= goals.applyDisk.ratio,
    details: { commands: set.commands, events, productWallMs: product.run.wallMs, peer: perCommand },
  });
  log('the same rows in one transaction');
  rows.push(batchRow(context, diskStore, events, product.run.wallMs));
  return { store: diskStore, events, fsyncRate: peerRate };
}

/** Batched apply against all rows in one transaction; the product's plain apply rate is shown beside it. */
function batchRow(context: SuiteContext, diskStore: string, events: number, productWallMs: number): Row {
  const { set } = context;
  const goals = GOALS;
  const all = insertRows(context, diskStore, join(context.diskDir, `${set.label}-one.db`), 'one-transaction');
  const allRate = all.rows / (all.workMs / 1000);
  const batch = batchedApply(context, join(context.diskDir, `${set.label}-batch.db`));
  const productEventRate = events / (productWallMs / 1000);
  return {
    id: 'apply-batch',
    what: 'batched apply (apply --batch), events/s',
    product: batch ? fig.rate(batch.events / (batch.run.wallMs / 1000), 'events') : null,
    peer: {
      name: `one transaction for all rows (${(allRate / productEventRate).toFixed(0)}× the product's apply)`,
      ...fig.rate(allRate, 'events'),
    },
    ratio: batch ? ratioText.slower(batch.events / (batch.run.wallMs / 1000), allRate) : null,
    goal: goals.batch.text,
    met: batch ? batch.events / (batch.run.wallMs / 1000) >= goals.batch.eventsPerSecond : false,
    note: batch ? undefined : 'apply --batch does not exist yet',
    details: { oneTransaction: all, productApplyEventsPerSecond: productEventRate },
  };
}

/** 3. The CLI's cold statement of the largest region against a raw scan and parse of its stream, CPU. */
function coldStatementRow(
  context: SuiteContext,
  readStore: string,
  regionId: string,
  largest: { streamId: string; events: number },
): Row {
  const { set } = context;
  const { product, peer } = sideBySide(
    context.reps,
    () =>
      runOk(node, [
        context.bin,
        'statement',
        '--region',
        regionId,
        '--year',
        String(set.lastYear),
        '--store',
        `sqlite:${readStore}`,
      ]),
    () => runOk(node, [worker(context, 'limits/scan-stream.js'), readStore, largest.streamId]),
  );
  return {
    id: 'cold-statement',
    what: `cold statement of one region, ${set.options.years} years (CLI), CPU`,
    product: fig.seconds(product.cpuMs),
    peer: { name: 'raw scan + JSON.parse of its stream', ...fig.seconds(peer.cpuMs) },
    ratio: ratioText.cost(product.cpuMs, peer.cpuMs),
    goal: GOALS.coldStatement.text,
    met: product.cpuMs / peer.cpuMs <= GOALS.coldStatement.ratio,
    details: {
      regionId,
      events: largest.events,
      productWallMs: product.wallMs,
      peerWallMs: peer.wallMs,
      productRuns: product.runs,
      peerRuns: peer.runs,
    },
  };
}

/** 4. The full rebuild against a scan of every row, and one statement from a folded state. */
function rebuildRows(context: SuiteContext, readStore: string): Row[] {
  const { product: rebuild, peer: scanAll } = sideBySideWork(
    context.reps,
    () =>
      lastJson(runOk(node, [worker(context, 'workers/product-work.js'), 'rebuild', readStore])) as WorkTime & {
        outputs: number;
        outputCpuMs: number;
      },
    () => lastJson(runOk(node, [worker(context, 'limits/scan-all.js'), readStore])) as WorkTime & { rows: number },
  );
  const rows: Row[] = [
    {
      id: 'rebuild',
      what: `full rebuild: all ${rebuild.outputs} statements, in process, CPU`,
      product: fig.seconds(rebuild.workCpuMs),
      peer: { name: 'scan + JSON.parse of every row', ...fig.seconds(scanAll.workCpuMs) },
      ratio: ratioText.cost(rebuild.workCpuMs, scanAll.workCpuMs),
      goal: GOALS.rebuild.text,
      met: rebuild.workCpuMs / scanAll.workCpuMs <= GOALS.rebuild.ratio,
      details: { rebuild, scanAll },
    },
    // the old bench's "statement from a folded state": what is left once folding is done
    {
      id: 'statement-folded',
      what: 'one statement from a folded state, in process, CPU',
      product: fig.ms(rebuild.outputCpuMs / rebuild.outputs),
      peer: null,
      ratio: null,
      goal: '—',
      met: null,
      details: { statements: rebuild.outputs, cpuMs: rebuild.outputCpuMs },
    },
  ];
  return rows;
}

/**
 * The what-if of every region in process against the full rebuild's CPU, the two in turns so that both meet
 * the same load (as every other ratio is measured), after one what-if that is not counted: it derives the
 * replay-history documents and the statement read models, as any what-if after the first reads them (the
 * rebuild row above is measured with its own peer, at another moment's load).
 */
function whatIfRow(context: SuiteContext, readStore: string): Row {
  const work = (mode: 'what-if' | 'rebuild') => () =>
    lastJson(runOk(node, [worker(context, 'workers/product-work.js'), mode, readStore])) as WorkTime & {
      regions: number;
    };
  work('what-if')();
  const { product: whatIf, peer: rebuild } = sideBySideWork(context.reps, work('what-if'), work('rebuild'));
  return {
    id: 'what-if',
    what: `what-if of all ${whatIf.regions} regions in process vs a full rebuild, CPU`,
    product: fig.seconds(whatIf.workCpuMs),
    peer: { name: 'full rebuild, in turns', ...fig.seconds(rebuild.workCpuMs) },
    ratio: ratioText.cost(whatIf.workCpuMs, rebuild.workCpuMs),
    goal: GOALS.whatIf.text,
    met: whatIf.workCpuMs / rebuild.workCpuMs <= GOALS.whatIf.ratio && whatIf.workCpuMs < GOALS.whatIf.ms,
    details: { whatIf, rebuild },
  };
}

/**
 * Runs one section of rows; when it fails (a crash, a server that dies under load, a refused request),
 * its rows say so and the other sections still run — a long national run is not lost to one row.
 */
async function guarded(
  context: SuiteContext,
  rows: Row[],
  ids: readonly [string, string, string][],
  work: () => Row[] | Promise<Row[]>,
): Promise<void> {
  if (!wanted(context.only, ...ids.map(([id]) => id))) return;
  try {
    rows.push(...(await work()));
  } catch (error) {
    const reason = `failed: ${((error as Error).message ?? String(error)).split('\n')[0].slice(0, 300)}`;
    context.log(`${ids.map(([id]) => id).join(', ')} ${reason}`);
    rows.push(...ids.map(([id, what, goal]) => skippedRow(id, what, goal, reason)));
  }
}

/** The trivial CLI command: `balances` on a tiny store against `node -e 0`, CPU. Independent of the scale. */
export function trivialCliRow(context: Pick<SuiteContext, 'bin' | 'root' | 'diskDir' | 'reps' | 'log'>): Row {
  const store = `sqlite:${join(context.diskDir, 'tiny.db')}`;
  context.log('trivial CLI command on a tiny store');
  runOk(node, [context.bin, 'apply', join(context.root, 'examples', 'holland-rijnland.jsonl'), '--store', store]);
  const { product, peer: bare } = sideBySide(
    2 * context.reps + 1,
    () => runOk(node, [context.bin, 'balances', '--region', 'holland-rijnland', '--year', '2024', '--store', store]),
    () => runOk(node, ['-e', '0']),
  );
  return {
    id: 'cli-trivial',
    what: 'trivial CLI command (balances, tiny store), CPU',
    product: fig.seconds(product.cpuMs),
    peer: { name: 'node -e 0', ...fig.seconds(bare.cpuMs) },
    ratio: ratioText.cost(product.cpuMs, bare.cpuMs),
    goal: GOALS.trivial.text,
    met: product.cpuMs / bare.cpuMs <= GOALS.trivial.ratio,
    details: {
      productWallMs: product.wallMs,
      peerWallMs: bare.wallMs,
      productRuns: product.runs,
      peerRuns: bare.runs,
      // user and system time of the median runs: start-up under memory pressure shows in the system time
      productUserSystemMs: [product.userMs, product.systemMs],
      peerUserSystemMs: [bare.userMs, bare.systemMs],
    },
  };
}

export const GOALS = {
  trivial: { ratio: 2, text: '≤ 2×' },
  coldStatement: { ratio: 1.5, text: '≤ 1.5×' },
  rebuild: { ratio: 1.5, text: '≤ 1.5×' },
  hledger: { ratio: 20, text: '≥ 20× faster' },
  applyTmpfs: { ratio: 1.5, text: '≤ 1.5×' },
  applyDisk: { ratio: 1.2, text: '≤ 1.2×' },
  batch: { eventsPerSecond: 50_000, text: '≥ 50,000 events/s' },
  whatIf: { ratio: 1.2, ms: 2000, text: '≤ 1.2× and < 2 s' },
  getP99: { ms: 10, text: '< 10 ms' },
  getThroughput: { perSecond: 5000, text: '≥ 5,000 req/s' },
  post: { perSecond: 1500, text: '≥ 1,500/s (group commit)' },
  start: { ms: 1000, text: '< 1 s' },
  memory: { mib: 150, text: '< 150 MiB whatever the history' },
};

function applyFile(context: SuiteContext, store: string): { run: ProcessRun; events: number } {
  const run = runOk(node, [context.bin, 'apply', context.set.file, '--store', `sqlite:${store}`], {
    env: { ...process.env, GELDSTROOM_ACTOR: 'bench' },
  });
  const recorded = /recorded (\d+) event\(s\) from (\d+) command\(s\)/.exec(run.stderr);
  if (!recorded || Number(recorded[2]) !== context.set.commands)
    throw new Error(`apply did not record every command: ${run.stderr.trim()}`);
  return { run, events: Number(recorded[1]) };
}

/** `apply --batch` (one durable commit per 1000 commands), when the product has it; undefined otherwise. */
function batchedApply(context: SuiteContext, store: string): { run: ProcessRun; events: number } | undefined {
  const help = runMeasured(node, [context.bin, 'apply', '--help']);
  if (!help.stdout.includes('--batch')) return undefined;
  const run = runOk(node, [context.bin, 'apply', '--batch', context.set.file, '--store', `sqlite:${store}`]);
  const recorded = /recorded (\d+) event\(s\)/.exec(run.stderr);
  return { run, events: Number(recorded?.[1] ?? 0) };
}

/** Commands in the sample that measures the rate of one fsync per command. */
const FSYNC_SAMPLE = 10_000;

function insertRows(context: SuiteContext, source: string, target: string, mode: string, max?: string) {
  return lastJson(
    runOk(node, [worker(context, 'limits/insert-rows.js'), source, target, mode, ...(max ? [max] : [])]),
  ) as WorkTime & { rows: number; transactions: number };
}

function largestStream(store: string): { streamId: string; events: number } {
  const db = new Database(store, { readonly: true });
  try {
    const row = db
      .prepare(
        'SELECT stream_id AS streamId, COUNT(*) AS events FROM events GROUP BY stream_id ORDER BY events DESC LIMIT 1',
      )
      .get() as { streamId: string; events: number };
    return row;
  } finally {
    db.close();
  }
}

function medianOfWork<T extends WorkTime>(all: readonly T[]): T {
  const cpu = median(all.map((each) => each.workCpuMs));
  return {
    ...all.find((each) => each.workCpuMs === cpu)!,
    workCpuMs: cpu,
    workMs: median(all.map((each) => each.workMs)),
  };
}

/** Two workers in turns, so that both meet the same load; the median work CPU of each. */
function sideBySideWork<P extends WorkTime, Q extends WorkTime>(
  times: number,
  product: () => P,
  peer: () => Q,
): { product: P; peer: Q } {
  const products: P[] = [];
  const peers: Q[] = [];
  for (let run = 0; run < times; run += 1) {
    products.push(product());
    peers.push(peer());
  }
  return { product: medianOfWork(products), peer: medianOfWork(peers) };
}

const BALANCES_WHAT = 'balances of every region and year vs hledger balance on the exported journals, CPU';

function balancesAgainstHledger(context: SuiteContext, store: string): Row {
  const what = BALANCES_WHAT;
  const goal = GOALS.hledger.text;
  if (!context.hledger)
    return skippedRow('balances-hledger', what, goal, 'hledger is not installed (apt-get install hledger)');
  context.log('balances of every region and year, and hledger on the exported journals');
  const journals = join(context.diskDir, `${context.set.label}-journals`);
  const exported = lastJson(runOk(node, [worker(context, 'workers/product-work.js'), 'journals', store, journals])) as {
    outputs: number;
  };
  const productRuns: ProcessRun[] = [];
  const hledgerCpu: number[] = [];
  for (let rep = 0; rep < context.reps; rep += 1) {
    productRuns.push(runOk(node, [worker(context, 'workers/product-work.js'), 'balances', store]));
    let cpu = 0;
    for (const regionId of context.set.regionIds) {
      const journal = join(journals, `${regionId}.journal`);
      if (!existsSync(journal)) throw new Error(`no journal for ${regionId}`);
      // one report per region: every account's balance in every year (-Y), as the product computes them
      cpu += runOk(context.hledger, ['balance', '-f', journal, '-Y']).cpuMs;
    }
    hledgerCpu.push(cpu);
  }
  const product = {
    cpuMs: median(productRuns.map((run) => run.cpuMs)),
    wallMs: median(productRuns.map((run) => run.wallMs)),
  };
  const peer = median(hledgerCpu);
  const crossCheck = sameBalances(context, store, journals);
  return {
    id: 'balances-hledger',
    what,
    product: fig.seconds(product.cpuMs),
    peer: { name: `hledger balance -Y, ${exported.outputs} journals`, ...fig.seconds(peer) },
    ratio: ratioText.faster(product.cpuMs, peer),
    goal,
    met: peer / product.cpuMs >= GOALS.hledger.ratio,
    details: {
      productWallMs: product.wallMs,
      productRuns: productRuns.map((run) => run.cpuMs),
      hledgerRuns: hledgerCpu,
      crossCheck,
    },
  };
}

/**
 * The comparison is fair only if both compute the same thing: the product's balances of one region and
 * year (`geldstroom balances`) must equal hledger's on the exported journal, account by account.
 */
function sameBalances(context: SuiteContext, store: string, journals: string) {
  const regionId = context.set.regionIds[0];
  const year = context.set.lastYear;
  const product = JSON.parse(
    runOk(node, [context.bin, 'balances', '--region', regionId, '--year', String(year), '--store', `sqlite:${store}`])
      .stdout,
  ) as { accounts: Record<string, string> };
  const csv = runOk(context.hledger!, [
    'balance',
    '-f',
    join(journals, `${regionId}.journal`),
    '-p',
    String(year),
    '-O',
    'csv',
  ]).stdout;
  const hledger: Record<string, string> = {};
  for (const line of csv.trim().split('\n').slice(1)) {
    const [account, amount] = line.split(',').map((cell) => cell.replace(/^"|"$/g, ''));
    if (account !== 'total') hledger[account] = amount.replace(/ EUR$/, '');
  }
  const accounts = [...new Set([...Object.keys(product.accounts), ...Object.keys(hledger)])];
  const differing = accounts.filter((account) => (product.accounts[account] ?? '0') !== (hledger[account] ?? '0'));
  if (differing.length > 0)
    throw new Error(`hledger and the product disagree on ${regionId} ${year}: ${differing.slice(0, 3).join(', ')}`);
  return { regionId, year, accounts: accounts.length, agree: true };
}

interface LoadResult {
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
  perSecond: number;
  latency: { p50: number; p90: number; p99: number; mean: number };
}

function load(context: SuiteContext, spec: object): LoadResult {
  const result = lastJson(runOk(node, [worker(context, 'workers/load.js'), JSON.stringify(spec)])) as LoadResult;
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0)
    throw new Error(`HTTP load had failures: ${JSON.stringify(result)} for ${JSON.stringify(spec).slice(0, 300)}`);
  return result;
}

/** Requests at a fixed rate, evenly spaced, each timed from when it was due (workers/fixed-rate.ts). */
function evenlySpaced(context: SuiteContext, spec: object): LoadResult {
  const result = lastJson(runOk(node, [worker(context, 'workers/fixed-rate.js'), JSON.stringify(spec)])) as LoadResult;
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`HTTP load had failures: ${JSON.stringify(result)} for ${JSON.stringify(spec).slice(0, 300)}`);
  return result;
}

async function firstAnswer(url: string, headers: Record<string, string>): Promise<string> {
  const response = await fetch(url, { headers });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${body.slice(0, 500)}`);
  return body;
}

/** What the service measured: start-up and memory always, the load figures when the run has HTTP load. */
interface ProductHttp {
  readonly startMs: number;
  readonly rssStart: number;
  p99?: LoadResult;
  /** the GETs as autocannon's per-second budget sends them: bursts of 10 concurrent requests */
  bursts?: LoadResult;
  conns?: LoadResult;
  post?: LoadResult;
  postFailure?: string;
  rssAfter?: number;
}

/** What bare node:http serving the same bytes measured beside it. */
interface PeerHttp {
  readonly startMs: number;
  rss: number;
  p99?: LoadResult;
  bursts?: LoadResult;
  conns?: LoadResult;
}

interface HttpFigures {
  readonly product: ProductHttp;
  readonly peer: PeerHttp;
  /** the size of the statement both serve */
  readonly bytes: number;
}

async function httpRows(
  context: SuiteContext,
  store: string,
  regionId: string,
  fsyncRate: number | undefined,
): Promise<Row[]> {
  const figures = await measureHttp(context, store, regionId);
  return [
    ...getRows(figures),
    ...postRows(context, figures.product, fsyncRate),
    startRow(figures),
    memoryRow(context, figures),
  ];
}

/** Starts the service and bare node:http beside it, and puts both under the same load; stops both after. */
async function measureHttp(context: SuiteContext, store: string, regionId: string): Promise<HttpFigures> {
  const { set, log } = context;
  const dir = join(context.diskDir, `${set.label}-service`);
  mkdirSync(dir, { recursive: true });
  const path = `/api/v1/regions/${regionId}/statements/${set.lastYear}`;

  log('service start to first answer, and bare node:http beside it');
  // launched as npm start, the container and the README launch it (see SERVICE_NODE_FLAGS and SERVICE_ENV)
  const service = new Server(
    node,
    [
      ...SERVICE_NODE_FLAGS,
      context.bin,
      'serve',
      '--store',
      `sqlite:${store}`,
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--tokens',
      join(dir, 'tokens.json'),
    ],
    join(dir, 'service.log'),
    { ...process.env, ...SERVICE_ENV },
  );
  let bare: Server | undefined;
  try {
    const token = (await service.waitFor(/It is shown once:\s+(\S+)\s/))[1];
    const port = (await service.waitFor(/API on http:\/\/[^\s/]+:(\d+)/))[1];
    const base = `http://127.0.0.1:${port}`;
    const headers = { authorization: `Bearer ${token}` };
    const body = await firstAnswer(`${base}${path}`, headers);
    const product: ProductHttp = {
      startMs: Number(process.hrtime.bigint() - service.started) / 1e6,
      rssStart: rssMiB(service.pid),
    };

    log('bare node:http serving the same bytes');
    const bodyFile = join(dir, 'statement.json');
    writeFileSync(bodyFile, body);
    bare = new Server(node, [worker(context, 'limits/bare-http.js'), bodyFile], join(dir, 'bare-http.log'));
    const barePort = (await bare.waitFor(/listening (\d+)/))[1];
    const bareUrl = `http://127.0.0.1:${barePort}${path}`;
    await firstAnswer(bareUrl, {});
    const peer: PeerHttp = { startMs: Number(process.hrtime.bigint() - bare.started) / 1e6, rss: rssMiB(bare.pid) };

    if (context.httpLoad) {
      measureGets(context, { url: `${base}${path}`, headers }, { url: bareUrl }, product, peer);
      peer.rss = rssMiB(bare.pid);
      measurePosts(context, base, headers, service.pid, product);
    }
    return { product, peer, bytes: body.length };
  } finally {
    await service.stop();
    await bare?.stop();
  }
}

/** Statement GETs at a fixed rate and with 20 connections, the service and its peer taking turns. */
function measureGets(
  context: SuiteContext,
  productGet: { url: string; headers: Record<string, string> },
  bareGet: { url: string },
  product: ProductHttp,
  peer: PeerHttp,
): void {
  // the service and its peer take turns, so that both meet the same load on a shared machine
  context.log(
    `statement GETs: warm-up, ${context.httpSeconds} s at 200 req/s, ${context.httpSeconds} s with 20 connections, each in turn`,
  );
  if (context.httpSeconds > 1) {
    load(context, { ...productGet, connections: 10, duration: 1 });
    load(context, { ...bareGet, connections: 10, duration: 1 });
  }
  const fixedRate = { connections: 10, rate: 200, seconds: context.httpSeconds };
  product.p99 = evenlySpaced(context, { ...productGet, ...fixedRate });
  peer.p99 = evenlySpaced(context, { ...bareGet, ...fixedRate });
  // as the row was measured before: autocannon's per-second budget, sent back to back on 10 connections
  const budget = { connections: 10, overallRate: 200, duration: context.httpSeconds };
  product.bursts = load(context, { ...productGet, ...budget });
  peer.bursts = load(context, { ...bareGet, ...budget });
  product.conns = load(context, { ...productGet, connections: 20, duration: context.httpSeconds });
  peer.conns = load(context, { ...bareGet, connections: 20, duration: context.httpSeconds });
}

/** POSTs of a small fact with 20 connections, then the service's memory; a failure is kept for the POST row. */
function measurePosts(
  context: SuiteContext,
  base: string,
  headers: Record<string, string>,
  servicePid: number,
  product: ProductHttp,
): void {
  const { set, log } = context;
  log(`${context.postCount} POSTs of a small fact, 20 connections (after one POST per region)`);
  const prefix = `bench-${process.pid}-${Date.now()}`;
  const post = (amount: number, connections: number, tag: string) =>
    load(context, {
      url: `${base}/api/v1/commands`,
      connections,
      amount,
      headers,
      timeout: 300,
      post: { regions: set.regionIds, year: set.openYear, prefix: `${prefix}-${tag}` },
    });
  try {
    // the first command of a region folds its history: that is the start-up's cost, not the POST's,
    // so one POST per region goes first, one at a time
    post(set.regionIds.length, 1, 'warm-up');
    product.post = post(context.postCount, 20, 'run');
    product.rssAfter = rssMiB(servicePid);
  } catch (error) {
    // the rows measured before stay; the POST row says what went wrong
    product.postFailure = `failed: ${((error as Error).message ?? String(error)).slice(0, 300)}`;
    log(`POSTs ${product.postFailure}`);
  }
}

/** The GET rows, when the run had HTTP load. */
function getRows({ product, peer, bytes }: HttpFigures): Row[] {
  const rows: Row[] = [];
  const goals = GOALS;
  if (product.p99 && peer.p99) {
    rows.push({
      id: 'http-get-p99',
      what: 'HTTP statement GET at a fixed 200 req/s (evenly spaced), p99',
      product: fig.ms(product.p99.latency.p99),
      peer: { name: 'bare node:http, same bytes', ...fig.ms(peer.p99.latency.p99) },
      ratio: ratioText.cost(product.p99.latency.p99, peer.p99.latency.p99),
      goal: goals.getP99.text,
      met: product.p99.latency.p99 < goals.getP99.ms,
      ...(product.bursts && peer.bursts
        ? {
            note: `sent as autocannon's per-second budget (bursts of 10 concurrent requests) the p99 is ${fig.ms(product.bursts.latency.p99).text}, bare node:http ${fig.ms(peer.bursts.latency.p99).text}`,
          }
        : {}),
      details: { product: product.p99, peer: peer.p99, bursts: { product: product.bursts, peer: peer.bursts }, bytes },
    });
  }
  if (product.conns && peer.conns) {
    rows.push({
      id: 'http-get-throughput',
      what: 'HTTP statement GET, 20 connections',
      product: fig.rate(product.conns.perSecond, 'req'),
      peer: { name: 'bare node:http', ...fig.rate(peer.conns.perSecond, 'req') },
      ratio: ratioText.slower(product.conns.perSecond, peer.conns.perSecond),
      goal: goals.getThroughput.text,
      met: product.conns.perSecond >= goals.getThroughput.perSecond,
      details: { product: product.conns, peer: peer.conns },
    });
  }
  return rows;
}

/** The POST row against the fsync rate of the apply row, or why the POSTs failed; none without HTTP load. */
function postRows(context: SuiteContext, product: ProductHttp, fsyncRate: number | undefined): Row[] {
  const goals = GOALS;
  if (product.post)
    return [
      {
        id: 'http-post',
        what: `HTTP POST of a small fact, 20 connections (${context.postCount} POSTs)`,
        product: fig.rate(product.post.perSecond, 'commands'),
        peer: fsyncRate ? { name: 'one fsync per command (apply row)', ...fig.rate(fsyncRate, 'commands') } : null,
        ratio: fsyncRate ? ratioText.slower(product.post.perSecond, fsyncRate) : null,
        goal: goals.post.text,
        // on tmpfs no command waits for an fsync, so the figure says nothing about the goal
        met: context.disk ? product.post.perSecond >= goals.post.perSecond : null,
        ...(context.disk ? {} : { note: 'store on tmpfs: no fsync' }),
        details: { product: product.post },
      },
    ];
  if (product.postFailure)
    return [skippedRow('http-post', `HTTP POST of a small fact, 20 connections`, goals.post.text, product.postFailure)];
  return [];
}

function startRow({ product, peer }: HttpFigures): Row {
  return {
    id: 'service-start',
    what: 'service start to first answer (a statement GET)',
    product: fig.seconds(product.startMs),
    peer: { name: 'bare node:http', ...fig.seconds(peer.startMs) },
    ratio: ratioText.cost(product.startMs, peer.startMs),
    goal: GOALS.start.text,
    met: product.startMs < GOALS.start.ms,
  };
}

function memoryRow(context: SuiteContext, { product, peer }: HttpFigures): Row {
  const after = product.rssAfter;
  return {
    id: 'memory',
    what:
      after !== undefined ? `memory (RSS) after start / after ${context.postCount} POSTs` : 'memory (RSS) after start',
    product: fig.mib(
      after ?? product.rssStart,
      after !== undefined
        ? `${product.rssStart.toFixed(0)} / ${after.toFixed(0)} MiB`
        : `${product.rssStart.toFixed(0)} MiB`,
    ),
    peer: { name: 'bare node:http', ...fig.mib(peer.rss) },
    ratio: ratioText.cost(after ?? product.rssStart, peer.rss),
    goal: GOALS.memory.text,
    met: Math.max(product.rssStart, after ?? 0) < GOALS.memory.mib,
    details: { rssStartMiB: product.rssStart, rssAfterPostsMiB: after, bareMiB: peer.rss },
  };
}
