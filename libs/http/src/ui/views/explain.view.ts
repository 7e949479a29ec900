import { Scheme } from '@libs/domain';
import { parseAmount } from '@libs/money';
import { Explanation, PostingBasis, Statement } from '@libs/projections';
import {
  derivationText,
  inputLabelNl,
  inputValueNl,
  MUNICIPALITY_BW_LABELS,
  MUNICIPALITY_MO_LABELS,
} from '@libs/reports';
import { Principal } from '@libs/access';
import { amsterdamTime, capitalised, euro } from '../format';
import { keyLabel } from '../labels';
import { html, Html, path } from '../html';
import { accountLabel, eventLabel, RULE_LABELS } from '../labels';
import { DUE_LINES, knownMemberLineSource } from '../statement-links';
import { RegionPageData } from '../ui-read.service';
import { amount, explainHref, notice, traceHref } from './components';
import { page } from './layout';

/** Where the narrow column wraps, an amount stays with its euro sign, a percentage with its %. */
const unbroken = (text: string) => text.replace(/€ /g, '€\u00a0').replace(/ %/g, '\u00a0%');

/** The rule's stored inputs, each by its Dutch name with the field name a controller finds in the JSON and exports. */
function inputsList(inputs: Record<string, unknown> | undefined): Html {
  if (!inputs || Object.keys(inputs).length === 0) return html``;
  return html`<details class="inputs">
    <summary>Invoer</summary>
    <dl>
      ${Object.entries(inputs).map(([name, value]) => {
        const shown = inputValueNl(name, value);
        return html`<dt>${inputLabelNl(name)} <code class="field">${name}</code></dt>
          ${name === 'formula' ? html`<dd><code>${shown}</code></dd>` : html`<dd class="num">${unbroken(shown)}</dd>`}`;
      })}
    </dl>
  </details>`;
}

/** The derivation in Dutch. */
function derivationCell(posting: PostingBasis, account: string): string {
  return unbroken(derivationText(posting, account, 'nl'));
}

function postingRow(explanation: Explanation<PostingBasis>, posting: PostingBasis, paymentId?: string): Html {
  const { regionId, year } = explanation;
  return html`<tr>
    <td class="num">
      ${amount(posting.amount, paymentId ? traceHref(regionId, year, paymentId) : undefined, paymentId ? `spoor van betaling ${paymentId}` : undefined)}
    </td>
    <td>
      <strong>${eventLabel(posting.eventType)}</strong
      >${posting.rule ? html`<br /><span class="note">regel ${RULE_LABELS[posting.rule] ?? posting.rule}</span>` : ''}
    </td>
    <td class="key">
      ${posting.key ? html`${capitalised(keyLabel(posting.key.keyId))} <code class="field">${posting.key.keyId} v${posting.key.version}</code><span class="note">${posting.key.basis}</span>` : '—'}
    </td>
    <td class="derivation">${derivationCell(posting, explanation.account)}${inputsList(posting.inputs)}</td>
    <td class="meta">
      ${amsterdamTime(posting.recordedAt)}<br />door ${posting.actor}<br />bron ${posting.source}<br /><span
        class="note"
        >gebeurtenis ${posting.eventId}</span
      >
    </td>
  </tr>`;
}

/** The postings behind one amount, optionally only those of the event types of a statement line. */
export function explainPage(
  principal: Principal,
  data: RegionPageData,
  explanation: Explanation<PostingBasis>,
  filter: { types: readonly string[]; negated: boolean; line?: string },
  paymentIds: ReadonlyMap<string, string>,
): Html {
  const { region } = data;
  const regionId = region.regionId;
  const year = explanation.year;
  const shown =
    filter.types.length > 0
      ? explanation.postings.filter((posting) => filter.types.includes(posting.eventType))
      : explanation.postings;
  const sum = shown.reduce((total, posting) => total + parseAmount(posting.amount), 0n);
  const label = accountLabel(explanation.account, region);
  return page(
    {
      title: filter.line ? `Uitleg: ${filter.line}` : `Uitleg: ${label}`,
      principal,
      crumbs: [
        { label: 'Regio’s', href: '/' },
        { label: region.name, href: path(['ui', 'regions', regionId]) },
        { label: String(year), href: path(['ui', 'regions', regionId, year]) },
        { label: 'Uitleg' },
      ],
      lead: html`Rekening <code>${explanation.account}</code> (${label}),
        ${year}${filter.types.length > 0 ? html`, alleen ${filter.types.map(eventLabel).join(', ')}` : ''}.`,
    },
    html`<div class="sum-line">
        <span>${filter.types.length > 0 ? 'Dit bedrag' : 'Saldo van de rekening in het jaar'}</span>
        <strong data-explained-total>${euro(filter.negated ? -sum : sum)}</strong
        >${filter.negated ? html` <span class="note">(vanuit de regio gezien; op de rekening ${euro(sum)})</span>` : ''}
      </div>
      ${shown.length === 0 ? notice('info', 'Op deze rekening is voor dit jaar niets van deze soort geboekt.') : ''}
      <table class="data explain">
        <caption>
          Elke boeking met regel, sleutel, invoer en afleiding; de boekingen tellen op tot het bedrag hierboven
        </caption>
        <thead>
          <tr>
            <th scope="col" class="num">Bedrag</th>
            <th scope="col">Soort en regel</th>
            <th scope="col">Sleutel</th>
            <th scope="col">Afleiding</th>
            <th scope="col">Vastgelegd</th>
          </tr>
        </thead>
        <tbody>
          ${shown.map((posting) => postingRow(explanation, posting, paymentIds.get(posting.eventId)))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" class="num">${euro(sum)}</th>
            <td colspan="4">${shown.length} boeking(en)</td>
          </tr>
        </tfoot>
      </table>
      ${filter.types.length > 0 ? html`<p><a href="${path(['ui', 'regions', regionId, year, 'uitleg'], { account: explanation.account })}">Alle boekingen op deze rekening in ${year} (saldo ${euro(explanation.balance)})</a></p>` : ''}`,
  );
}

export interface AdvanceRow {
  readonly advanceId: string;
  readonly scheme: Scheme;
  readonly amount: string;
  readonly date?: string;
  readonly reference?: string;
  readonly recordedAt: string;
  readonly actor: string;
}

type MemberStatement = Statement['municipalities'][string];

/** The advances of one scheme, paid by or to the municipality on account of its settlement. */
function advancesTable(rows: readonly AdvanceRow[]): Html {
  return rows.length === 0
    ? html`<p>Geen voorschotten vastgelegd.</p>`
    : html`<table class="data">
        <caption>
          Betaald door (+) of aan (−) de gemeente, op rekening van de afrekening
        </caption>
        <thead>
          <tr>
            <th scope="col">Voorschot</th>
            <th scope="col">Datum</th>
            <th scope="col">Omschrijving</th>
            <th scope="col" class="num">Bedrag</th>
            <th scope="col">Vastgelegd</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (row) =>
              html`<tr>
                <th scope="row">${row.advanceId}</th>
                <td>${row.date ?? '—'}</td>
                <td>${row.reference ?? ''}</td>
                <td class="num">${amount(row.amount)}</td>
                <td>${amsterdamTime(row.recordedAt)} door ${row.actor}</td>
              </tr>`,
          )}
        </tbody>
      </table>`;
}

/** One scheme's part of what is due: its regional lines (each to its explanation), its advances, its total. */
function dueSchemeSection(statement: Statement, code: string, name: Scheme, advances: readonly AdvanceRow[]): Html {
  const { regionId, year } = statement;
  const member: MemberStatement = statement.municipalities[code];
  const lines = (name === 'BW' ? member.bw : member.mo) as unknown as Record<string, string>;
  const labels = (name === 'BW' ? MUNICIPALITY_BW_LABELS : MUNICIPALITY_MO_LABELS) as Record<string, string>;
  const rows = advances.filter((advance) => advance.scheme === name);
  return html`<section aria-labelledby="opbouw-${name}">
    <h2 id="opbouw-${name}">${name === 'BW' ? 'Beschermd wonen (BW)' : 'Maatschappelijke opvang (MO)'}</h2>
    <table class="data lines">
      <tbody>
        ${DUE_LINES[name].map((line) => {
          const source = knownMemberLineSource(code, name, line);
          return html`<tr>
            <th scope="row">${labels[line]}</th>
            <td class="num">
              ${amount(lines[line], explainHref(regionId, year, source, `${labels[line]} ${name}, ${member.name}`), labels[line])}
            </td>
          </tr>`;
        })}
        <tr>
          <th scope="row"><a href="#voorschotten-${name}">Voorschotten</a></th>
          <td class="num">${amount(lines.advances)}</td>
        </tr>
        <tr class="strong">
          <th scope="row">Afrekening ${name}</th>
          <td class="num">${amount(lines.due)}</td>
        </tr>
      </tbody>
    </table>
    <h3 id="voorschotten-${name}">Voorschotten ${name}</h3>
    ${advancesTable(rows)}
  </section>`;
}

/** What makes up a municipality's settlement amount: its regional lines and its advances, per scheme. */
export function duePage(
  principal: Principal,
  data: RegionPageData,
  statement: Statement,
  code: string,
  advances: readonly AdvanceRow[],
): Html {
  const { region } = data;
  const regionId = region.regionId;
  const year = statement.year;
  const member = statement.municipalities[code];
  const bw = dueSchemeSection(statement, code, 'BW', advances);
  const mo = dueSchemeSection(statement, code, 'MO', advances);
  return page(
    {
      title: `Afrekening ${year}: ${member.name}`,
      principal,
      crumbs: [
        { label: 'Regio’s', href: '/' },
        { label: region.name, href: path(['ui', 'regions', regionId]) },
        { label: String(year), href: path(['ui', 'regions', regionId, year]) },
        { label: member.name },
      ],
      lead: html`Wat de centrumgemeente en ${member.name} (${code}) elkaar voor ${year} nog moeten betalen: het
      regionale geld plus de voorschotten. Het Rijksbudget en de eigen uitgaven van de gemeente horen er niet bij.`,
    },
    html`<div class="sum-line">
        <span>Te ontvangen (+) / te betalen (−)</span> <strong data-explained-total>${euro(member.due)}</strong>
      </div>
      <div class="pair">${bw}${mo}</div>`,
  );
}
