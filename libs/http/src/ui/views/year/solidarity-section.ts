import { Statement } from '@libs/projections';
import { html, Html } from '../../html';
import { knownMemberLineSource } from '../../statement-links';
import { amount, explainHref, inlineAmount } from '../components';

/** The solidarity transfers between municipalities (BW), each to its explanation. */
export function solidaritySection(statement: Statement): Html | string {
  const { regionId, year } = statement;
  if (!statement.solidarity) return '';
  return html`<section aria-labelledby="solidariteit">
    <h2 id="solidariteit">Onderlinge solidariteit (BW): volume ${inlineAmount(statement.solidarity.volume)}</h2>
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
