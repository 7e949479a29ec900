import { sankeyChart } from '../../charts/chart-options';
import { SankeyData, SankeyMode } from '../../charts/sankey.data';
import { html, Html, path } from '../../html';
import { eventLabel } from '../../labels';
import { RegionPageData } from '../../ui-read.service';
import { amount, figure } from '../components';

function sankeyTable(data: SankeyData): Html {
  const labels = new Map(data.nodes.map((node) => [node.id, node.label]));
  return html`<table class="data">
    <caption>
      Geldstromen van het jaar (uit de boekingen, per paar rekeningen gesaldeerd)
    </caption>
    <thead>
      <tr>
        <th scope="col">Van</th>
        <th scope="col">Naar</th>
        <th scope="col" class="num">Bedrag</th>
        <th scope="col">Via</th>
      </tr>
    </thead>
    <tbody>
      ${data.links.map(
        (link) =>
          html`<tr>
            <td>${labels.get(link.source)}</td>
            <td>${labels.get(link.target)}</td>
            <td class="num">${amount(link.amount)}</td>
            <td>${link.via.map(eventLabel).join(', ')}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** The year's money flows as a Sankey diagram (or only its table, when the flows run in a circle or there are none). */
export function flowsSection(data: RegionPageData, year: number, flows: { data: SankeyData; mode: SankeyMode }): Html {
  const { region } = data;
  const regionId = region.regionId;
  const otherMode: SankeyMode = flows.mode === 'summary' ? 'members' : 'summary';
  return html`<section aria-labelledby="stromen">
    <h2 id="stromen">Waar ging het geld heen?</h2>
    ${
      flows.data.acyclic && flows.data.links.length > 0
        ? figure({
            id: 'sankey',
            caption: `Geldstromen ${year}: van het Rijk via de centrumgemeente en de gemeenten naar de regionale voorzieningen, zorgaanbieders, reserve, fondsen, verrekening en solidariteit`,
            chart: data.memo(`sankey:${year}:${flows.mode}`, () =>
              sankeyChart(flows.data, 1140, `Geldstromen ${region.name} ${year}`),
            ),
            table: sankeyTable(flows.data),
            note: html`<a
              href="${path(['ui', 'regions', regionId, year], { stromen: otherMode === 'members' ? 'per-gemeente' : undefined })}#stromen"
              >${otherMode === 'members' ? 'Toon elke gemeente apart' : 'Toon de gemeenten samen'}</a
            >`,
          })
        : html`<p>
              ${flows.data.links.length === 0 ? 'In dit jaar is nog geen geld geboekt.' : 'De stromen van dit jaar lopen in een kring en passen niet in een stroomdiagram; de tabel toont ze.'}
            </p>
            ${sankeyTable(flows.data)}`
    }
  </section>`;
}
