import { formatEuroNl } from '@libs/money';
import { Trace, TraceFlow } from '@libs/projections';
import { WORDS } from './derivation/locale-words';
import { EN } from './derivation/words.en';
import { Locale } from './locale';

/** A payment's money as an indented tree: account, amount, and the events it moved by. */
export function renderTraceText(trace: Trace, locale: Locale = 'nl'): string {
  const { paymentId, regionId, year } = trace;
  const lines = [WORDS[locale].text.payment({ paymentId, regionId, year, amount: formatEuroNl(trace.amount) }), ''];
  const walk = (flows: readonly TraceFlow[], depth: number) => {
    for (const flow of flows) {
      lines.push(`${'  '.repeat(depth)}${flow.account}  ${formatEuroNl(flow.amount)}  (${viaText(flow.via, locale)})`);
      walk(flow.children, depth + 1);
    }
  };
  walk(trace.flows, 0);
  return lines.join('\n');
}

/** A trace with its `via` in a language (JSON: `en`, the sentences tracePayment writes, unless asked). */
export function withViaText(trace: Trace, locale: Locale): Trace {
  const translate = (flow: TraceFlow): TraceFlow => ({
    ...flow,
    via: viaText(flow.via, locale),
    children: flow.children.map(translate),
  });
  return { ...trace, flows: trace.flows.map(translate) };
}

/** A pattern matching an English sentence of one id, e.g. "netted against payment (id) before it was allocated". */
function sentenceOf(sentence: (id: string) => string): RegExp {
  const [before, after] = sentence('\0')
    .split('\0')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${before}(.+)${after}$`);
}

const TAKEN_BACK = sentenceOf(EN.trace.takenBack);
const NETTED = sentenceOf(EN.trace.netted);

/**
 * How money moved, in a language: the JSON's `via` — tracePayment's English sentences about a pot
 * (words.en.ts holds the same), or the event types with their rule the money moved by — read back
 * and said in the language's words.
 */
export function viaText(via: string, locale: Locale): string {
  const words = WORDS[locale].trace;
  const takenBack = TAKEN_BACK.exec(via);
  if (takenBack) return words.takenBack(takenBack[1]);
  const netted = NETTED.exec(via);
  if (netted) return words.netted(netted[1]);
  if (via === EN.trace.held) return words.held;
  if (via === EN.trace.toTakeBack) return words.toTakeBack;
  return via
    .split(', ')
    .map((part) => {
      const event = /^(\w+)(?: \(([\w-]+)\))?$/.exec(part);
      return event ? words.event(event[1], event[2] ?? '') : part;
    })
    .join(', ');
}
