import { MemberSeries } from '../charts/multi-year.data';
import { html, Html } from '../html';
import { amount } from './components';

/** A table of one amount per municipality and year: the data behind a chart ('—' for a year without it). */
export function memberTable(years: readonly number[], members: readonly MemberSeries[], caption: string): Html {
  return html`<table class="data">
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        <th scope="col">Gemeente</th>
        ${years.map((year) => html`<th scope="col" class="num">${year}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${members.map(
        (member) =>
          html`<tr>
            <th scope="row">${member.name}</th>
            ${years.map((year) => {
              const value = member.byYear.get(year);
              return html`<td class="num">${value === undefined ? '—' : amount(value)}</td>`;
            })}
          </tr>`,
      )}
    </tbody>
  </table>`;
}
