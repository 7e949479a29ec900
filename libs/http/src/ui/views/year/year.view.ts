import { Principal } from '@libs/access';
import { SankeyData, SankeyMode } from '../../charts/sankey.data';
import { waterfallData } from '../../charts/waterfall.data';
import { waterfallChart } from '../../charts/chart-options';
import { html, Html, path } from '../../html';
import { YEAR_STATE_LABELS } from '../../labels';
import { RegionPageData, yearState } from '../../ui-read.service';
import { figure, inlineAmount } from '../components';
import { page } from '../layout';
import { flowsSection } from './flows-section';
import { memberLinesTable } from './member-lines-table';
import { fundsTable, regionalBlock, reserveBlock, waterfallTable } from './result-tables';
import { RijkPaymentRow, rijkPaymentsSection } from './rijk-payments-section';
import { settlementTable } from './settlement-table';
import { solidaritySection } from './solidarity-section';

export function yearPage(
  principal: Principal,
  data: RegionPageData,
  year: number,
  flows: { data: SankeyData; mode: SankeyMode },
  payments: readonly RijkPaymentRow[],
): Html {
  const { region } = data;
  const regionId = region.regionId;
  const statement = data.statement(year);
  const status = yearState(data.state, year);
  const bw = waterfallData(statement, 'BW');
  const mo = waterfallData(statement, 'MO');
  return page(
    {
      title: `${region.name} ${year}`,
      principal,
      crumbs: [
        { label: 'Regio’s', href: '/' },
        { label: region.name, href: path(['ui', 'regions', regionId]) },
        { label: String(year) },
      ],
      lead: html`<span class="badge ${status}">${YEAR_STATE_LABELS[status]}</span> Ledger-hash
        <code class="hash short">${data.ledgerHash ?? '—'}</code>`,
      live: { regionId, position: data.position },
    },
    html`<section aria-labelledby="afrekening">
        <h2 id="afrekening">Afrekening per gemeente</h2>
        <div class="scroll" tabindex="0" role="region" aria-labelledby="afrekening">${settlementTable(statement)}</div>
        <p class="actions">
          Downloads:
          <a href="${path(['ui', 'regions', regionId, year, 'jaaroverzicht.xlsx'])}">jaaroverzicht (xlsx)</a> ·
          <a href="${path(['ui', 'regions', regionId, year, 'jaaroverzicht.csv'])}">jaaroverzicht (csv)</a> ·
          <a href="${path(['ui', 'regions', regionId, 'journaal'], { jaar: String(year) })}">journaal (hledger)</a> ·
          <a href="${path(['ui', 'regions', regionId, year, 'brieven.pdf'])}">afrekeningsbrieven (pdf)</a>
        </p>
      </section>
      ${flowsSection(data, year, flows)}
      <section aria-labelledby="resultaat">
        <h2 id="resultaat">Jaarresultaat regionale voorzieningen</h2>
        <div class="pair">
          ${figure({ id: 'waterval-bw', caption: html`BW: afroming en bijdragen (begroting), eigen bijdragen en kosten geven het resultaat ${inlineAmount(bw.result)}; daarna reserve en verrekening`, chart: data.memo(`waterval:${year}:BW`, () => waterfallChart(bw, 540)), table: waterfallTable(bw) })}
          ${figure({ id: 'waterval-mo', caption: html`MO: afroming, eigen bijdragen en kosten geven het resultaat ${inlineAmount(mo.result)}; daarna reserve en verrekening`, chart: data.memo(`waterval:${year}:MO`, () => waterfallChart(mo, 540)), table: waterfallTable(mo) })}
        </div>
        <div class="pair">${regionalBlock(statement, 'bw')}${regionalBlock(statement, 'mo')}</div>
        <div class="pair">
          ${reserveBlock(statement)}
          <div>${fundsTable(statement)}</div>
        </div>
      </section>
      ${solidaritySection(statement)}
      <section aria-labelledby="regels">
        <h2 id="regels">Alle regels per gemeente</h2>
        <div class="scroll">${memberLinesTable(statement, 'BW')}</div>
        <div class="scroll">${memberLinesTable(statement, 'MO')}</div>
      </section>
      ${rijkPaymentsSection(data.region, year, payments)}`,
  );
}
