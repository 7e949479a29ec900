import { Scheme } from '@libs/domain';
import { parseAmount } from '@libs/money';
import { Statement } from '@libs/projections';
import { MUNICIPALITY_BW_LABELS, MUNICIPALITY_MO_LABELS } from '@libs/reports';
import { html, Html } from '../../html';
import { memberLineSource } from '../../statement-links';
import { amount, explainHref } from '../components';

export function memberLinesTable(statement: Statement, scheme: Scheme): Html {
  const labels = (scheme === 'BW' ? MUNICIPALITY_BW_LABELS : MUNICIPALITY_MO_LABELS) as Record<string, string>;
  const fields = Object.keys(labels).filter((field) => field !== 'advances' && field !== 'due');
  const block = scheme === 'BW' ? 'bw' : 'mo';
  const codes = Object.keys(statement.municipalities);
  const lineOf = (code: string, field: string) =>
    (statement.municipalities[code][block] as unknown as Record<string, string>)[field];
  const total = (field: string) => codes.reduce((sum, code) => sum + parseAmount(lineOf(code, field)), 0n);
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
    <tfoot>
      <tr>
        <th scope="row">Totaal</th>
        ${fields.map((field) => html`<td class="num">${amount(total(field))}</td>`)}
      </tr>
    </tfoot>
  </table>`;
}
