import { formatEuro, parseAmount } from '@libs/money';
import { Trace, TraceFlow } from '@libs/projections';

const euro = (amount: string) => formatEuro(parseAmount(amount));

/** A payment's money as an indented tree: account, amount, and the events it moved by. */
export function renderTraceText(trace: Trace): string {
  const lines = [`Betaling ${trace.paymentId} (${trace.regionId}, ${trace.year}): ${euro(trace.amount)}`, ''];
  const walk = (flows: readonly TraceFlow[], depth: number) => {
    for (const flow of flows) {
      lines.push(`${'  '.repeat(depth)}${flow.account}  ${euro(flow.amount)}  (${flow.via})`);
      walk(flow.children, depth + 1);
    }
  };
  walk(trace.flows, 0);
  return lines.join('\n');
}
