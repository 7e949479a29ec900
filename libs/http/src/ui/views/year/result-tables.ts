import { Statement } from '@libs/projections';
import { BW_LABELS, fundLabel, MO_LABELS, RESERVE_LABELS, reserveStatementRows } from '@libs/reports';
import { Waterfall } from '../../charts/waterfall.data';
import { html, Html } from '../../html';
import { regionLineSource } from '../../statement-links';
import { amount, explainHref } from '../components';

export function regionalBlock(statement: Statement, block: 'bw' | 'mo'): Html {
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
export function reserveBlock(statement: Statement): Html {
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

/** The steps of a scheme's year result, the table behind its waterfall. */
export function waterfallTable(steps: Waterfall): Html {
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

/** The region's funds over the year, each movement to its explanation. */
export function fundsTable(statement: Statement): Html | string {
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
