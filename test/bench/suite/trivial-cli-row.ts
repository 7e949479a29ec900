import { join } from 'node:path';
import { runOk, sideBySide } from '../measure';
import { fig, ratioText, Row } from '../rows';
import { node, SuiteContext } from './context';
import { GOALS } from './goals';

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
