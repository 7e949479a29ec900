import { parseAmount } from '@libs/money';
import { Statement } from '@libs/projections';
import { html, Html, path } from '../../html';
import { amount } from '../components';

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

export function settlementTable(statement: Statement): Html {
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
