import { lastJson, median, runOk, sideBySide } from '../measure';
import { fig, ratioText, Row } from '../rows';
import { WorkTime } from '../work-clock';
import { node, SuiteContext, worker } from './context';
import { GOALS } from './goals';

/** 3. The CLI's cold statement of the largest region against a raw scan and parse of its stream, CPU. */
export function coldStatementRow(
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
export function rebuildRows(context: SuiteContext, readStore: string): Row[] {
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
export function whatIfRow(context: SuiteContext, readStore: string): Row {
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
