import { KEY_IDS, keyInForce, RegionState } from '@libs/domain';
import type ExcelJS from 'exceljs';
import { columnLetter } from './sheet-rows';
import { columnHint as hint } from './column-hints';
import { ColumnKind, ColumnSpec, fieldOf, isRequired, kindOf, SHEETS, SheetSpec } from './sheets';

/** Rows of a data sheet that carry the drop-down lists and formats. */
export const TEMPLATE_ROWS = 1000;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const OPTIONAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };

/**
 * The workbook a region fills in for a year (interface.md §5): instructions in Dutch, the sheet Regio
 * (A1 "regio", B1 the region id), one sheet per kind of fact with the headers of §5, drop-down lists
 * for regeling, grondslag and gemeente, number and date formats, and the members with their codes
 * (and the keys in force) in the sheet Gemeenten.
 */
export async function buildTemplate(state: RegionState, year: number): Promise<Buffer> {
  const region = state.region;
  if (!region) throw new Error('buildTemplate needs a registered region');
  // loaded here, not at start-up: exceljs takes longer to load than most commands take to run
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand (typed by typeof import)
  const { Workbook } = require('exceljs') as typeof import('exceljs');
  const workbook = new Workbook();
  workbook.creator = 'Geldstroom';
  // a function of the region and the year, so no clock time: the same region and year give the same file
  workbook.created = workbook.modified = new Date(Date.UTC(year, 0, 1));
  workbook.title = `Geldstroom ${region.regionId} ${year}`;

  const instructions = workbook.addWorksheet('Instructies');
  const regio = workbook.addWorksheet('Regio');
  const dataSheets = SHEETS.map((sheet) => ({ sheet, worksheet: workbook.addWorksheet(sheet.name) }));
  const members = workbook.addWorksheet('Gemeenten');

  const membersSorted = [...region.municipalities].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  const choices = [...membersSorted.map((member) => member.name), ...membersSorted.map((member) => member.code)];
  writeMembers(members, state, membersSorted, choices, year);
  const choiceRange = `Gemeenten!$Z$2:$Z$${choices.length + 1}`;

  regio.columns = [{ width: 20 }, { width: 40 }];
  regio.addRows([
    ['regio', region.regionId],
    ['naam', region.name],
    [
      'centrumgemeente',
      `${region.centralMunicipality} ${region.municipalities.find((m) => m.code === region.centralMunicipality)?.name ?? ''}`.trim(),
    ],
    ['jaar', year],
  ]);
  regio.getColumn(1).font = { bold: true };
  regio.getCell('A6').value =
    'Cel B1 bepaalt voor welke regio het werkboek geldt; de andere regels zijn ter informatie.';
  regio.getCell('A6').font = { italic: true };

  for (const { sheet, worksheet } of dataSheets) writeDataSheet(worksheet, sheet, choiceRange, year);
  writeInstructions(instructions, region.name, region.regionId, year);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function writeDataSheet(worksheet: ExcelJS.Worksheet, sheet: SheetSpec, choiceRange: string, year: number): void {
  worksheet.views = [{ state: 'frozen', ySplit: 1 }];
  worksheet.columns = sheet.columns.map((column) => ({
    header: column.header,
    key: column.field,
    width: Math.max(14, column.header.length + 4, kindOf(sheet, column) === 'text' ? 28 : 0),
    style: styleOf(kindOf(sheet, column)),
  }));
  const header = worksheet.getRow(1);
  sheet.columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.font = { bold: true, italic: !isRequired(sheet, column) };
    cell.fill = isRequired(sheet, column) ? HEADER_FILL : OPTIONAL_FILL;
    cell.numFmt = '@';
    cell.note = hint(sheet, column);
    const range = `${columnLetter(index)}2:${columnLetter(index)}${TEMPLATE_ROWS + 1}`;
    const validation = validationOf(sheet, column, choiceRange, year);
    if (validation)
      (
        worksheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }
      ).dataValidations.add(range, validation);
  });
}

function styleOf(kind: ColumnKind): Partial<ExcelJS.Style> {
  if (kind === 'amount') return { numFmt: '#,##0.00' };
  if (kind === 'date') return { numFmt: 'yyyy-mm-dd' };
  // ids and texts stay text: "2024-1" must not turn into a date, "007" not into 7
  if (kind === 'text') return { numFmt: '@' };
  return {};
}

function validationOf(
  sheet: SheetSpec,
  column: ColumnSpec,
  choiceRange: string,
  year: number,
): ExcelJS.DataValidation | undefined {
  const kind = kindOf(sheet, column);
  const common = { allowBlank: true, showErrorMessage: true, showInputMessage: true, promptTitle: column.header };
  if (kind === 'choice')
    return {
      ...common,
      type: 'list',
      formulae: [`"${Object.keys(column.values ?? {}).join(',')}"`],
      errorStyle: 'stop',
      errorTitle: column.header,
      error: `Kies ${Object.keys(column.values ?? {}).join(' of ')}.`,
      prompt: hint(sheet, column),
    };
  if (kind === 'municipality')
    return {
      ...common,
      type: 'list',
      formulae: [choiceRange],
      // a name typed in another case is still accepted by Geldstroom: warn, do not stop
      errorStyle: 'warning',
      errorTitle: column.header,
      error: 'Deze gemeente staat niet in het blad Gemeenten.',
      prompt: 'Kies een gemeente (naam of CBS-code).',
    };
  if (kind === 'integer' && fieldOf(sheet, column).schema.title === 'year')
    return {
      ...common,
      type: 'whole',
      operator: 'between',
      formulae: [1900, 2999],
      errorStyle: 'stop',
      errorTitle: 'jaar',
      error: `Een jaar, bijvoorbeeld ${year}.`,
      prompt: `Het begrotingsjaar, bijvoorbeeld ${year}.`,
    };
  if (kind === 'integer')
    return {
      ...common,
      type: 'whole',
      operator: 'between',
      formulae: [1, 1_000_000],
      errorStyle: 'stop',
      errorTitle: column.header,
      error: 'Een versienummer: 1, 2, …',
      prompt: hint(sheet, column),
    };
  return undefined;
}

function writeMembers(
  worksheet: ExcelJS.Worksheet,
  state: RegionState,
  members: readonly { code: string; name: string }[],
  choices: readonly string[],
  year: number,
): void {
  const keys = Object.values(KEY_IDS)
    .map((keyId) => keyInForce(state, keyId, year))
    .filter((key) => key !== undefined);
  worksheet.views = [{ state: 'frozen', ySplit: 1 }];
  worksheet.columns = [
    { header: 'code', width: 10, style: { numFmt: '@' } },
    { header: 'naam', width: 28, style: { numFmt: '@' } },
    ...keys.map((key) => ({
      header: `${key.keyId} v${key.version} (${key.unit === 'percent' ? '%' : 'gewicht'})`,
      width: 24,
      style: { numFmt: '@' },
    })),
  ];
  worksheet.getRow(1).font = { bold: true };
  for (const member of members)
    worksheet.addRow([member.code, member.name, ...keys.map((key) => key.weights[member.code] ?? '')]);
  worksheet.getCell('Z1').value = 'keuzelijst';
  choices.forEach((choice, index) => (worksheet.getCell(`Z${index + 2}`).value = choice));
  worksheet.getColumn('Z').hidden = true;
  const note = worksheet.getCell(`A${members.length + 3}`);
  note.value = `Ter informatie: de gemeenten van de regio en de verdeelsleutels die in ${year} gelden. Dit blad wordt niet ingelezen.`;
  note.font = { italic: true };
}

type InstructionLine = [string, 'title' | 'heading' | 'text'];

/** How to check and record the workbook, and what a second application does. */
const HOW_IT_WORKS: readonly InstructionLine[] = [
  ['Zo werkt het', 'heading'],
  ['1. Vul per blad één regel per feit in: een betaling, een begroting, een kostenpost, een voorschot, …', 'text'],
  ['2. Controleer het werkboek zonder iets vast te leggen:  npx geldstroom apply werkboek.xlsx --dry-run', 'text'],
  ['   Dat toont per blad de rijen, wat nieuw is, wat al vastgelegd is en de totalen per jaar en regeling.', 'text'],
  [
    '3. Leg het vast:  npx geldstroom apply werkboek.xlsx   (of upload het bij POST /api/v1/regions/{regio}/imports)',
    'text',
  ],
  ['   Bij één foute cel wordt niets vastgelegd; de melding noemt bestand, blad, rij en kolom, bijvoorbeeld', 'text'],
  [
    '   werkboek.xlsx:Rijksbetalingen:7: bedrag: heeft meer dan twee decimalen: "12,345"; een bedrag is in hele centen',
    'text',
  ],
  [
    '4. Hetzelfde werkboek nog eens toepassen legt niets opnieuw vast: een rij die al zo vastgelegd is, telt als "al vastgelegd".',
    'text',
  ],
  [
    '   Een id (of, in het blad Begroting, een versie) die al vastgelegd is met een andere inhoud wordt geweigerd:',
    'text',
  ],
  ['   een correctie is een nieuwe rij met een nieuw id, een begrotingswijziging een nieuwe versie.', 'text'],
  ['', 'text'],
];

/** How cells are read: headers, empty rows, amounts, percentages, codes, formulas. */
const FILLING_IN: readonly InstructionLine[] = [
  ['Invullen', 'heading'],
  [
    '• De eerste rij van elk blad noemt de kolommen; laat die staan. Vetgedrukt met blauwe kop = verplicht, cursief = optioneel.',
    'text',
  ],
  [
    '• Lege rijen worden overgeslagen; een lege optionele cel laat het veld weg. Kolommen toevoegen kan niet (ze worden geweigerd).',
    'text',
  ],
  [
    '• Bedragen: een getal in de cel, of tekst als 1.234.567,89 of -250.000 (komma = decimaalteken, punten groeperen duizendtallen)',
    'text',
  ],
  ['  of 1234567.89. Hoogstens twee decimalen; een getal met meer decimalen wordt geweigerd, niet afgerond.', 'text'],
  ['• Percentages: 6,8 of 6.8 — zonder %-teken en zonder %-opmaak van de cel.', 'text'],
  ['• Jaren en versies: hele getallen. Datums: een datumcel of tekst als 2024-03-15.', 'text'],
  ['• regeling: BW (beschermd wonen) of MO (maatschappelijke opvang). grondslag: historisch of objectief.', 'text'],
  ['• gemeente en ontvanger: de CBS-code (GM0546) of de naam zoals in het blad Gemeenten.', 'text'],
  [
    '• Formules mogen: de berekende waarde telt. Een formule met een fout (#VERW!, #DEEL/0!, …) wordt geweigerd.',
    'text',
  ],
  ['• Het blad Regio noemt in cel B1 de regio; laat die staan.', 'text'],
  ['', 'text'],
];

/** What a region records elsewhere (keys, agreements, runs). */
const NOT_IN_WORKBOOK: readonly InstructionLine[] = [
  ['Niet in dit werkboek', 'heading'],
  [
    'Verdeelsleutels, afspraken over reserve en solidariteit, de verdeling (RunAllocation) en de afrekening (CloseYear)',
    'text',
  ],
  ['legt de beheerder vast met een opdrachtenbestand of de API; zie docs/commands.md in de repository.', 'text'],
];

/** Each sheet's purpose and its columns, optional ones in brackets. */
function sheetLines(): InstructionLine[] {
  return SHEETS.flatMap((sheet): InstructionLine[] => [
    [`${sheet.name} — ${sheet.purpose}`, 'text'],
    [
      `   kolommen: ${sheet.columns.map((column) => (isRequired(sheet, column) ? column.header : `[${column.header}]`)).join(', ')}`,
      'text',
    ],
  ]);
}

function writeInstructions(worksheet: ExcelJS.Worksheet, name: string, regionId: string, year: number): void {
  worksheet.getColumn(1).width = 120;
  const lines: InstructionLine[] = [
    [`Geldstroom — invulwerkboek ${name} (${regionId}), ${year}`, 'title'],
    ['', 'text'],
    ...HOW_IT_WORKS,
    ...FILLING_IN,
    ['De bladen', 'heading'],
    ...sheetLines(),
    ['', 'text'],
    ...NOT_IN_WORKBOOK,
  ];
  for (const [text, style] of lines) {
    const row = worksheet.addRow([text]);
    if (style === 'title') row.font = { bold: true, size: 14 };
    if (style === 'heading') row.font = { bold: true, size: 12 };
  }
}
