import Database from 'better-sqlite3';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSet } from './data-sets';
import { lastJson, median, medianRun, ProcessRun, rssMiB, runMeasured, runOk, Server } from './measure';
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
  readonly log: (message: string) => void;
}

export interface SuiteResult {
  readonly rows: Row[];
  readonly events: number;
  readonly commands: number;
}

const node = process.execPath;
const worker = (context: SuiteContext, name: string) => join(context.benchDir, name);

/** Runs every row of the table on one data set, in an order where no row disturbs the next. */
export async function runSuite(context: SuiteContext): Promise<SuiteResult> {
  const rows: Row[] = [];
  const { set, log } = context;
  const goals = GOALS;

  // 1. apply, fsync free: the product's CPU per command against the same rows, one transaction per command
  let store: string;
  let events = 0;
  let fsyncRate: number | undefined;
  if (context.tmpfsDir) {
    store = join(context.tmpfsDir, `${set.label}.db`);
    log(`apply ${set.commands} commands on tmpfs`);
    const product = applyFile(context, store);
    events = product.events;
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
  } else {
    store = join(context.diskDir, `${set.label}.db`);
    rows.push(
      skippedRow('apply-tmpfs', 'apply, fsync free (tmpfs): CPU per command', goals.applyTmpfs.text, 'no /dev/shm'),
    );
  }

  // 2. apply on disk: commands per second against one fsync per command, and batched against one transaction
  if (context.disk) {
    const diskStore = join(context.diskDir, `${set.label}.db`);
    log(`apply ${set.commands} commands on disk`);
    const product = applyFile(context, diskStore);
    events = product.events;
    const perCommand = insertRows(context, diskStore, join(context.diskDir, `${set.label}-limit.db`), 'per-command');
    const productRate = set.commands / (product.run.wallMs / 1000);
    const peerRate = perCommand.transactions / (perCommand.workMs / 1000);
    fsyncRate = peerRate;
    rows.push({
      id: 'apply-disk',
      what: 'apply on disk (fsync per command)',
      product: fig.rate(productRate, 'commands'),
      peer: { name: 'same rows, one fsync per command', ...fig.rate(peerRate, 'commands') },
      ratio: ratioText.slower(productRate, peerRate),
      goal: goals.applyDisk.text,
      met: peerRate / productRate <= goals.applyDisk.ratio,
      details: { commands: set.commands, events, productWallMs: product.run.wallMs, peer: perCommand },
    });
    log('the same rows in one transaction');
    const all = insertRows(context, diskStore, join(context.diskDir, `${set.label}-one.db`), 'one-transaction');
    const allRate = all.rows / (all.workMs / 1000);
    const batch = batchedApply(context, join(context.diskDir, `${set.label}-batch.db`));
    const productEventRate = events / (product.run.wallMs / 1000);
    rows.push({
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
    });
    store = diskStore;
  }

  const largest = largestStream(store);
  const regionId = largest.streamId.replace(/^region-/, '');

  // 3. cold statement of one region, all years: the CLI against a raw scan of its stream
  log(`cold statement of ${regionId} (${largest.events} events)`);
  const statement = medianRun(context.reps, () =>
    runOk(node, [
      context.bin,
      'statement',
      '--region',
      regionId,
      '--year',
      String(set.lastYear),
      '--store',
      `sqlite:${store}`,
    ]),
  );
  const scan = medianRun(context.reps, () =>
    runOk(node, [worker(context, 'limits/scan-stream.js'), store, largest.streamId]),
  );
  rows.push({
    id: 'cold-statement',
    what: `cold statement of one region, ${set.options.years} years (CLI), CPU`,
    product: fig.seconds(statement.cpuMs),
    peer: { name: 'raw scan + JSON.parse of its stream', ...fig.seconds(scan.cpuMs) },
    ratio: ratioText.cost(statement.cpuMs, scan.cpuMs),
    goal: goals.coldStatement.text,
    met: statement.cpuMs / scan.cpuMs <= goals.coldStatement.ratio,
    details: {
      regionId,
      events: largest.events,
      productWallMs: statement.wallMs,
      peerWallMs: scan.wallMs,
      productRuns: statement.runs,
      peerRuns: scan.runs,
    },
  });

  // 4. full rebuild in process against a scan and parse of every row; the what-if against the rebuild
  log('full rebuild of every statement');
  const rebuild = medianWork<WorkTime & { outputs: number; outputCpuMs: number }>(context.reps, () =>
    runOk(node, [worker(context, 'workers/product-work.js'), 'rebuild', store]),
  );
  const scanAll = medianWork<WorkTime & { rows: number }>(context.reps, () =>
    runOk(node, [worker(context, 'limits/scan-all.js'), store]),
  );
  rows.push({
    id: 'rebuild',
    what: `full rebuild: all ${rebuild.outputs} statements, in process, CPU`,
    product: fig.seconds(rebuild.workCpuMs),
    peer: { name: 'scan + JSON.parse of every row', ...fig.seconds(scanAll.workCpuMs) },
    ratio: ratioText.cost(rebuild.workCpuMs, scanAll.workCpuMs),
    goal: goals.rebuild.text,
    met: rebuild.workCpuMs / scanAll.workCpuMs <= goals.rebuild.ratio,
    details: { rebuild, scanAll },
  });
  // the old bench's "statement from a folded state": what is left when folding is done
  rows.push({
    id: 'statement-folded',
    what: 'one statement from a folded state, in process, CPU',
    product: fig.ms(rebuild.outputCpuMs / rebuild.outputs),
    peer: null,
    ratio: null,
    goal: '—',
    met: null,
    details: { statements: rebuild.outputs, cpuMs: rebuild.outputCpuMs },
  });
  log('what-if of every region');
  const whatIf = medianWork<WorkTime & { regions: number }>(context.reps, () =>
    runOk(node, [worker(context, 'workers/product-work.js'), 'what-if', store]),
  );
  rows.push({
    id: 'what-if',
    what: `what-if of all ${whatIf.regions} regions in process vs a full rebuild, CPU`,
    product: fig.seconds(whatIf.workCpuMs),
    peer: { name: 'full rebuild (above)', ...fig.seconds(rebuild.workCpuMs) },
    ratio: ratioText.cost(whatIf.workCpuMs, rebuild.workCpuMs),
    goal: goals.whatIf.text,
    met: whatIf.workCpuMs / rebuild.workCpuMs <= goals.whatIf.ratio && whatIf.workCpuMs < goals.whatIf.ms,
    details: { whatIf },
  });

  // 5. balances of every region and year against hledger on the exported journals
  rows.push(balancesAgainstHledger(context, store));

  // 6. HTTP: start-up, statement GETs, POSTs and memory, against bare node:http
  rows.push(...(await httpRows(context, store, regionId, fsyncRate)));
  return { rows, events, commands: set.commands };
}

/** The trivial CLI command: `balances` on a tiny store against `node -e 0`, CPU. Independent of the scale. */
export function trivialCliRow(context: Pick<SuiteContext, 'bin' | 'root' | 'diskDir' | 'reps' | 'log'>): Row {
  const store = `sqlite:${join(context.diskDir, 'tiny.db')}`;
  context.log('trivial CLI command on a tiny store');
  runOk(node, [context.bin, 'apply', join(context.root, 'examples', 'holland-rijnland.jsonl'), '--store', store]);
  const runs = Math.max(5, context.reps);
  const product = medianRun(runs, () =>
    runOk(node, [context.bin, 'balances', '--region', 'holland-rijnland', '--year', '2024', '--store', store]),
  );
  const bare = medianRun(runs, () => runOk(node, ['-e', '0']));
  return {
    id: 'cli-trivial',
    what: 'trivial CLI command (balances, tiny store), CPU',
    product: fig.seconds(product.cpuMs),
    peer: { name: 'node -e 0', ...fig.seconds(bare.cpuMs) },
    ratio: ratioText.cost(product.cpuMs, bare.cpuMs),
    goal: GOALS.trivial.text,
    met: product.cpuMs / bare.cpuMs <= GOALS.trivial.ratio,
    details: { productWallMs: product.wallMs, peerWallMs: bare.wallMs, productRuns: product.runs, peerRuns: bare.runs },
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

/** `apply --batch`, when the product has it (the later half adds it); undefined until then. */
function batchedApply(context: SuiteContext, store: string): { run: ProcessRun; events: number } | undefined {
  const help = runMeasured(node, [context.bin, 'apply', '--help']);
  if (!help.stdout.includes('--batch')) return undefined;
  const run = runOk(node, [context.bin, 'apply', '--batch', context.set.file, '--store', `sqlite:${store}`]);
  const recorded = /recorded (\d+) event\(s\)/.exec(run.stderr);
  return { run, events: Number(recorded?.[1] ?? 0) };
}

function insertRows(context: SuiteContext, source: string, target: string, mode: string) {
  return lastJson<WorkTime & { rows: number; transactions: number }>(
    runOk(node, [worker(context, 'limits/insert-rows.js'), source, target, mode]),
  );
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

/** Runs a worker `times` times and keeps the run with the median work CPU. */
function medianWork<T extends WorkTime>(times: number, run: () => ProcessRun): T {
  const all = Array.from({ length: times }, () => lastJson<T>(run()));
  const cpu = median(all.map((each) => each.workCpuMs));
  return {
    ...all.find((each) => each.workCpuMs === cpu)!,
    workCpuMs: cpu,
    workMs: median(all.map((each) => each.workMs)),
  };
}

function balancesAgainstHledger(context: SuiteContext, store: string): Row {
  const what = 'balances of every region and year vs hledger balance on the exported journals, CPU';
  const goal = GOALS.hledger.text;
  if (!context.hledger)
    return skippedRow('balances-hledger', what, goal, 'hledger is not installed (apt-get install hledger)');
  context.log('balances of every region and year, and hledger on the exported journals');
  const journals = join(context.diskDir, `${context.set.label}-journals`);
  const exported = lastJson<{ outputs: number }>(
    runOk(node, [worker(context, 'workers/product-work.js'), 'journals', store, journals]),
  );
  const product = medianRun(context.reps, () =>
    runOk(node, [worker(context, 'workers/product-work.js'), 'balances', store]),
  );
  const hledgerCpu: number[] = [];
  for (let rep = 0; rep < context.reps; rep += 1) {
    let cpu = 0;
    for (const regionId of context.set.regionIds) {
      const journal = join(journals, `${regionId}.journal`);
      if (!existsSync(journal)) throw new Error(`no journal for ${regionId}`);
      // one report per region: every account's balance in every year (-Y), as the product computes them
      cpu += runOk(context.hledger, ['balance', '-f', journal, '-Y']).cpuMs;
    }
    hledgerCpu.push(cpu);
  }
  const peer = median(hledgerCpu);
  return {
    id: 'balances-hledger',
    what,
    product: fig.seconds(product.cpuMs),
    peer: { name: `hledger balance -Y, ${exported.outputs} journals`, ...fig.seconds(peer) },
    ratio: ratioText.faster(product.cpuMs, peer),
    goal,
    met: peer / product.cpuMs >= GOALS.hledger.ratio,
    details: { productWallMs: product.wallMs, hledgerRuns: hledgerCpu },
  };
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
  const result = lastJson<LoadResult>(runOk(node, [worker(context, 'workers/load.js'), JSON.stringify(spec)]));
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0)
    throw new Error(`HTTP load had failures: ${JSON.stringify(result)} for ${JSON.stringify(spec).slice(0, 300)}`);
  return result;
}

async function firstAnswer(url: string, headers: Record<string, string>): Promise<string> {
  const response = await fetch(url, { headers });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${body.slice(0, 500)}`);
  return body;
}

async function httpRows(
  context: SuiteContext,
  store: string,
  regionId: string,
  fsyncRate: number | undefined,
): Promise<Row[]> {
  const { set, log } = context;
  const dir = join(context.diskDir, `${set.label}-service`);
  mkdirSync(dir, { recursive: true });
  const path = `/api/v1/regions/${regionId}/statements/${set.lastYear}`;

  log('service start to first answer');
  const service = new Server(node, [
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
  ]);
  let product: {
    startMs: number;
    rssStart: number;
    p99?: LoadResult;
    conns?: LoadResult;
    post?: LoadResult;
    rssAfter?: number;
  };
  let body: string;
  try {
    const token = (await service.waitFor(/It is shown once:\s+(\S+)\s/))[1];
    const port = (await service.waitFor(/API on http:\/\/localhost:(\d+)/))[1];
    const base = `http://127.0.0.1:${port}`;
    const headers = { authorization: `Bearer ${token}` };
    body = await firstAnswer(`${base}${path}`, headers);
    product = { startMs: Number(process.hrtime.bigint() - service.started) / 1e6, rssStart: rssMiB(service.pid) };
    if (context.httpLoad) {
      log(
        `statement GETs: warm-up, ${context.httpSeconds} s at 200 req/s, ${context.httpSeconds} s with 20 connections`,
      );
      load(context, { url: `${base}${path}`, connections: 10, duration: 1, headers });
      product.p99 = load(context, {
        url: `${base}${path}`,
        connections: 10,
        overallRate: 200,
        duration: context.httpSeconds,
        headers,
      });
      product.conns = load(context, { url: `${base}${path}`, connections: 20, duration: context.httpSeconds, headers });
      log(`${context.postCount} POSTs of a small fact, 20 connections (after one POST per region)`);
      const prefix = `bench-${process.pid}-${Date.now()}`;
      const post = (amount: number, tag: string) =>
        load(context, {
          url: `${base}/api/v1/commands`,
          connections: Math.min(20, amount),
          amount,
          headers,
          post: { regions: set.regionIds, year: set.openYear, prefix: `${prefix}-${tag}` },
        });
      // the first command of a region folds its history; that is the start-up's cost, not the POST's
      post(set.regionIds.length, 'warm-up');
      product.post = post(context.postCount, 'run');
      product.rssAfter = rssMiB(service.pid);
    }
  } finally {
    await service.stop();
  }

  log('bare node:http serving the same bytes');
  const bodyFile = join(dir, 'statement.json');
  writeFileSync(bodyFile, body);
  const bare = new Server(node, [worker(context, 'limits/bare-http.js'), bodyFile]);
  let peer: { startMs: number; rss: number; p99?: LoadResult; conns?: LoadResult };
  try {
    const port = (await bare.waitFor(/listening (\d+)/))[1];
    const url = `http://127.0.0.1:${port}${path}`;
    await firstAnswer(url, {});
    peer = { startMs: Number(process.hrtime.bigint() - bare.started) / 1e6, rss: rssMiB(bare.pid) };
    if (context.httpLoad) {
      load(context, { url, connections: 10, duration: 1 });
      peer.p99 = load(context, { url, connections: 10, overallRate: 200, duration: context.httpSeconds });
      peer.conns = load(context, { url, connections: 20, duration: context.httpSeconds });
      peer.rss = rssMiB(bare.pid);
    }
  } finally {
    await bare.stop();
  }

  const rows: Row[] = [];
  const goals = GOALS;
  if (product.p99 && peer.p99) {
    rows.push({
      id: 'http-get-p99',
      what: 'HTTP statement GET at a fixed 200 req/s, p99',
      product: fig.ms(product.p99.latency.p99),
      peer: { name: 'bare node:http, same bytes', ...fig.ms(peer.p99.latency.p99) },
      ratio: ratioText.cost(product.p99.latency.p99, peer.p99.latency.p99),
      goal: goals.getP99.text,
      met: product.p99.latency.p99 < goals.getP99.ms,
      details: { product: product.p99, peer: peer.p99, bytes: body.length },
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
  if (product.post) {
    rows.push({
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
    });
  }
  rows.push({
    id: 'service-start',
    what: 'service start to first answer (a statement GET)',
    product: fig.seconds(product.startMs),
    peer: { name: 'bare node:http', ...fig.seconds(peer.startMs) },
    ratio: ratioText.cost(product.startMs, peer.startMs),
    goal: goals.start.text,
    met: product.startMs < goals.start.ms,
  });
  const after = product.rssAfter;
  rows.push({
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
    goal: goals.memory.text,
    met: Math.max(product.rssStart, after ?? 0) < goals.memory.mib,
    details: { rssStartMiB: product.rssStart, rssAfterPostsMiB: after, bareMiB: peer.rss },
  });
  return rows;
}
