import { Principal } from '@libs/access';
import { IntakeIssue, IntakeReport, REASONS, SHEETS } from '@libs/intake';
import { formatDecimalNl } from '@libs/money';
import { html, Html, path } from '../html';
import { RegionPageData } from '../ui-read.service';
import { amount, notice } from './components';
import { page } from './layout';

export interface ImportView {
  /** the session's form token (none for a Bearer request) */
  readonly formToken?: string;
  readonly file?: string;
  /** the preview (dry run), the recorded outcome, or the preview made before a problem was found */
  readonly report?: IntakeReport;
  /** the previewed upload waiting for "Vastleggen" */
  readonly pendingId?: string;
  /** the first MAX_ISSUES problems of a refused file */
  readonly issues?: readonly IntakeIssue[];
  /** how many problems were found beyond `issues` */
  readonly moreIssues?: number;
  /** a problem with the upload itself (no file, wrong kind, expired preview) */
  readonly error?: string;
}

const SCHEMES: Record<string, string> = { BW: 'BW', MO: 'MO' };

function sheetsTable(report: IntakeReport): Html {
  return html`<table class="data compact" id="voorbeeld-bladen">
    <caption>
      Per blad: de rijen en wat ze doen tegenover wat al is vastgelegd
    </caption>
    <thead>
      <tr>
        <th scope="col">Blad</th>
        <th scope="col">Opdracht</th>
        <th scope="col" class="num">Rijen</th>
        <th scope="col" class="num">Opdrachten</th>
        <th scope="col" class="num">Nieuw</th>
        <th scope="col" class="num">Al vastgelegd</th>
        <th scope="col" class="num">In strijd</th>
        <th scope="col" class="num">Afgewezen</th>
        <th scope="col" class="num">Gebeurtenissen</th>
      </tr>
    </thead>
    <tbody>
      ${report.sheets.map(
        (sheet) =>
          html`<tr>
            <th scope="row">${sheet.sheet}</th>
            <td><code>${sheet.command}</code></td>
            <td class="num">${sheet.rows}</td>
            <td class="num">${sheet.commands}</td>
            <td class="num">${sheet.new}</td>
            <td class="num">${sheet.identical}</td>
            <td class="num">${sheet.conflicting}</td>
            <td class="num">${sheet.rejected}</td>
            <td class="num">${sheet.events}</td>
          </tr>`,
      )}
    </tbody>
    <tfoot>
      <tr>
        <th scope="row" colspan="2">Totaal</th>
        <td class="num">${report.rows}</td>
        <td class="num">${report.commands}</td>
        <td class="num">${report.new}</td>
        <td class="num">${report.identical}</td>
        <td class="num">${report.conflicting}</td>
        <td class="num">${report.rejected}</td>
        <td class="num">${report.events}</td>
      </tr>
    </tfoot>
  </table>`;
}

function totalsTable(report: IntakeReport): Html {
  const rows = report.sheets.flatMap((sheet) => sheet.totals.map((total) => ({ sheet: sheet.sheet, ...total })));
  if (rows.length === 0) return html``;
  return html`<table class="data compact" id="voorbeeld-totalen">
    <caption>
      Totalen per jaar en regeling (lokale uitgaven: zorg plus uitvoering)
    </caption>
    <thead>
      <tr>
        <th scope="col">Blad</th>
        <th scope="col">Jaar</th>
        <th scope="col">Regeling</th>
        <th scope="col" class="num">Bedrag</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (row) =>
          html`<tr>
            <th scope="row">${row.sheet}</th>
            <td>${row.year}</td>
            <td>${row.scheme === null ? '—' : (SCHEMES[row.scheme] ?? row.scheme)}</td>
            <td class="num">${amount(row.amount)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** Where a problem is, as the page says it: "Blad Rijksbetalingen, rij 7, kolom bedrag" (the reason is the intake's). */
function placeOf(found: IntakeIssue): string {
  const place = [
    found.sheet !== undefined ? `blad ${found.sheet}` : `bestand ${found.file}`,
    found.row !== undefined && found.row > 0 ? `rij ${found.row}` : undefined,
    found.column !== undefined ? `kolom ${found.column}` : undefined,
  ]
    .filter((part) => part !== undefined)
    .join(', ');
  return place.charAt(0).toUpperCase() + place.slice(1);
}

function issuesTable(issues: readonly IntakeIssue[]): Html {
  return html`<table class="data compact" id="fouten">
    <caption>
      Wat moet worden verbeterd (er is niets vastgelegd)
    </caption>
    <thead>
      <tr>
        <th scope="col">Waar</th>
        <th scope="col">Fout</th>
      </tr>
    </thead>
    <tbody>
      ${issues.map(
        (found) =>
          html`<tr>
            <th scope="row">${placeOf(found)}</th>
            <td>${found.reason}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** The years an intake touched, each a link to its page. */
function yearLinks(regionId: string, report: IntakeReport): Html {
  const years = [...new Set(report.sheets.flatMap((sheet) => sheet.totals.map((total) => total.year)))].sort();
  if (years.length === 0) return html``;
  return html`<p>
    Bekijk
    ${years.map((year, index) => html`${index > 0 ? ', ' : ''}<a href="${path(['ui', 'regions', regionId, year])}">${year}</a>`)}.
  </p>`;
}

/** The file field; the form token makes the post this session's own. */
function uploadForm(action: string, formToken: string | undefined): Html {
  return html`<form class="upload panel" method="post" action="${action}" enctype="multipart/form-data">
    <h2 id="inlezen">Bestand kiezen</h2>
    <input type="hidden" name="formulier" value="${formToken ?? ''}" />
    <p>
      <label for="bestand"
        >Werkboek (.xlsx, gemaakt met <code>geldstroom template</code>) of één blad als CSV (rijksbetalingen.csv)</label
      ><br />
      <input type="file" id="bestand" name="bestand" accept=".xlsx,.csv" required />
    </p>
    <p class="note">
      Bladen die worden gelezen, in deze volgorde:
      ${SHEETS.map((sheet, index) => html`${index > 0 ? ', ' : ''}${sheet.name}`)}. Eerst ziet u een voorbeeld; er wordt
      pas iets vastgelegd als u daarna op Vastleggen klikt.
    </p>
    <button type="submit">Voorbeeld tonen</button>
  </form>`;
}

const dutchCount = (count: number): string => formatDecimalNl(String(count));

/** A file with errors: nothing recorded, each error where it is, and the preview made before it was found. */
function rejectedOutcome(view: ImportView, issues: readonly IntakeIssue[]): Html {
  const more = view.moreIssues ?? 0;
  const total = issues.length + more;
  return html`<section aria-labelledby="uitkomst">
    <h2 id="uitkomst">${view.file ?? 'Het bestand'}: niet vastgelegd</h2>
    ${notice('error', `Er is niets vastgelegd: ${total === 1 ? '1 fout' : `${dutchCount(total)} fouten`}${more > 0 ? `, hieronder de eerste ${dutchCount(issues.length)}` : ''}. Verbeter het bestand en lees het opnieuw in.`)}
    <div class="scroll">${issuesTable(issues)}</div>
    ${more > 0 ? html`<p class="note" id="meer-fouten">${REASONS.moreIssues(more)}</p>` : ''}
    ${view.report ? html`<div class="scroll">${sheetsTable(view.report)}</div>` : ''}
  </section>`;
}

function recordedOutcome(view: ImportView, regionId: string, report: IntakeReport): Html {
  return html`<section aria-labelledby="uitkomst">
    <h2 id="uitkomst">${view.file ?? 'Het bestand'}: vastgelegd</h2>
    ${notice('ok', `Vastgelegd: ${report.events === 1 ? '1 gebeurtenis' : `${report.events} gebeurtenissen`} uit ${report.commands} rijen (${report.identical} stonden er al).`)}
    <div class="scroll">${sheetsTable(report)}</div>
    <div class="scroll">${totalsTable(report)}</div>
    ${yearLinks(regionId, report)}
  </section>`;
}

/** What recording the previewed file would do: add events, add nothing it holds, or nothing since it holds no rows. */
function previewNotice(report: IntakeReport): Html {
  if (report.events > 0)
    return notice(
      'info',
      `Er is nog niets vastgelegd. Vastleggen legt ${report.events === 1 ? '1 gebeurtenis' : `${report.events} gebeurtenissen`} vast; ${report.identical} rij(en) staan er al zo en leggen niets opnieuw vast.`,
    );
  // an empty template is not "all recorded already": it holds nothing to record
  if (report.rows === 0)
    return notice(
      'warning',
      'Dit bestand bevat geen ingevulde rijen: er valt niets vast te leggen. Vul per blad onder de kolomkoppen één regel per feit in.',
    );
  return notice('info', 'Alles in dit bestand staat al zo vastgelegd: vastleggen zou niets toevoegen.');
}

/** The dry run: what recording would add, and the Vastleggen form for the upload that waits. */
function previewOutcome(view: ImportView, regionId: string, action: string, report: IntakeReport): Html {
  return html`<section aria-labelledby="uitkomst">
    <h2 id="uitkomst">Voorbeeld: ${view.file ?? 'het bestand'}</h2>
    ${previewNotice(report)}
    <div class="scroll">${sheetsTable(report)}</div>
    <div class="scroll">${totalsTable(report)}</div>
    ${
      report.ignoredSheets.length > 0
        ? html`<p class="note">
            Niet gelezen (onbekende bladen): ${report.ignoredSheets.map((ignored) => ignored.sheet).join(', ')}
          </p>`
        : ''
    }
    ${
      report.events > 0 && view.pendingId
        ? html`<form
            method="post"
            action="${path(['ui', 'regions', regionId, 'import', 'vastleggen'])}"
            class="actions"
          >
            <input type="hidden" name="formulier" value="${view.formToken ?? ''}" />
            <input type="hidden" name="voorbeeld" value="${view.pendingId}" />
            <button type="submit">Vastleggen</button>
            <a href="${action}">Annuleren</a>
          </form>`
        : ''
    }
  </section>`;
}

/** What the last upload did: a problem with the upload, errors in the file, recorded, or a preview (nothing yet). */
function outcomeOf(view: ImportView, regionId: string, action: string): Html {
  const report = view.report;
  const issues = view.issues ?? [];
  if (view.error) return notice('error', view.error);
  if (issues.length > 0) return rejectedOutcome(view, issues);
  if (report?.recorded) return recordedOutcome(view, regionId, report);
  if (report) return previewOutcome(view, regionId, action, report);
  return html``;
}

export function importPage(principal: Principal, data: RegionPageData, view: ImportView): Html {
  const { region } = data;
  const regionId = region.regionId;
  const action = path(['ui', 'regions', regionId, 'import']);
  const report = view.report;
  const issues = view.issues ?? [];
  // a preview that waits for Vastleggen offers that, not a second file field
  const waiting = report && !report.recorded && issues.length === 0 && view.pendingId;
  return page(
    {
      title: `Spreadsheet inlezen — ${region.name}`,
      principal,
      crumbs: [
        { label: 'Regio’s', href: '/' },
        { label: region.name, href: path(['ui', 'regions', regionId]) },
        { label: 'Spreadsheet inlezen' },
      ],
      lead: 'De cijfers van het jaar uit een werkboek: eerst een voorbeeld van wat het vastlegt, dan vastleggen. Elke rij wordt gecontroleerd; als er één fout is, wordt niets vastgelegd.',
    },
    html`${outcomeOf(view, regionId, action)}${waiting ? '' : uploadForm(action, view.formToken)}`,
  );
}
