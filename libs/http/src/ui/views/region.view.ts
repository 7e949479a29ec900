import {
  KEY_IDS,
  keyInForce,
  RegionInfo,
  RegionState,
  reserveAgreementInForce,
  solidarityAgreementInForce,
} from '@libs/domain';
import { Statement } from '@libs/projections';
import { Principal } from '@libs/access';
import { ingroeipadChart, memberBarsChart, reserveChart } from '../charts/chart-options';
import { ingroeipadData, memberMoneyData, reserveData, ReserveYear } from '../charts/multi-year.data';
import { html, Html, path } from '../html';
import { inNameOrder } from '../name-order';
import { capitalised } from '../format';
import { keyLabel, YEAR_STATE_LABELS } from '../labels';
import { explainHref, amount, figure, inlineAmount, notice } from './components';
import { memberTable } from './member-table';
import { page } from './layout';
import { mayImport } from '../../imports/upload-intake';
import { RegionPageData, yearState } from '../ui-read.service';
import { knownRegionLineSource } from '../statement-links';

export interface VerifyOutcome {
  readonly intact: boolean;
  readonly message: string;
}

const CHART_WIDTH = 1140;
const HALF_WIDTH = 540;

/** The reserve's band as "min – max"; a dash without a reserve or without a band. */
function bandOf(reserve: Statement['reserve']): Html | string {
  if (!reserve) return '—';
  return reserve.min !== null && reserve.max !== null
    ? html`${inlineAmount(reserve.min)} – ${inlineAmount(reserve.max)}`
    : '—';
}

/** Per year its state, results, reserve and band, each amount to its explanation, and the year's downloads. */
function yearsTable(data: RegionPageData, statements: readonly Statement[]): Html {
  const { state } = data;
  const regionId = data.region.regionId;
  const yearHref = (year: number) => path(['ui', 'regions', regionId, year]);
  return html`<table class="data years">
    <caption>
      Jaren met vastgelegde gegevens
    </caption>
    <thead>
      <tr>
        <th scope="col">Jaar</th>
        <th scope="col">Staat</th>
        <th scope="col" class="num">Resultaat BW</th>
        <th scope="col" class="num">Resultaat MO</th>
        <th scope="col" class="num">Reserve einde jaar</th>
        <th scope="col" class="num">Bandbreedte</th>
        <th scope="col">Downloads</th>
      </tr>
    </thead>
    <tbody>
      ${statements.map((statement) => {
        const year = statement.year;
        const status = yearState(state, year);
        const reserve = statement.reserve;
        return html`<tr>
          <th scope="row"><a href="${yearHref(year)}">${year}</a></th>
          <td><span class="badge ${status}">${YEAR_STATE_LABELS[status]}</span></td>
          <td class="num">
            ${amount(statement.bw.result, explainHref(regionId, year, knownRegionLineSource(regionId, 'bw', 'result'), 'Resultaat BW'), `resultaat BW ${year}`)}
          </td>
          <td class="num">
            ${amount(statement.mo.result, explainHref(regionId, year, knownRegionLineSource(regionId, 'mo', 'result'), 'Resultaat MO'), `resultaat MO ${year}`)}
          </td>
          <td class="num">
            ${reserve ? amount(reserve.closing, explainHref(regionId, year, knownRegionLineSource(regionId, 'reserve', 'closing'), 'Reserve, mutaties in het jaar'), `reserve einde ${year}`) : '—'}
          </td>
          <td class="num">${bandOf(reserve)}</td>
          <td class="downloads">
            <a href="${path(['ui', 'regions', regionId, year, 'jaaroverzicht.xlsx'])}">xlsx</a>
            <a href="${path(['ui', 'regions', regionId, year, 'jaaroverzicht.csv'])}">csv</a>
            <a href="${path(['ui', 'regions', regionId, 'journaal'], { jaar: String(year) })}">journaal</a>
            <a href="${path(['ui', 'regions', regionId, year, 'brieven.pdf'])}">brieven</a>
          </td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

/** The ledger hash, the verify form and what the last check found. */
function integritySection(data: RegionPageData, verify: VerifyOutcome | undefined): Html {
  const regionId = data.region.regionId;
  return html`<section class="panel integrity" aria-labelledby="integriteit">
    <h2 id="integriteit">Integriteit</h2>
    <p>
      Ledger-hash: de vingerafdruk van de vastgelegde geschiedenis (${data.state.eventCount} gebeurtenissen). Bewaar hem
      bij elk jaaroverzicht dat u verstuurt.
    </p>
    <div class="hash-row">
      <code class="hash" data-ledger-hash>${data.ledgerHash ?? '—'}</code>
      <form method="post" action="${path(['ui', 'regions', regionId, 'verify'])}" class="inline">
        <label for="brief-hash">Hash van een brief of overzicht (leeg: de hele keten)</label>
        <input id="brief-hash" name="hash" size="30" autocomplete="off" spellcheck="false" />
        <button type="submit">Controleer de geschiedenis</button>
      </form>
    </div>
    ${verify ? notice(verify.intact ? 'ok' : 'error', verify.message) : ''}
    <p class="note">
      De controle rekent elke hash van de keten opnieuw uit en controleert de volgorde en dat de boekingen van elke
      gebeurtenis op nul sluiten. Een brief noemt de ledger-hash van het moment waarop hij werd gemaakt; na latere
      gebeurtenissen is de kop van de keten verder, maar de hash van de brief staat er nog in: plak hem hierboven.
    </p>
  </section>`;
}

function reserveTable(reserve: readonly ReserveYear[]): Html {
  return html`<table class="data">
    <caption>
      Reserve per jaar
    </caption>
    <thead>
      <tr>
        <th scope="col">Jaar</th>
        <th scope="col" class="num">Stand einde jaar</th>
        <th scope="col" class="num">Ondergrens</th>
        <th scope="col" class="num">Bovengrens</th>
        <th scope="col" class="num">Uit resultaat</th>
        <th scope="col" class="num">Aanvulling</th>
        <th scope="col" class="num">Uitkering</th>
        <th scope="col" class="num">Naar fondsen</th>
      </tr>
    </thead>
    <tbody>
      ${reserve.map(
        (year) =>
          html`<tr>
            <th scope="row">${year.year}</th>
            <td class="num">${amount(year.closing)}</td>
            <td class="num">${year.min === null ? '—' : amount(year.min)}</td>
            <td class="num">${year.max === null ? '—' : amount(year.max)}</td>
            <td class="num">${amount(year.fromResults)}</td>
            <td class="num">${amount(year.replenished)}</td>
            <td class="num">${amount(year.paidOut)}</td>
            <td class="num">${amount(year.toFunds)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** The charts over all recorded years, each with its data as a table. */
function multiYearCharts(data: RegionPageData, statements: readonly Statement[]): Html {
  const ingroei = ingroeipadData(statements);
  const reserve = reserveData(statements);
  const money = memberMoneyData(statements);
  return html`<section aria-labelledby="meerjarig">
    <h2 id="meerjarig">Meerjarig beeld</h2>
    ${figure({
      id: 'ingroeipad',
      caption:
        'Ingroeipad BW: per gemeente het historische aandeel (oranje) en het objectieve Rijksbudget (blauw), per jaar gestapeld',
      chart: data.memo('ingroeipad', () => ingroeipadChart(ingroei, CHART_WIDTH)),
      table: html`${memberTable(ingroei.years, ingroei.historical, 'Historisch aandeel BW per gemeente')}${memberTable(ingroei.years, ingroei.objective, 'Objectief budget BW (Rijk) per gemeente')}`,
    })}
    ${
      reserve.length > 0
        ? figure({
            id: 'reserve',
            caption:
              'Regionale reserve per jaar binnen de bandbreedte (groen), met aanvullingen, uitkeringen en overhevelingen naar fondsen',
            chart: data.memo('reserve', () => reserveChart(reserve, CHART_WIDTH)),
            table: reserveTable(reserve),
          })
        : html`<p>Deze regio heeft geen reserve.</p>`
    }
    <div class="pair">
      ${figure({
        id: 'bijdragen',
        caption: 'Bijdragen BW per gemeente per jaar (betaald: negatief)',
        chart: data.memo('bijdragen', () =>
          memberBarsChart(money, 'contributions', HALF_WIDTH, 'Bijdragen BW per gemeente per jaar'),
        ),
        table: memberTable(money.years, money.contributions, 'Bijdragen BW per gemeente'),
      })}
      ${figure({
        id: 'afrekening',
        caption: 'Afrekening per gemeente per jaar (te ontvangen +, te betalen −)',
        chart: data.memo('afrekening', () =>
          memberBarsChart(money, 'due', HALF_WIDTH, 'Afrekening per gemeente per jaar'),
        ),
        table: memberTable(money.years, money.due, 'Afrekening per gemeente'),
      })}
    </div>
  </section>`;
}

/** Per year the key versions and agreements in force. */
function agreementsInForce(state: RegionState, years: readonly number[]): Html {
  return html`<section aria-labelledby="afspraken">
    <h2 id="afspraken">Sleutels en afspraken in werking</h2>
    <div class="scroll" tabindex="0" role="region" aria-labelledby="afspraken">
      <table class="data">
        <caption>
          Per jaar de versie die geldt
        </caption>
        <thead>
          <tr>
            <th scope="col">Jaar</th>
            ${Object.values(KEY_IDS).map((keyId) => html`<th scope="col">${capitalised(keyLabel(keyId))}</th>`)}
            <th scope="col">Reserveafspraak</th>
            <th scope="col">Solidariteitsafspraak</th>
          </tr>
        </thead>
        <tbody>
          ${years.map((year) => {
            const reserveAgreement = reserveAgreementInForce(state, year);
            const solidarity = solidarityAgreementInForce(state, year);
            return html`<tr>
              <th scope="row">${year}</th>
              ${Object.values(KEY_IDS).map((keyId) => {
                const key = keyInForce(state, keyId, year);
                return html`<td>${key ? html`v${key.version}<br /><span class="note">${key.basis}</span>` : '—'}</td>`;
              })}
              <td>
                ${reserveAgreement ? html`v${reserveAgreement.version}: ${reserveAgreement.minPct}–${reserveAgreement.maxPct}%, ${reserveAgreement.toReservePct ?? '0'}% van het resultaat naar de reserve` : '—'}
              </td>
              <td>
                ${solidarity ? html`v${solidarity.version}: ${solidarity.baseline}, plafond ${solidarity.cap ? 'aan' : 'uit'}` : '—'}
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
  </section>`;
}

function membersSection(region: RegionInfo): Html {
  return html`<section aria-labelledby="gemeenten">
    <h2 id="gemeenten">Gemeenten (${region.municipalities.length})</h2>
    <ul class="members">
      ${inNameOrder(region.municipalities).map(
        (member) =>
          html`<li>
            <span class="code">${member.code}</span>
            ${member.name}${member.code === region.centralMunicipality ? html` <span class="badge central">centrumgemeente</span>` : ''}
          </li>`,
      )}
    </ul>
  </section>`;
}

export function regionPage(principal: Principal, data: RegionPageData, verify?: VerifyOutcome): Html {
  const { state, region } = data;
  const regionId = region.regionId;
  const statements = data.years.map((year) => data.statement(year));
  const central = region.municipalities.find((member) => member.code === region.centralMunicipality);
  return page(
    {
      title: region.name,
      principal,
      crumbs: [{ label: 'Regio’s', href: '/' }, { label: region.name }],
      lead: html`Centrumgemeente ${central?.name ?? region.centralMunicipality} · ${region.municipalities.length}
      gemeenten · ${state.eventCount} gebeurtenissen vastgelegd`,
      live: { regionId, position: data.position },
    },
    html`<div class="overview">
        <section class="panel" aria-labelledby="jaren">
          <h2 id="jaren">Jaren</h2>
          <div class="scroll">${yearsTable(data, statements)}</div>
          <p class="actions">
            <a class="button secondary" href="${path(['ui', 'regions', regionId, 'what-if'])}"
              >Wat als? Andere sleutel doorrekenen</a
            >
            ${
              mayImport(principal, regionId)
                ? html`<a class="button secondary" href="${path(['ui', 'regions', regionId, 'import'])}"
                    >Spreadsheet inlezen</a
                  >`
                : ''
            }
            <a href="${path(['ui', 'regions', regionId, 'journaal'])}">Journaal van alle jaren (hledger)</a>
          </p>
        </section>
        ${integritySection(data, verify)}
      </div>
      ${multiYearCharts(data, statements)} ${agreementsInForce(state, data.years)} ${membersSection(region)}`,
  );
}
