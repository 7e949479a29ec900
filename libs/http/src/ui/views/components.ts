import { Cents } from '@libs/money';
import { html, Html, path } from '../html';
import { euro, signClass } from '../format';
import { LineSource } from '../statement-links';

/** An amount in running text, kept on one line (the euro sign never alone at a line's end). */
export function inlineAmount(value: Cents | string): Html {
  return html`<span class="${signClass(value)}">${euro(value)}</span>`;
}

/** An amount, right-aligned in tabular figures, linking to its explanation when it has one. */
export function amount(value: Cents | string, href?: string, label?: string): Html {
  const text = euro(value);
  return href
    ? html`<a class="${signClass(value)}" href="${href}" ${label ? html` aria-label="${text}: ${label}"` : ''}
        >${text}</a
      >`
    : html`<span class="${signClass(value)}">${text}</span>`;
}

/** The explanation page of a statement line. */
export function explainHref(regionId: string, year: number, source: LineSource, line?: string): string {
  return path(['ui', 'regions', regionId, year, 'uitleg'], {
    account: source.account,
    soort: source.types.length > 0 ? source.types.join(',') : undefined,
    omgekeerd: source.negated ? '1' : undefined,
    regel: line,
  });
}

export function traceHref(regionId: string, year: number, paymentId: string): string {
  return path(['ui', 'regions', regionId, year, 'trace', paymentId]);
}

/** A chart with its accessible name, a caption and its data as a table for those who do not see it. */
export function figure(options: {
  id: string;
  caption: Html | string;
  chart: Html;
  table: Html;
  note?: Html | string;
}): Html {
  return html`<figure class="chart" aria-labelledby="${options.id}-caption">
    <figcaption id="${options.id}-caption">${options.caption}</figcaption>
    <div class="chart-canvas" tabindex="0">${options.chart}</div>
    ${options.note ? html`<p class="note">${options.note}</p>` : ''}
    <details class="chart-data">
      <summary>Tabel bij deze grafiek</summary>
      ${options.table}
    </details>
  </figure>`;
}

export function notice(kind: 'ok' | 'warning' | 'error' | 'info', content: Html | string): Html {
  return html`<div class="notice ${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${content}</div>`;
}
