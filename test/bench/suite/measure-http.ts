import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastJson, rssMiB, runOk, Server } from '../measure';
import { node, SuiteContext, worker } from './context';

/** Node's flags for the service: the same as in npm start, the Dockerfile and the README (a test holds them equal). */
export const SERVICE_NODE_FLAGS = ['--max-semi-space-size=4'];
/** glibc's allocator settings the service is launched with, as in npm start, the Dockerfile and the README (the same test). */
export const SERVICE_ENV = { MALLOC_ARENA_MAX: '2', MALLOC_TRIM_THRESHOLD_: '131072' };

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
export interface ProductHttp {
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
export interface PeerHttp {
  readonly startMs: number;
  rss: number;
  p99?: LoadResult;
  bursts?: LoadResult;
  conns?: LoadResult;
}

export interface HttpFigures {
  readonly product: ProductHttp;
  readonly peer: PeerHttp;
  /** the size of the statement both serve */
  readonly bytes: number;
}

/** Starts the service and bare node:http beside it, and puts both under the same load; stops both after. */
export async function measureHttp(context: SuiteContext, store: string, regionId: string): Promise<HttpFigures> {
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
