import { Trace, TraceFlow } from '@libs/projections';
import { viaText } from '@libs/reports';
import { Principal } from '@libs/access';
import { euro } from '../format';
import { html, Html, path } from '../html';
import { accountLabel } from '../labels';
import { RegionPageData } from '../ui-read.service';
import { amount } from './components';
import { page } from './layout';

/** The tree as nested lists with details, so that every branch opens and closes by keyboard. */
function flowItem(flow: TraceFlow, data: RegionPageData, depth: number): Html {
  const label = html`<span class="flow-account">${accountLabel(flow.account, data.state.region)}</span>
    ${amount(flow.amount)} <span class="note">${viaText(flow.via, 'nl')}</span>`;
  if (flow.children.length === 0) return html`<li class="leaf">${label}</li>`;
  return html`<li><details${depth < 2 ? html` open` : ''}><summary>${label}</summary><ul>${flow.children.map((child) =>
    flowItem(child, data, depth + 1),
  )}</ul></details></li>`;
}

export function tracePage(principal: Principal, data: RegionPageData, trace: Trace): Html {
  const { region } = data;
  const regionId = region.regionId;
  return page(
    {
      title: `Spoor van betaling ${trace.paymentId}`,
      principal,
      crumbs: [
        { label: 'Regio’s', href: '/' },
        { label: region.name, href: path(['ui', 'regions', regionId]) },
        { label: String(trace.year), href: path(['ui', 'regions', regionId, trace.year]) },
        { label: 'Spoor' },
      ],
      lead: html`Waar het geld van deze Rijksbetaling (${euro(trace.amount)}) in ${trace.year} terechtkwam, in hele
      centen: elke stroom is de som van wat eronder staat.`,
    },
    trace.flows.length === 0
      ? html`<p>Deze betaling van € 0,00 bewoog geen geld.</p>`
      : html`<ul class="tree" aria-label="Spoor van ${trace.paymentId}">
          ${trace.flows.map((flow) => flowItem(flow, data, 0))}
        </ul>`,
  );
}
