import type ExcelJS from 'exceljs';
import { Cents, formatDateTimeLongNl, formatDecimalNl, formatEuroNl, parseAmount } from '@libs/money';
import { Statement, YearContext } from '@libs/projections';
import { fundLabel, keyLabel } from './event-labels';
import {
  BW_LABELS,
  dueWords,
  FUND_LABELS,
  MUNICIPALITY_BW_LABELS,
  MUNICIPALITY_DUE_LABEL,
  MUNICIPALITY_MO_LABELS,
  LEDGER_HASH_LABEL,
} from './labels';
import { reserveStatementRows } from './statement.table';

/** `€ 5.802.407,00` in a Dutch Excel (which localises the separators), `€ -115.593,00` when negative. */
export const EURO_FORMAT = '"€ "#,##0.00;"€ "-#,##0.00';
const PERCENT_FORMAT = '0.0000" %"';

/** Printed on A4, as wide as the page, as many pages long as it takes. */
const PRINT: Partial<ExcelJS.PageSetup> = {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- A4: exceljs's PaperSize is a const enum, which isolatedModules (ts-jest) cannot inline
  paperSize: 9,
  orientation: 'portrait',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
};

/**
 * A spreadsheet cell needs a number; cents are exact below 2^53, and a double renders two decimals
 * of such a value exactly, so this is the one place money leaves exact arithmetic — for display only.
 */
export function euroCellValue(amount: string | Cents): number {
  const cents: Cents = typeof amount === 'bigint' ? amount : parseAmount(amount);
  return Number(cents) / 100;
}

export interface WorkbookOptions {
  /** the keys, budgets and agreements in force for the year */
  readonly context: YearContext;
  /** when the workbook was made (the overview says so, in Dutch time) */
  readonly generatedAt: Date;
}

type Row = (string | number | null | ExcelJS.CellFormulaValue)[];

/** Sheet names: at most 31 characters, none of \ / ? * [ ] : (Excel's rules). */
const sheetName = (name: string) => name.slice(0, 31).replace(/[\\/?*[\]:]/g, ' ');

/**
 * The statement as a workbook for a controller: an overview first ("Overzicht": the regional
 * results per scheme, the budget and its split, the keys in force, the reserve's movements and band,
 * funds, solidarity, what each municipality receives or pays with a total, the generation date and
 * the ledger hash), then the municipalities as rows per scheme ("Gemeenten BW", "Gemeenten MO", with
 * totals), then a sheet per municipality. Numbers are numbers in euro format; headers are frozen.
 */
export async function renderStatementXlsx(statement: Statement, options: WorkbookOptions): Promise<Buffer> {
  const { context, generatedAt } = options;
  // exceljs takes longer to load than most commands take to run: loaded by the ones that write a workbook
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand (typed by typeof import)
  const { Workbook } = require('exceljs') as typeof import('exceljs');
  const workbook = new Workbook();
  workbook.creator = 'Geldstroom';
  workbook.created = generatedAt;
  workbook.modified = generatedAt;
  overviewSheet(workbook, statement, context, generatedAt);
  schemeSheet(workbook, statement, 'bw');
  schemeSheet(workbook, statement, 'mo');
  for (const [code, municipality] of Object.entries(statement.municipalities)) {
    const sheet = workbook.addWorksheet(sheetName(`${code} ${municipality.name}`), {
      views: [{ state: 'frozen', ySplit: 1 }],
      pageSetup: PRINT,
    });
    sheet.columns = [{ width: 40 }, { width: 20 }];
    title(sheet, `${municipality.name} (${code}) ${statement.year}`);
    sheet.addRow([]);
    block(sheet, 'Beschermd wonen (BW)', municipality.bw, { ...MUNICIPALITY_BW_LABELS });
    block(sheet, 'Maatschappelijke opvang (MO)', municipality.mo, { ...MUNICIPALITY_MO_LABELS });
    block(sheet, 'Afrekening', municipality, { due: MUNICIPALITY_DUE_LABEL });
    sheet.addRow([dueWords(municipality.due)]);
    sheet.addRow([]);
    heading(sheet, `Aandeel in de verdeelsleutels van ${statement.year}`);
    header(sheet, ['Sleutel', 'Aandeel'], 1);
    for (const key of context.keys) {
      const row = sheet.addRow([
        `${keyLabel(key.keyId)} (${key.keyId}) v${key.version}`,
        Number(key.members[code]?.sharePct ?? '0'),
      ]);
      row.getCell(2).numFmt = PERCENT_FORMAT;
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function title(sheet: ExcelJS.Worksheet, text: string): void {
  sheet.addRow([text]).font = { bold: true, size: 14 };
}

function heading(sheet: ExcelJS.Worksheet, text: string): void {
  sheet.addRow([text]).font = { bold: true, size: 12 };
}

/** A bold header row; the headers of amount columns (from `firstAmount` on) are right-aligned like their numbers. */
function header(sheet: ExcelJS.Worksheet, cells: string[], firstAmount = cells.length): ExcelJS.Row {
  const row = sheet.addRow(cells);
  row.font = { bold: true };
  row.eachCell((cell, column) => {
    cell.alignment = { wrapText: true, vertical: 'top', horizontal: column > firstAmount ? 'right' : 'left' };
    cell.border = { bottom: { style: 'thin' } };
  });
  row.height = 15 * linesNeeded(sheet, cells);
  return row;
}

/** How many lines the longest wrapped cell of a row takes (a character is about one unit of column width). */
function linesNeeded(sheet: ExcelJS.Worksheet, cells: readonly (string | null)[]): number {
  return Math.max(
    1,
    ...cells.map((text, index) =>
      Math.ceil((text ?? '').length / Math.max(1, (sheet.getColumn(index + 1).width ?? 10) - 1)),
    ),
  );
}

/** A label and a long text: the text spans the other columns and wraps, so the page keeps its width. */
function textRow(sheet: ExcelJS.Worksheet, label: string, text: string): void {
  const row = sheet.addRow([label, text]);
  sheet.mergeCells(row.number, 2, row.number, 6);
  row.alignment = { vertical: 'top' };
  row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  // the merged cells are about 110 characters wide
  row.height = 15 * Math.max(1, Math.ceil(text.length / 110));
}

/** A row whose cells from `firstAmount` on are amounts (decimal strings, or null for "not applicable"). */
function amountRow(sheet: ExcelJS.Worksheet, cells: (string | null)[], firstAmount: number): ExcelJS.Row {
  const values: Row = cells.map((cell, index) =>
    index < firstAmount ? cell : cell === null ? null : euroCellValue(cell),
  );
  const row = sheet.addRow(values);
  for (let index = firstAmount; index < cells.length; index += 1) row.getCell(index + 1).numFmt = EURO_FORMAT;
  return row;
}

function block(sheet: ExcelJS.Worksheet, text: string, lines: object, labels: Record<string, string>): void {
  heading(sheet, text);
  for (const [field, label] of Object.entries(labels)) {
    const value = (lines as Record<string, string | null>)[field];
    amountRow(sheet, [label, value ?? null], 1);
  }
  sheet.addRow([]);
}

/** A total row: SUM formulas over the rows above (with the exact total as the cached result). */
function totalRow(
  sheet: ExcelJS.Worksheet,
  label: string,
  firstRow: number,
  lastRow: number,
  columns: { column: number; total: Cents }[],
  labelColumn = 1,
): void {
  // cell by cell: exceljs reads an array with an empty first element as starting at column 1
  const row = sheet.addRow([]);
  row.getCell(labelColumn).value = label;
  for (const { column, total } of columns) {
    const letter = sheet.getColumn(column).letter;
    row.getCell(column).value = {
      formula: `SUM(${letter}${firstRow}:${letter}${lastRow})`,
      result: euroCellValue(total),
    };
  }
  row.font = { bold: true };
  for (const { column } of columns) {
    row.getCell(column).numFmt = EURO_FORMAT;
    row.getCell(column).border = { top: { style: 'thin' } };
  }
}

const sum = (amounts: string[]) => amounts.reduce((total, amount) => total + parseAmount(amount), 0n);

function overviewSheet(workbook: ExcelJS.Workbook, statement: Statement, context: YearContext, generatedAt: Date) {
  const sheet = workbook.addWorksheet('Overzicht', { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: PRINT });
  sheet.columns = [{ width: 50 }, { width: 20 }, { width: 20 }, { width: 20 }, { width: 20 }, { width: 36 }];
  overviewHead(sheet, statement, context, generatedAt);
  budgetSection(sheet, statement, context);
  regionalResultsSection(sheet, statement);
  keysSection(sheet, statement, context);
  if (statement.reserve) reserveSection(sheet, statement.reserve, context);
  for (const [fundId, lines] of Object.entries(statement.funds)) block(sheet, fundLabel(fundId), lines, FUND_LABELS);
  if (statement.solidarity) solidaritySection(sheet, statement, statement.solidarity);
  dueSection(sheet, statement);
}

/** Which region and year, when made, the central municipality and how to check the history it was made from. */
function overviewHead(sheet: ExcelJS.Worksheet, statement: Statement, context: YearContext, generatedAt: Date): void {
  title(
    sheet,
    `Jaaroverzicht ${statement.regionName} (${statement.regionId}) ${statement.year} — ${statement.closed ? 'afgesloten' : 'open, nog niet afgesloten'}`,
  );
  textRow(sheet, 'Gegenereerd op', `${formatDateTimeLongNl(generatedAt)} (Nederlandse tijd)`);
  textRow(sheet, 'Centrumgemeente', `${context.centralMunicipality.name} (${context.centralMunicipality.code})`);
  if (statement.ledgerHash) {
    textRow(sheet, LEDGER_HASH_LABEL, statement.ledgerHash);
    textRow(
      sheet,
      'Controle van de geschiedenis',
      `geldstroom verify --region ${statement.regionId} --expect ${statement.ledgerHash}`,
    );
  }
  sheet.addRow([]);
}

/** The budget per scheme beside what was skimmed and contributed, then the budget's components. */
function budgetSection(sheet: ExcelJS.Worksheet, statement: Statement, context: YearContext): void {
  heading(sheet, 'Regionale begroting en de verdeling ervan');
  header(
    sheet,
    ['Regeling', 'Begroting', 'Afroming (geboekt)', 'Bijdragen gemeenten (geboekt)', 'Versie', 'Objectief deel'],
    1,
  );
  for (const scheme of ['BW', 'MO'] as const) {
    const budget = context.budgets[scheme];
    const lines = scheme === 'BW' ? statement.bw : statement.mo;
    const row = amountRow(
      sheet,
      [
        scheme === 'BW' ? 'Beschermd wonen (BW)' : 'Maatschappelijke opvang (MO)',
        budget?.amount ?? null,
        lines.skimmed,
        scheme === 'BW' ? statement.bw.contributions : null,
      ],
      1,
    );
    row.getCell(5).value = budget ? `v${budget.version}` : 'geen begroting';
    row.getCell(6).value = budget?.objectivePct != null ? `${formatDecimalNl(budget.objectivePct)} %` : '—';
  }
  for (const scheme of ['BW', 'MO'] as const) {
    const components = context.budgets[scheme]?.components ?? [];
    if (components.length === 0) continue;
    sheet.addRow([`Onderdelen begroting ${scheme}`]).font = { italic: true };
    for (const component of components) amountRow(sheet, [`  ${component.label}`, component.amount], 1);
  }
  sheet.addRow([]);
}

function regionalResultsSection(sheet: ExcelJS.Worksheet, statement: Statement): void {
  heading(sheet, 'Regionale resultaten per regeling');
  header(sheet, ['Regel', 'BW', 'MO'], 1);
  const rijk = 'Rijk: historisch budget BW, MO-budget centrumgemeente';
  amountRow(sheet, [rijk, statement.bw.rijkHistorical, statement.mo.rijkRegional], 1);
  for (const field of [
    'skimmed',
    'distributed',
    'contributions',
    'coPayments',
    'costs',
    'result',
    'toReserve',
    'settledWithMunicipalities',
  ] as const) {
    const mo = field === 'contributions' ? null : (statement.mo as unknown as Record<string, string>)[field];
    amountRow(sheet, [BW_LABELS[field].replace(' (objectieve sleutel)', ''), statement.bw[field], mo], 1);
  }
  sheet.addRow([]);
}

function keysSection(sheet: ExcelJS.Worksheet, statement: Statement, context: YearContext): void {
  heading(sheet, `Verdeelsleutels in ${statement.year}`);
  header(sheet, ['Sleutel', 'Versie', 'Geldig', 'Eenheid', 'Som van de gewichten', 'Grondslag']);
  if (context.keys.length === 0) sheet.addRow(['geen verdeelsleutel van kracht']);
  for (const key of context.keys) {
    const row = sheet.addRow([
      `${keyLabel(key.keyId)} (${key.keyId})`,
      `v${key.version}`,
      key.validTo === null ? `vanaf ${key.validFrom}` : `${key.validFrom}–${key.validTo}`,
      key.unit === 'percent' ? 'procent' : 'gewicht',
      formatDecimalNl(key.weightSum),
      key.basis,
    ]);
    row.alignment = { vertical: 'top' };
    row.getCell(6).alignment = { wrapText: true, vertical: 'top' };
    row.height = 15 * linesNeeded(sheet, ['', '', '', '', '', key.basis]);
  }
  sheet.addRow([]);
}

/** The reserve's movements and the agreement (band) in force. */
function reserveSection(
  sheet: ExcelJS.Worksheet,
  reserve: NonNullable<Statement['reserve']>,
  context: YearContext,
): void {
  heading(sheet, 'Regionale reserve, verloop (BBV art. 54)');
  for (const { label, amount, heading } of reserveStatementRows(reserve)) {
    if (heading) sheet.addRow([label]).font = { italic: true };
    else amountRow(sheet, [label, amount], 1);
  }
  const agreement = context.reserveAgreement;
  textRow(
    sheet,
    'Reserveafspraak',
    agreement
      ? `v${agreement.version} vanaf ${agreement.validFrom}: bandbreedte ${formatDecimalNl(agreement.minPct)} % tot ${formatDecimalNl(agreement.maxPct)} % van ${formatEuroNl(agreement.baseAmount)} (${agreement.base === 'budget' ? `regionale begroting ${agreement.schemes.join(' en ')}` : 'vast bedrag'}); ${formatDecimalNl(agreement.toReservePct)} % van een resultaat naar de reserve`
      : 'geen reserveafspraak van kracht',
  );
  sheet.addRow([]);
}

function solidaritySection(
  sheet: ExcelJS.Worksheet,
  statement: Statement,
  solidarity: NonNullable<Statement['solidarity']>,
): void {
  heading(sheet, `Onderlinge solidariteit (BW): volume ${formatEuroNl(solidarity.volume)}`);
  header(sheet, ['Gemeente', 'Ontvangen (+) / betaald (−)'], 1);
  for (const [code, amount] of Object.entries(solidarity.transfers))
    amountRow(sheet, [`${code} ${statement.municipalities[code]?.name ?? ''}`, amount], 1);
  sheet.addRow([]);
}

/** What each municipality receives or pays, with the total as SUM formulas. */
function dueSection(sheet: ExcelJS.Worksheet, statement: Statement): void {
  heading(sheet, 'Te ontvangen (+) / te betalen (−) per gemeente');
  header(sheet, ['Gemeente', 'BW', 'MO', 'Totaal', ''], 1);
  const codes = Object.keys(statement.municipalities);
  const first = sheet.rowCount + 1;
  for (const code of codes) {
    const municipality = statement.municipalities[code];
    const row = amountRow(
      sheet,
      [`${code} ${municipality.name}`, municipality.bw.due, municipality.mo.due, municipality.due],
      1,
    );
    row.getCell(5).value = dueWords(municipality.due);
  }
  totalRow(sheet, 'Alle gemeenten samen', first, first + codes.length - 1, [
    { column: 2, total: sum(codes.map((code) => statement.municipalities[code].bw.due)) },
    { column: 3, total: sum(codes.map((code) => statement.municipalities[code].mo.due)) },
    { column: 4, total: sum(codes.map((code) => statement.municipalities[code].due)) },
  ]);
}

/** One row per municipality, a column per statement line, a total row: the scheme at a glance. */
function schemeSheet(workbook: ExcelJS.Workbook, statement: Statement, scheme: 'bw' | 'mo') {
  const labels: Record<string, string> = scheme === 'bw' ? MUNICIPALITY_BW_LABELS : MUNICIPALITY_MO_LABELS;
  const sheet = workbook.addWorksheet(scheme === 'bw' ? 'Gemeenten BW' : 'Gemeenten MO', {
    views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }],
    pageSetup: { ...PRINT, orientation: 'landscape', printTitlesRow: '1:1' },
  });
  sheet.columns = [{ width: 10 }, { width: 26 }, ...Object.keys(labels).map(() => ({ width: 18 }))];
  header(sheet, ['Code', 'Gemeente', ...Object.values(labels)], 2).height = 45;
  const codes = Object.keys(statement.municipalities);
  for (const code of codes) {
    const lines = statement.municipalities[code][scheme] as unknown as Record<string, string>;
    amountRow(
      sheet,
      [code, statement.municipalities[code].name, ...Object.keys(labels).map((field) => lines[field])],
      2,
    );
  }
  totalRow(
    sheet,
    'Totaal',
    2,
    codes.length + 1,
    Object.keys(labels).map((field, index) => ({
      column: index + 3,
      total: sum(
        codes.map((code) => (statement.municipalities[code][scheme] as unknown as Record<string, string>)[field]),
      ),
    })),
    2,
  );
}
