import { at, KeyVersion, RegionInfo } from '@libs/domain';
import { formatDecimalNl, parseAmount } from '@libs/money';
import { ReplayReport } from '@libs/projections';
import { Principal } from '@libs/access';
import { differenceChart } from '../charts/chart-options';
import { html, Html, path } from '../html';
import { inNameOrder } from '../name-order';
import { capitalised } from '../format';
import { keyLabel } from '../labels';
import { revisionLabel } from '@libs/reports';
import { RegionPageData } from '../ui-read.service';
import { amount, figure, notice } from './components';
import { memberTable } from './member-table';
import { page } from './layout';

export interface WhatIfForm {
  /** the key version whose weights the form edits */
  readonly key?: KeyVersion;
  /** weights as typed, when the form comes back with an error */
  readonly weights?: Record<string, string>;
  readonly error?: string;
  readonly report?: ReplayReport;
  readonly source?: string;
}

interface MemberDifference {
  readonly code: string;
  readonly name: string;
  /** replayed minus recorded settlement amount, per year of the report */
  readonly byYear: ReadonlyMap<number, bigint>;
}

/** Per municipality (of the first replayed year) its difference in every year of the report, in name order. */
function memberDifferences(report: ReplayReport, years: readonly number[]): MemberDifference[] {
  const first = report.years[String(years[0])];
  const codes = first ? Object.keys(first.replayed.municipalities) : [];
  return inNameOrder(
    codes.map((code) => ({
      code,
      name: first.replayed.municipalities[code].name,
      byYear: new Map(
        years.map((year) => [
          year,
          parseAmount(report.years[String(year)].difference.municipalities[code]?.due ?? '0.00'),
        ]),
      ),
    })),
  );
}

/** Recorded, replayed and the difference side by side, per municipality and year, with their totals. */
function comparisonTable(report: ReplayReport, years: readonly number[], members: readonly MemberDifference[]): Html {
  const total = (year: number, side: 'recorded' | 'replayed') =>
    members.reduce(
      (sum, member) => sum + parseAmount(report.years[String(year)][side].municipalities[member.code]?.due ?? '0.00'),
      0n,
    );
  return html`<table class="data what-if-table" id="wat-als-verschillen">
    <caption>
      Afrekening per gemeente en jaar: vastgelegd, herberekend en het verschil
    </caption>
    <thead>
      <tr>
        <th scope="col" rowspan="2">Gemeente</th>
        ${years.map((year) => html`<th scope="colgroup" colspan="3" class="num">${year}</th>`)}
      </tr>
      <tr>
        ${years.map(
          () =>
            html`<th scope="col" class="num">Vastgelegd</th>
              <th scope="col" class="num">Herberekend</th>
              <th scope="col" class="num">Verschil</th>`,
        )}
      </tr>
    </thead>
    <tbody>
      ${members.map(
        (member) =>
          html`<tr data-code="${member.code}">
            <th scope="row">${member.name}</th>
            ${years.map((year) => {
              const entry = report.years[String(year)];
              return html`<td class="num">${amount(entry.recorded.municipalities[member.code]?.due ?? '0.00')}</td>
                <td class="num">${amount(entry.replayed.municipalities[member.code]?.due ?? '0.00')}</td>
                <td class="num strong">${amount(at(member.byYear, year))}</td>`;
            })}
          </tr>`,
      )}
    </tbody>
    <tfoot>
      <tr>
        <th scope="row">Totaal</th>
        ${years.map(
          (year) =>
            html`<td class="num">${amount(total(year, 'recorded'))}</td>
              <td class="num">${amount(total(year, 'replayed'))}</td>
              <td class="num">${amount(total(year, 'replayed') - total(year, 'recorded'))}</td>`,
        )}
      </tr>
    </tfoot>
  </table>`;
}

function resultSection(report: ReplayReport, source: string | undefined): Html {
  const years = Object.keys(report.years).map(Number);
  const members = memberDifferences(report, years);
  const changed = members.some((member) => [...member.byYear.values()].some((value) => value !== 0n));
  return html`<section aria-labelledby="uitkomst" class="what-if-result">
    <h2 id="uitkomst">Uitkomst${source ? html`: ${source}` : ''}</h2>
    ${notice('info', 'Doorgerekend in het geheugen; er is niets vastgelegd.')}
    <ul>
      ${report.revisions.map((revision) => html`<li>${capitalised(revisionLabel(revision))} ${revision.replaced > 0 ? '(vervangt de vastgelegde)' : '(toegevoegd)'}</li>`)}
    </ul>
    ${changed ? '' : html`<p>Deze herziening verandert geen enkele afrekening.</p>`}
    ${figure({ id: 'verschil', caption: 'Verschil in de afrekening per gemeente en jaar (herberekend − vastgelegd)', chart: differenceChart(years, members, 1140), table: memberTable(years, members, 'Verschil in de afrekening (herberekend − vastgelegd)') })}
    <div class="scroll">${comparisonTable(report, years, members)}</div>
  </section>`;
}

/** A weight as a Dutch person types it (18,3), without grouping so that it reads back as typed; other text as it was. */
const withDecimalComma = (value: string) => (/^-?\d+\.\d+$/.test(value) ? value.replace('.', ',') : value);

/** The chosen key's weights as a form in name order, each prefilled with what was typed or else what is recorded. */
function weightsForm(
  action: string,
  region: RegionInfo,
  key: KeyVersion | undefined,
  typed?: Record<string, string>,
): Html {
  return key
    ? html`<form method="post" action="${action}" class="weights">
        <input type="hidden" name="sleutel" value="${key.keyId}:${key.version}" />
        <p class="note">${key.basis} · eenheid ${key.unit === 'percent' ? 'procent' : 'gewicht'}</p>
        <table class="data compact">
          <thead>
            <tr>
              <th scope="col">Gemeente</th>
              <th scope="col" class="num">Vastgelegd</th>
              <th scope="col">Nieuw gewicht</th>
            </tr>
          </thead>
          <tbody>
            ${inNameOrder(
              Object.entries(key.weights).map(([code, weight]) => ({
                code,
                weight,
                name: region.municipalities.find((member) => member.code === code)?.name ?? code,
              })),
            ).map(
              ({ code, weight, name }) =>
                html`<tr>
                  <th scope="row">
                    <label for="gewicht-${code}">${name}</label>
                  </th>
                  <td class="num">${formatDecimalNl(weight)}</td>
                  <td>
                    <input
                      id="gewicht-${code}"
                      name="gewicht.${code}"
                      value="${withDecimalComma(typed?.[code] ?? weight)}"
                      inputmode="decimal"
                      size="10"
                    />
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
        <button type="submit">Doorrekenen met deze gewichten</button>
      </form>`
    : html`<p>Kies een sleutel om haar gewichten te wijzigen.</p>`;
}

/** A file of revised keys or agreements to replay instead of the recorded ones. */
function revisionFileSection(action: string): Html {
  return html`<section class="panel" aria-labelledby="bestand">
    <h2 id="bestand">Herzieningsbestand</h2>
    <form method="post" action="${action}" enctype="multipart/form-data">
      <label for="herziening"
        >Bestand met AdoptDistributionKey-, AdoptReserveAgreement- of AdoptSolidarityAgreement-regels (JSON
        Lines)</label
      >
      <input id="herziening" name="herziening" type="file" accept=".jsonl,.json,.txt,application/json" />
      <button type="submit">Doorrekenen</button>
    </form>
    <p class="note">
      Een sleutelversie vervangt de vastgelegde versie met dezelfde sleutel en hetzelfde versienummer; een afspraak
      vervangt de vastgelegde afspraak met dezelfde ingangsdatum.
    </p>
  </section>`;
}

export function whatIfPage(principal: Principal, data: RegionPageData, form: WhatIfForm): Html {
  const { region } = data;
  const regionId = region.regionId;
  const action = path(['ui', 'regions', regionId, 'what-if']);
  const keys = [...data.state.keys.values()].flat();
  const key = form.key;
  return page(
    {
      title: `Wat als? ${region.name}`,
      principal,
      crumbs: [
        { label: 'Regio’s', href: '/' },
        { label: region.name, href: path(['ui', 'regions', regionId]) },
        { label: 'Wat als?' },
      ],
      lead: 'Reken de vastgelegde jaren door met een andere verdeelsleutel of afspraak. Er wordt niets vastgelegd: om een herziening echt te gebruiken, legt een beheerder een nieuwe versie vast en heropent en sluit de jaren.',
    },
    html`${form.error ? notice('error', form.error) : ''}
      <div class="pair">
        <section class="panel" aria-labelledby="sleutel-aanpassen">
          <h2 id="sleutel-aanpassen">Gewichten van een sleutel aanpassen</h2>
          <form method="get" action="${action}" class="inline">
            <label for="sleutel">Sleutel</label>
            <select id="sleutel" name="sleutel">
              ${keys.map(
                (candidate) =>
                  html`<option
                    value="${candidate.keyId}:${candidate.version}"
                    ${key?.keyId === candidate.keyId && key.version === candidate.version ? html` selected` : ''}
                  >
                    ${capitalised(keyLabel(candidate.keyId))} v${candidate.version} (vanaf ${candidate.validFrom})
                  </option>`,
              )}
            </select>
            <button type="submit" class="secondary">Kies</button>
          </form>
          ${weightsForm(action, region, key, form.weights)}
        </section>
        ${revisionFileSection(action)}
      </div>
      ${form.report ? resultSection(form.report, form.source) : ''}`,
  );
}
