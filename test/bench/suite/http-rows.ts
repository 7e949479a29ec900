import { fig, ratioText, Row, skippedRow } from '../rows';
import { SuiteContext } from './context';
import { GOALS } from './goals';
import { HttpFigures, measureHttp, ProductHttp } from './measure-http';

export async function httpRows(
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
