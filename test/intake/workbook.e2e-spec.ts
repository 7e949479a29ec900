import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { differences, EXAMPLES, EXPECTED, geldstroom, tempDir } from '../support/cli';
import { exampleCommands, fillWorkbook, namesOf, RawCommand, SHEET_COMMANDS } from '../support/workbook';

const REGION = 'holland-rijnland';
const RUNS = new Set(['RunAllocation', 'CloseYear']);
const hr = exampleCommands('holland-rijnland.jsonl');
const names = namesOf(hr);
/** What a workbook cannot hold: the region, keys, agreements, the reserve opening and fund transfers. */
const setup = hr.filter((command) => !SHEET_COMMANDS.has(command.command) && !RUNS.has(command.command));
const runs = hr.filter((command) => RUNS.has(command.command));
/** Facts for 2025 on the two sheets the example does not use, so that every sheet is filled. */
const extra: RawCommand[] = [
  ...['GM0484', 'GM0546', 'GM0638'].flatMap((municipality, index) => [
    {
      command: 'RecordLocalExpenditure',
      regionId: REGION,
      expenditureId: `lu-2025-bw-${municipality}`,
      year: 2025,
      scheme: 'BW',
      municipality,
      careCosts: `${1200000 + index * 350000}.50`,
      executionCosts: `${95000 + index * 1000}.00`,
    },
    {
      command: 'RecordLocalExpenditure',
      regionId: REGION,
      expenditureId: `lu-2025-mo-${municipality}`,
      year: 2025,
      scheme: 'MO',
      municipality,
      careCosts: '-250000.00',
      executionCosts: '0.07',
    },
  ]),
  {
    command: 'RecordPolicyCorrection',
    regionId: REGION,
    correctionId: 'bc-2025-GM0484',
    year: 2025,
    municipality: 'GM0484',
    amount: '150000.00',
    justification: 'Ruimere toegang beschermd wonen (eigen keuze)',
  },
  {
    command: 'RecordPolicyCorrection',
    regionId: REGION,
    correctionId: 'bc-2025-GM0546',
    year: 2025,
    municipality: 'GM0546',
    amount: '1234567.89',
    justification: 'Eigen woonvoorziening',
  },
];
const facts = [...hr.filter((command) => SHEET_COMMANDS.has(command.command)), ...extra];
const jsonl = (commands: readonly RawCommand[]) => commands.map((command) => JSON.stringify(command)).join('\n');
const withoutHash = ({ ledgerHash: _hash, ...statement }: Record<string, unknown>) => statement;

describe('a workbook made by template, filled with every sheet and number form', () => {
  const viaWorkbook = tempDir('geldstroom-wb-');
  const viaCommands = tempDir('geldstroom-wbref-');
  const file = (name: string) => join(viaWorkbook.dir, name);
  const statement = (store: string, year: number) => {
    const result = geldstroom(['statement', '--region', REGION, '--year', String(year), '--store', store]);
    expect(result.status).toBe(0);
    return JSON.parse(result.stdout);
  };
  afterAll(() => {
    viaWorkbook.cleanup();
    viaCommands.cleanup();
  });

  beforeAll(async () => {
    writeFileSync(file('setup.jsonl'), jsonl(setup));
    writeFileSync(file('runs.jsonl'), jsonl(runs));
    writeFileSync(file('extra.jsonl'), jsonl(extra));
    expect(geldstroom(['apply', file('setup.jsonl'), '--store', viaWorkbook.store]).status).toBe(0);
    const template = geldstroom([
      'template',
      '--region',
      REGION,
      '--year',
      '2024',
      '--out',
      file('template.xlsx'),
      '--store',
      viaWorkbook.store,
    ]);
    expect(template.status).toBe(0);
    writeFileSync(file('werkboek.xlsx'), await fillWorkbook(readFileSync(file('template.xlsx')), facts, names));
    const reference = geldstroom([
      'apply',
      join(EXAMPLES, 'holland-rijnland.jsonl'),
      file('extra.jsonl'),
      '--store',
      viaCommands.store,
    ]);
    expect(reference.status).toBe(0);
  });

  it('previews per sheet without recording anything', () => {
    const preview = geldstroom(['apply', file('werkboek.xlsx'), '--dry-run', '--store', viaWorkbook.store]);
    expect(preview.stderr).toMatch(/dry run: would record 76 event\(s\) from 76 command\(s\)/);
    expect(preview.status).toBe(0);
    expect(preview.stdout).toMatch(/proefdraai — er is niets vastgelegd/);
    expect(preview.stdout).toMatch(/Rijksbetalingen\s+\S+werkboek\.xlsx\s+18\s+18\s+18\s+0\s+0\s+0/);
    expect(preview.stdout).toMatch(/Voorschotten\s+\S+werkboek\.xlsx\s+39\s+39\s+39\s+0\s+0\s+0/);
    expect(preview.stdout).toMatch(/Rijksbetalingen\s+2023\s+BW\s+€ 38\.750\.000,00/);
    expect(preview.stdout).toMatch(/Lokale uitgaven\s+2025\s+MO\s+€ -749\.999,79/);
    const export_ = geldstroom(['export', '--format', 'jsonl', '--store', viaWorkbook.store]);
    expect(export_.stdout.trim().split('\n')).toHaveLength(setup.length);
  });

  it('applies, and applied again records nothing and says so per sheet', () => {
    const first = geldstroom(['apply', file('werkboek.xlsx'), '--store', viaWorkbook.store]);
    expect(first.stderr).toMatch(/^recorded 76 event\(s\) from 76 command\(s\)/m);
    expect(first.status).toBe(0);
    const second = geldstroom(['apply', file('werkboek.xlsx'), '--store', viaWorkbook.store]);
    expect(second.stderr).toMatch(/^recorded 0 event\(s\) from 76 command\(s\)/m);
    expect(second.stdout).toMatch(/Voorschotten\s+\S+werkboek\.xlsx\s+39\s+39\s+0\s+39\s+0\s+0/);
    const runsApplied = geldstroom(['apply', file('runs.jsonl'), '--store', viaWorkbook.store]);
    expect(runsApplied.status).toBe(0);
  });

  it.each([2023, 2024])('gives the expected statement of %s to the cent, advances and due included', (year) => {
    const actual = statement(viaWorkbook.store, year);
    const expected = JSON.parse(readFileSync(join(EXPECTED, `${REGION}-${year}.json`), 'utf8'));
    expect(differences(actual, expected)).toEqual([]);
    if (year === 2024) expect(actual.municipalities.GM0484.bw.advances).toBe('60911.43');
  });

  it.each([2023, 2024, 2025])('gives the same statement of %s as the equivalent command files', (year) => {
    expect(withoutHash(statement(viaWorkbook.store, year))).toEqual(withoutHash(statement(viaCommands.store, year)));
  });

  it('records the file, sheet and row as the source of every event of a row', () => {
    const events = geldstroom(['export', '--format', 'jsonl', '--store', viaWorkbook.store])
      .stdout.trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const advance = events.find(
      (event) => event.type === 'AdvanceRecorded' && event.data.advanceId === 'vs-2024-q1-GM0534',
    );
    // the second advance: row 3 (the header is row 1)
    expect(advance.metadata.source).toBe(`${file('werkboek.xlsx')}:Voorschotten:3`);
    const afterGap = events.find(
      (event) => event.type === 'AdvanceRecorded' && event.data.advanceId === 'vs-2024-q1-GM1884',
    );
    // the third one comes after an empty row, which is skipped
    expect(afterGap.metadata.source).toBe(`${file('werkboek.xlsx')}:Voorschotten:5`);
  });
});

describe('the template', () => {
  const temp = tempDir('geldstroom-tpl-');
  afterAll(() => temp.cleanup());

  it('holds the sheets of §5 with Dutch headers, the members, drop-down lists and instructions', async () => {
    expect(geldstroom(['apply', join(EXAMPLES, 'holland-rijnland.jsonl'), '--store', temp.store]).status).toBe(0);
    const out = join(temp.dir, 'hr.xlsx');
    expect(
      geldstroom(['template', '--region', REGION, '--year', '2025', '--out', out, '--store', temp.store]).status,
    ).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Instructies',
      'Regio',
      'Rijksbetalingen',
      'Begroting',
      'Regionale kosten',
      'Eigen bijdragen',
      'Lokale uitgaven',
      'Beleidscorrecties',
      'Voorschotten',
      'Gemeenten',
    ]);
    const headers = (name: string) => (workbook.getWorksheet(name)!.getRow(1).values as unknown[]).slice(1);
    expect(headers('Rijksbetalingen')).toEqual([
      'betaling',
      'jaar',
      'regeling',
      'grondslag',
      'ontvanger',
      'bedrag',
      'omschrijving',
      'boekdatum',
    ]);
    expect(headers('Begroting')).toEqual(['versie', 'jaar', 'regeling', 'bedrag', 'objectief %']);
    expect(headers('Voorschotten')).toEqual(['id', 'jaar', 'regeling', 'gemeente', 'bedrag', 'datum', 'omschrijving']);
    const regio = workbook.getWorksheet('Regio')!;
    expect([regio.getCell('A1').value, regio.getCell('B1').value]).toEqual(['regio', REGION]);
    const members = workbook.getWorksheet('Gemeenten')!;
    expect(headers('Gemeenten').slice(0, 3)).toEqual(['code', 'naam', 'bw-historical v1 (%)']);
    expect((members.getRow(2).values as unknown[]).slice(0, 6)).toEqual([
      undefined,
      'GM0484',
      'Alphen aan den Rijn',
      '24.3',
      '18.3',
      '21.7',
    ]);
    const validations = (name: string) =>
      (workbook.getWorksheet(name) as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } })
        .dataValidations.model;
    const payments = validations('Rijksbetalingen');
    // read back cell by cell: on every one of the template's rows
    for (const row of [2, 1001]) {
      expect(payments[`C${row}`]).toMatchObject({ type: 'list', formulae: ['"BW,MO"'] });
      expect(payments[`D${row}`]).toMatchObject({ type: 'list', formulae: ['"historisch,objectief"'] });
      expect(payments[`E${row}`]).toMatchObject({ type: 'list', formulae: ['Gemeenten!$Z$2:$Z$27'] });
      expect(validations('Voorschotten')[`D${row}`]).toMatchObject({
        type: 'list',
        formulae: ['Gemeenten!$Z$2:$Z$27'],
      });
    }
    expect(members.getCell('Z2').value).toBe('Alphen aan den Rijn');
    expect(members.getCell('Z27').value).toBe('GM0638');
    const instructions = (workbook.getWorksheet('Instructies')!.getColumn(1).values as unknown[]).join('\n');
    expect(instructions).toMatch(/Bedragen: een getal in de cel, of tekst als 1\.234\.567,89/);
    expect(instructions).toMatch(/Voorschotten — voorschotten tussen een gemeente en de centrumgemeente/);
  });

  it('refuses an unknown region and a missing --out', () => {
    const unknown = geldstroom([
      'template',
      '--region',
      'nergens',
      '--year',
      '2025',
      '--out',
      join(temp.dir, 'x.xlsx'),
      '--store',
      temp.store,
    ]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/region "nergens" is not registered/);
    expect(geldstroom(['template', '--region', REGION, '--year', '2025', '--store', temp.store]).status).toBe(2);
  });
});
