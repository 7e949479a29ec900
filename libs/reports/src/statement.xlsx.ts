import ExcelJS from 'exceljs';
import { Cents, parseAmount } from '@libs/money';
import { Statement } from '@libs/projections';
import {
  BW_LABELS,
  FUND_LABELS,
  MO_LABELS,
  MUNICIPALITY_BW_LABELS,
  MUNICIPALITY_DUE_LABEL,
  MUNICIPALITY_MO_LABELS,
  LEDGER_HASH_LABEL,
  RESERVE_LABELS,
} from './labels';

const EURO_FORMAT = '"€" #,##0.00;"€" -#,##0.00';

/**
 * A spreadsheet cell needs a number; cents are exact below 2^53, and a double renders two decimals
 * of such a value exactly, so this is the one place money leaves exact arithmetic — for display only.
 */
function euroCellValue(decimalText: string): number {
  const cents: Cents = parseAmount(decimalText);
  return Number(cents) / 100;
}

/** One sheet for the region and one per municipality; numbers as numbers with a euro format. */
export async function renderStatementXlsx(statement: Statement): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Geldstroom';
  const region = workbook.addWorksheet('Regio');
  region.columns = [{ width: 52 }, { width: 20 }];
  const title = (sheet: ExcelJS.Worksheet, text: string) => {
    const row = sheet.addRow([text]);
    row.font = { bold: true };
  };
  const block = (sheet: ExcelJS.Worksheet, heading: string, lines: object, labels: Record<string, string>) => {
    title(sheet, heading);
    for (const [field, label] of Object.entries(labels)) {
      const value = (lines as Record<string, string | null>)[field];
      const row = sheet.addRow([label, value === null || value === undefined ? null : euroCellValue(value)]);
      row.getCell(2).numFmt = EURO_FORMAT;
    }
    sheet.addRow([]);
  };
  title(
    region,
    `Jaaroverzicht ${statement.regionName} (${statement.regionId}) ${statement.year} — ${statement.closed ? 'afgesloten' : 'open'}`,
  );
  region.addRow([]);
  block(region, 'Beschermd wonen (BW), regionaal', statement.bw, BW_LABELS);
  block(region, 'Maatschappelijke opvang (MO), regionaal', statement.mo, MO_LABELS);
  if (statement.reserve) block(region, 'Regionale reserve, verloop (BBV art. 54)', statement.reserve, RESERVE_LABELS);
  for (const [fundId, lines] of Object.entries(statement.funds)) block(region, `Fonds ${fundId}`, lines, FUND_LABELS);
  if (statement.solidarity) {
    const labels = Object.fromEntries(
      Object.keys(statement.solidarity.transfers).map((code) => [
        code,
        `${code} ${statement.municipalities[code]?.name ?? ''}`,
      ]),
    );
    block(
      region,
      'Onderlinge solidariteit (BW)',
      { volume: statement.solidarity.volume, ...statement.solidarity.transfers },
      { volume: 'Volume', ...labels },
    );
  }
  if (statement.ledgerHash) region.addRow([LEDGER_HASH_LABEL, statement.ledgerHash]);
  for (const [code, municipality] of Object.entries(statement.municipalities)) {
    const sheet = workbook.addWorksheet(`${code} ${municipality.name}`.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
    sheet.columns = [{ width: 36 }, { width: 20 }];
    title(sheet, `${municipality.name} (${code}) ${statement.year}`);
    sheet.addRow([]);
    block(sheet, 'Beschermd wonen (BW)', municipality.bw, { ...MUNICIPALITY_BW_LABELS });
    block(sheet, 'Maatschappelijke opvang (MO)', municipality.mo, { ...MUNICIPALITY_MO_LABELS });
    block(sheet, 'Afrekening', municipality, { due: MUNICIPALITY_DUE_LABEL });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
