import { formatEuroNl } from '@libs/money';
import { Trace, TraceFlow } from '@libs/projections';
import { eventLabel } from './event-labels';

/** A payment's money as an indented tree: account, amount, and the events it moved by. */
export function renderTraceText(trace: Trace): string {
  const lines = [`Betaling ${trace.paymentId} (${trace.regionId}, ${trace.year}): ${formatEuroNl(trace.amount)}`, ''];
  const walk = (flows: readonly TraceFlow[], depth: number) => {
    for (const flow of flows) {
      lines.push(`${'  '.repeat(depth)}${flow.account}  ${formatEuroNl(flow.amount)}  (${viaNl(flow.via)})`);
      walk(flow.children, depth + 1);
    }
  };
  walk(trace.flows, 0);
  return lines.join('\n');
}

const SENTENCES: [RegExp, (id: string) => string][] = [
  [
    /^taken back by correction (.+) before it was allocated$/,
    (id) => `teruggenomen door correctie ${id} voordat het verdeeld was`,
  ],
  [
    /^netted against payment (.+) before it was allocated$/,
    (id) => `verrekend met betaling ${id} voordat het verdeeld was`,
  ],
  [/^still held \(balance\)$/, () => 'staat nog in de pot (saldo)'],
  [/^still to be taken back \(balance\)$/, () => 'moet nog worden teruggenomen (saldo)'],
];

/**
 * How money moved, in Dutch: the JSON's `via` is the event types (with their rule) the money moved
 * by, or one of the trace's sentences about a pot; each becomes its Dutch label.
 */
export function viaNl(via: string): string {
  for (const [pattern, sentence] of SENTENCES) {
    const match = pattern.exec(via);
    if (match) return sentence(match[1]);
  }
  return via
    .split(', ')
    .map((part) => eventLabel(/^(\w+)(?: \([\w-]+\))?$/.exec(part)?.[1] ?? part))
    .join(', ');
}
