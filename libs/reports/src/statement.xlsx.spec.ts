import ExcelJS from 'exceljs';
import { renderStatementXlsx } from './statement.xlsx';
import { reserveBothWays } from './testing/documents.spec-helper';

async function workbookOf(): Promise<ExcelJS.Workbook> {
  const { statement, context } = reserveBothWays();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(
    (await renderStatementXlsx(statement, { context, generatedAt: new Date('2026-03-02T08:15:00Z') })) as never,
  );
  return workbook;
}

/** The row whose first cell is `label`. */
function rowOf(sheet: ExcelJS.Worksheet, label: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (!found && row.getCell(1).value === label) found = row;
  });
  if (!found) throw new Error(`no row "${label}" on ${sheet.name}`);
  return found;
}

describe('statement workbook', () => {
  it('opens on an overview, then the municipalities per scheme, then a sheet per municipality', async () => {
    const workbook = await workbookOf();
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Overzicht',
      'Gemeenten BW',
      'Gemeenten MO',
      'GM0001 Alpha',
      'GM0002 Beta',
      'GM0003 Gamma',
    ]);
    for (const sheet of workbook.worksheets) expect(sheet.views[0]).toMatchObject({ state: 'frozen' });
  });

  it('the overview has the generation date, the ledger hash, the budget and its split, the keys and the reserve band', async () => {
    const sheet = (await workbookOf()).getWorksheet('Overzicht')!;
    expect(rowOf(sheet, 'Gegenereerd op').getCell(2).value).toBe('2 maart 2026 om 09:15 (Nederlandse tijd)');
    expect(rowOf(sheet, 'Centrumgemeente').getCell(2).value).toBe('Alpha (GM0001)');
    expect(rowOf(sheet, 'Ledger-hash (vingerafdruk van de vastgelegde geschiedenis)').getCell(2).value).toBe(
      'ab'.repeat(32),
    );
    const bw = rowOf(sheet, 'Beschermd wonen (BW)');
    expect([2, 3, 4].map((column) => bw.getCell(column).value)).toEqual([500000, 500000, 0]);
    expect(bw.getCell(2).numFmt).toBe('"€ "#,##0.00;"€ "-#,##0.00');
    expect(rowOf(sheet, 'historische sleutel BW (bw-historical)').getCell(2).value).toBe('v1');
    expect(rowOf(sheet, 'Ten gunste van het resultaat BW'.padStart(33)).getCell(2).value).toBe(100000);
    expect(rowOf(sheet, 'Uit resultaat MO'.padStart(18)).getCell(2).value).toBe(100000);
    expect(rowOf(sheet, 'Reserveafspraak').getCell(2).value).toEqual(
      expect.stringMatching(/^v1 vanaf 2023: bandbreedte 0 % tot 100 % van € 10\.000\.000,00/),
    );
  });

  it('the due per municipality ends in a total row: a SUM formula whose value is the exact total', async () => {
    const sheet = (await workbookOf()).getWorksheet('Overzicht')!;
    expect(rowOf(sheet, 'GM0003 Gamma').getCell(4).value).toBe(-310000);
    expect(rowOf(sheet, 'GM0003 Gamma').getCell(5).value).toBe('te betalen');
    const total = rowOf(sheet, 'Alle gemeenten samen');
    const first = rowOf(sheet, 'GM0001 Alpha').number;
    expect(total.getCell(4).value).toEqual({ formula: `SUM(D${first}:D${first + 2})`, result: 390000 });
    expect(total.getCell(4).numFmt).toContain('€');
  });

  it('the scheme sheets have a row per municipality, numbers in euro format and totals', async () => {
    const sheet = (await workbookOf()).getWorksheet('Gemeenten BW')!;
    expect(sheet.getRow(1).getCell(3).value).toBe('Objectief budget (Rijk)');
    expect(sheet.getRow(4).values).toEqual(expect.arrayContaining(['GM0003', 'Gamma', 100000, -500000, -400000]));
    const total = rowOf(sheet, 'GM0001').number + 3;
    expect(sheet.getRow(total).getCell(2).value).toBe('Totaal');
    const historical = sheet.getRow(total).getCell(4).value as ExcelJS.CellFormulaValue;
    expect(historical).toEqual({ formula: 'SUM(D2:D4)', result: 500000 });
  });
});
