import { RegionInfo } from '@libs/domain';
import { parseAmount } from '@libs/money';
import { html, Html } from '../../html';
import { amount, traceHref } from '../components';

export interface RijkPaymentRow {
  readonly paymentId: string;
  readonly scheme: string;
  readonly basis: string;
  readonly recipient: string;
  readonly amount: string;
  readonly reference?: string;
}

/** The year's Rijk payments, each amount to the trace of where its money went. */
export function rijkPaymentsSection(region: RegionInfo, year: number, payments: readonly RijkPaymentRow[]): Html {
  const regionId = region.regionId;
  const total = payments.reduce((sum, payment) => sum + parseAmount(payment.amount), 0n);
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
      <tfoot>
        <tr>
          <th scope="row" colspan="4">Totaal</th>
          <td class="num">${amount(total)}</td>
        </tr>
      </tfoot>
    </table>
  </section>`;
}
