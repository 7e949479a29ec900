import { RegionInfo, Scheme } from '@libs/domain';
import { parseAmount } from '@libs/money';
import { Statement } from '@libs/projections';
import {
  BW_LABELS,
  fundLabel,
  MO_LABELS,
  MUNICIPALITY_BW_LABELS,
  MUNICIPALITY_MO_LABELS,
  RESERVE_LABELS,
  reserveStatementRows,
} from '@libs/reports';
import { Principal } from '@libs/access';
import { sankeyChart, waterfallChart } from '../charts/chart-options';
import { SankeyData, SankeyMode } from '../charts/sankey.data';
import { Waterfall, waterfallData } from '../charts/waterfall.data';
import { euro } from '../format';
import { html, Html, path } from '../html';
import { eventLabel, YEAR_STATE_LABELS } from '../labels';
import { knownMemberLineSource, memberLineSource, regionLineSource } from '../statement-links';
import { RegionPageData, yearState } from '../ui-read.service';
import { amount, explainHref, figure, traceHref } from './components';
import { page } from './layout';

export interface RijkPaymentRow {
  readonly paymentId: string;
  readonly scheme: string;
  readonly basis: string;
  readonly recipient: string;
  readonly amount: string;
  readonly reference?: string;
}

const dueHref = (regionId: string, year: number, code: string) =>
  path(['ui', 'regions', regionId, year, 'uitleg'], { gemeente: code });

interface SettlementColumn {
  readonly label: string;
  readonly pick: (code: string) => bigint;
  readonly href?: (code: string) => string;
}

/** The columns of the settlement table: per scheme the regional money, the advances and what is due. */
function settlementColumns(statement: Statement): SettlementColumn[] {
  const regionId = statement.regionId;
  const year = statement.year;
  const regional = (code: string, scheme: 'bw' | 'mo') => {
    const lines = statement.municipalities[code][scheme];
    return parseAmount(lines.due) - parseAmount(lines.advances);
  };
  return [
    { label: 'Regionaal BW', pick: (code) => regional(code, 'bw'), href: (code) => dueHref(regionId, year, code) },
    {
      label: 'Voorschot BW',
      pick: (code) => parseAmount(statement.municipalities[code].bw.advances),
      href: (code) => dueHref(regionId, year, code) + '#voorschotten-BW',
    },
    {
      label: 'Afrekening BW',
      pick: (code) => parseAmount(statement.municipalities[code].bw.due),
      href: (code) => dueHref(regionId, year, code),
    },
    { label: 'Regionaal MO', pick: (code) => regional(code, 'mo'), href: (code) => dueHref(regionId, year, code) },
    {
      label: 'Voorschot MO',
      pick: (code) => parseAmount(statement.municipalities[code].mo.advances),
      href: (code) => dueHref(regionId, year, code) + '#voorschotten-MO',
    },
    {
      label: 'Afrekening MO',
      pick: (code) => parseAmount(statement.municipalities[code].mo.due),
      href: (code) => dueHref(regionId, year, code),
    },
    {
      label: 'Totaal (+ ontvangen, − betalen)',
      pick: (code) => parseAmount(statement.municipalities[code].due),
      href: (code) => dueHref(regionId, year, code),
    },
  ];
}

function settlementTable(statement: Statement): Html {
  const year = statement.year;
  const codes = Object.keys(statement.municipalities);
  const total = (pick: (code: string) => bigint) => codes.reduce((sum, code) => sum + pick(code), 0n);
  const columns = settlementColumns(statement);
  return html`<table class="data settlement" id="afrekening-tabel">
    <caption>
      Afrekening ${year} per gemeente: het bedrag op de afrekenbrief. Positief: de centrumgemeente betaalt de gemeente;
      negatief: de gemeente betaalt.
    </caption>
    <thead>
      <tr>
        <th scope="col">Gemeente</th>
        ${columns.map((column) => html`<th scope="col" class="num">${column.label}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${codes.map(
        (code) =>
          html`<tr data-code="${code}">
            <th scope="row">${statement.municipalities[code].name} <span class="code">${code}</span></th>
            ${columns.map(
              (column, index) =>
                html`<td class="num${index === columns.length - 1 ? ' strong' : ''}">
                  ${amount(column.pick(code), column.href?.(code), `${column.label}, ${statement.municipalities[code].name}`)}
                </td>`,
            )}
          </tr>`,
      )}
    </tbody>
    <tfoot>
      <tr>
        <th scope="row">Totaal</th>
        ${columns.map((column) => html`<td class="num">${amount(total(column.pick))}</td>`)}
      </tr>
    </tfoot>
  </table>`;
}

function memberLinesTable(statement: Statement, scheme: Scheme): Html {
  const labels = (scheme === 'BW' ? MUNICIPALITY_BW_LABELS : MUNICIPALITY_MO_LABELS) as Record<string, string>;
  const fields = Object.keys(labels).filter((field) => field !== 'advances' && field !== 'due');
  const block = scheme === 'BW' ? 'bw' : 'mo';
  const codes = Object.keys(statement.municipalities);
  return html`<table class="data compact">
    <caption>
      ${scheme} per gemeente: elke regel van het jaaroverzicht (ontvangen +, betaald −)
    </caption>
    <thead>
      <tr>
        <th scope="col">Gemeente</th>
        ${fields.map((field) => html`<th scope="col" class="num">${labels[field]}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${codes.map((code) => {
        const lines = statement.municipalities[code][block] as unknown as Record<string, string>;
        return html`<tr>
          <th scope="row">${statement.municipalities[code].name}</th>
          ${fields.map((field) => {
            const source = memberLineSource(code, scheme, field);
            return html`<td class="num">
              ${amount(lines[field], source ? explainHref(statement.regionId, statement.year, source, `${labels[field]} ${scheme}, ${statement.municipalities[code].name}`) : undefined, `${labels[field]} ${scheme}, ${statement.municipalities[code].name}`)}
            </td>`;
          })}
        </tr>`;
      })}
    </tbody>
  </table>`;
}

function regionalBlock(statement: Statement, block: 'bw' | 'mo'): Html {
  const labels = (block === 'bw' ? BW_LABELS : MO_LABELS) as Record<string, string>;
  const lines = statement[block] as unknown as Record<string, string>;
  return html`<table class="data lines">
    <caption>
      ${block === 'bw' ? 'Beschermd wonen (BW), regionaal' : 'Maatschappelijke opvang (MO), regionaal'}
    </caption>
    <tbody>
      ${Object.keys(labels).map((field) => {
        const source = regionLineSource(statement.regionId, block, field);
        return html`<tr${field === 'result' ? html` class="strong"` : ''}><th scope="row">${labels[field]}</th><td class="num">${amount(lines[field], source ? explainHref(statement.regionId, statement.year, source, labels[field]) : undefined, labels[field])}</td></tr>`;
      })}
    </tbody>
  </table>`;
}

/**
 * The reserve's statement of movements (BBV art. 54): additions and withdrawals by scheme and kind, as
 * in the reports; opening, closing and band link to their explanation as the other statement lines do.
 */
function reserveBlock(statement: Statement): Html {
  const reserve = statement.reserve;
  if (!reserve) return html`<p>Geen reserveafspraak en geen saldo in de reserve.</p>`;
  const fields = new Map(Object.entries(RESERVE_LABELS).map(([field, label]) => [label as string, field]));
  return html`<table class="data lines">
    <caption>
      Regionale reserve, verloop (BBV art. 54)
    </caption>
    <tbody>
      ${reserveStatementRows(reserve).map(({ label, amount: value, heading }) => {
        if (heading)
          return html`<tr>
            <th scope="rowgroup" colspan="2">${label.trim()}</th>
          </tr>`;
        const field = fields.get(label);
        const source = field ? regionLineSource(statement.regionId, 'reserve', field) : undefined;
        return html`<tr>
          <th scope="row">${label.trim()}</th>
          <td class="num">
            ${value === null ? '—' : amount(value, source ? explainHref(statement.regionId, statement.year, source, label) : undefined, label.trim())}
          </td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

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

/** The steps of a scheme's year result, the table behind its waterfall. */
function waterfallTable(steps: Waterfall): Html {
  return html`<table class="data">
    <caption>
      Jaarresultaat ${steps.scheme} stap voor stap
    </caption>
    <thead>
      <tr>
        <th scope="col">Stap</th>
        <th scope="col" class="num">Van</th>
        <th scope="col" class="num">Naar</th>
      </tr>
    </thead>
    <tbody>
      ${steps.steps.map(
        (step) =>
          html`<tr${step.kind === 'total' ? html` class="strong"` : ''}><th scope="row">${step.label}</th><td class="num">${amount(step.from)}</td><td class="num">${amount(step.to)}</td></tr>`,
      )}
    </tbody>
  </table>`;
}

/** The solidarity transfers between municipalities (BW), each to its explanation. */
function solidaritySection(statement: Statement): Html | string {
  const { regionId, year } = statement;
  if (!statement.solidarity) return '';
  return html`<section aria-labelledby="solidariteit">
    <h2 id="solidariteit">Onderlinge solidariteit (BW): volume ${euro(statement.solidarity.volume)}</h2>
    <table class="data">
      <thead>
        <tr>
          <th scope="col">Gemeente</th>
          <th scope="col" class="num">Bedrag</th>
          <th scope="col"></th>
        </tr>
      </thead>
      <tbody>
        ${Object.entries(statement.solidarity.transfers).map(([code, value]) => {
          const source = knownMemberLineSource(code, 'BW', 'solidarity');
          return html`<tr>
            <th scope="row">${statement.municipalities[code]?.name ?? code}</th>
            <td class="num">
              ${amount(value, explainHref(regionId, year, source, `Solidariteit, ${statement.municipalities[code]?.name ?? code}`))}
            </td>
            <td>${value.startsWith('-') ? 'betaald' : value === '0.00' ? '' : 'ontvangen'}</td>
          </tr>`;
        })}
      </tbody>
    </table>
  </section>`;
}

/** The region's funds over the year, each movement to its explanation. */
function fundsTable(statement: Statement): Html | string {
  const { regionId, year } = statement;
  const funds = Object.entries(statement.funds);
  if (funds.length === 0) return '';
  return html`<table class="data">
    <caption>
      Fondsen
    </caption>
    <thead>
      <tr>
        <th scope="col">Fonds</th>
        <th scope="col" class="num">Stand begin jaar</th>
        <th scope="col" class="num">Uit reserve</th>
        <th scope="col" class="num">Besteed</th>
        <th scope="col" class="num">Stand einde jaar</th>
      </tr>
    </thead>
    <tbody>
      ${funds.map(([fundId, lines]) => {
        const account = `region:${regionId}:fund:${fundId}`;
        const href = (types: string[], negated = false) =>
          explainHref(regionId, year, { account, types, negated }, fundLabel(fundId));
        return html`<tr>
          <th scope="row">${fundLabel(fundId)}</th>
          <td class="num">${amount(lines.opening)}</td>
          <td class="num">
            ${amount(lines.fromReserve, href(['ReserveTransferredToFund', 'ReserveExcessTransferredToFund']))}
          </td>
          <td class="num">${amount(lines.spent, href(['FundSpendingRecorded'], true))}</td>
          <td class="num">${amount(lines.closing, href([]))}</td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

/** The year's money flows as a Sankey diagram (or only its table, when the flows run in a circle or there are none). */
function flowsSection(data: RegionPageData, year: number, flows: { data: SankeyData; mode: SankeyMode }): Html {
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

/** The year's Rijk payments, each amount to the trace of where its money went. */
function rijkPaymentsSection(region: RegionInfo, year: number, payments: readonly RijkPaymentRow[]): Html {
  const regionId = region.regionId;
  return html`<section aria-labelledby="rijk">
    <h2 id="rijk">Rijksbetalingen ${year}</h2>
    <table class="data">
      <caption>
        Elke betaling met haar spoor: waar het geld terechtkwam
      </caption>
      <thead>
        <tr>
          <th scope="col">Betaling</th>
          <th scope="col">Regeling</th>
          <th scope="col">Ontvanger</th>
          <th scope="col">Omschrijving</th>
          <th scope="col" class="num">Bedrag</th>
        </tr>
      </thead>
      <tbody>
        ${payments.map(
          (payment) =>
            html`<tr>
              <th scope="row">${payment.paymentId}</th>
              <td>${payment.scheme} ${payment.basis === 'historical' ? 'historisch' : 'objectief'}</td>
              <td>
                ${region.municipalities.find((member) => member.code === payment.recipient)?.name ?? payment.recipient}
              </td>
              <td>${payment.reference ?? ''}</td>
              <td class="num">
                ${amount(payment.amount, traceHref(regionId, year, payment.paymentId), `spoor van betaling ${payment.paymentId}`)}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

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
          ${figure({ id: 'waterval-bw', caption: `BW: afroming en bijdragen (begroting), eigen bijdragen en kosten geven het resultaat ${euro(bw.result)}; daarna reserve en verrekening`, chart: data.memo(`waterval:${year}:BW`, () => waterfallChart(bw, 540)), table: waterfallTable(bw) })}
          ${figure({ id: 'waterval-mo', caption: `MO: afroming, eigen bijdragen en kosten geven het resultaat ${euro(mo.result)}; daarna reserve en verrekening`, chart: data.memo(`waterval:${year}:MO`, () => waterfallChart(mo, 540)), table: waterfallTable(mo) })}
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
