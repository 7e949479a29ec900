import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { geldstroom, tempDir } from '../support/cli';
import { exampleCommands, fillWorkbook, namesOf, SHEET_COMMANDS } from '../support/workbook';

const hr = exampleCommands('holland-rijnland.jsonl');
const region = hr.find((command) => command.command === 'RegisterRegion')! as unknown as {
  municipalities: { code: string; name: string }[];
};
const keys = hr.filter((command) => command.command === 'AdoptDistributionKey') as unknown as {
  keyId: string;
  weights: Record<string, string>;
}[];

/** The members file a region starts from: code;naam and a column per key, weights with a decimal comma. */
const membersCsv = (separator = ';') =>
  [
    ['code', 'naam', ...keys.map((key) => key.keyId)].join(separator),
    ...region.municipalities.map((member) =>
      [member.code, member.name, ...keys.map((key) => key.weights[member.code].replace('.', ','))].join(separator),
    ),
  ].join('\n');

const lines = (text: string) => text.trim().split('\n');

describe('a new region from scratch with init, template and apply', () => {
  const temp = tempDir('geldstroom-init-');
  const file = (name: string) => join(temp.dir, name);
  const events = () => lines(geldstroom(['export', '--format', 'jsonl', '--store', temp.store]).stdout).filter(Boolean);
  afterAll(() => temp.cleanup());

  it('registers the region and its keys from a members file, once', () => {
    writeFileSync(file('leden.csv'), membersCsv());
    const init = [
      'init',
      '--region',
      'nieuwe-regio',
      '--name',
      'Nieuwe Regio',
      '--central',
      'GM0546',
      '--members',
      file('leden.csv'),
      '--year',
      '2025',
      '--store',
      temp.store,
    ];
    const first = geldstroom(init);
    expect(first.stderr).toMatch(
      /^recorded 4 event\(s\): region nieuwe-regio with 13 municipalities, keys bw-historical, bw-objective, mo-objective/,
    );
    expect(first.stderr).toMatch(/next: geldstroom template --region nieuwe-regio --year 2025/);
    expect(first.status).toBe(0);
    const recorded = events().map((line) => JSON.parse(line));
    expect(recorded.map((event) => event.type)).toEqual([
      'RegionRegistered',
      'DistributionKeyAdopted',
      'DistributionKeyAdopted',
      'DistributionKeyAdopted',
    ]);
    expect(recorded[1].data).toMatchObject({
      keyId: 'bw-historical',
      version: 1,
      validFrom: 2025,
      unit: 'percent',
      weights: { ...keys[0].weights, GM0638: '0' },
    });
    expect(recorded[0].metadata.source).toBe(file('leden.csv'));
    const again = geldstroom(init);
    expect(again.stderr).toMatch(/^recorded 0 event\(s\)/);
    expect(events()).toHaveLength(4);
  });

  it('refuses a members file with a bad weight at its row and column, recording nothing', () => {
    writeFileSync(file('fout.csv'), membersCsv().replace('GM0534;Hillegom;2,2', 'GM0534;Hillegom;2.2.2'));
    const result = geldstroom([
      'init',
      '--region',
      'fout',
      '--name',
      'F',
      '--central',
      'GM0546',
      '--members',
      file('fout.csv'),
      '--year',
      '2025',
      '--store',
      temp.store,
    ]);
    expect(result.status).toBe(1);
    expect(lines(result.stderr)[0]).toBe(
      `${file('fout.csv')}:3: bw-historical: is geen percentage of gewicht: "2.2.2"; schrijf het als 6,8 (zonder duizendtallenscheiding en zonder %-teken)`,
    );
    const unbalanced = membersCsv().replace('GM0534;Hillegom;2,2', 'GM0534;Hillegom;12,2');
    writeFileSync(file('som.csv'), unbalanced);
    const sum = geldstroom([
      'init',
      '--region',
      'som',
      '--name',
      'S',
      '--central',
      'GM0546',
      '--members',
      file('som.csv'),
      '--year',
      '2025',
      '--store',
      temp.store,
    ]);
    expect(sum.status).toBe(1);
    expect(lines(sum.stderr)[0]).toMatch(
      /som\.csv: bw-historical: de percentages tellen op tot 110 in plaats van 100 \(± 1\)/,
    );
    expect(events()).toHaveLength(4);
  });

  it.each([
    ['a code that is no CBS code', 'GM547;Leiderdorp', ':3: code: is geen CBS-code: "GM547"'],
    ['an empty name', 'GM0547;', ':3: naam: is leeg, maar moet ingevuld zijn'],
    [
      'a name with an escape sequence',
      'GM0547;Leiderdorp\u001b[31m',
      ':3: naam: bevat een teken dat niet in een tekst hoort (U+001B, onzichtbaar)',
    ],
    ['a code listed twice', 'GM0546;Leiderdorp', ':3: code: "GM0546" staat twee keer in de lijst van gemeenten'],
  ])('refuses a members file with %s for what it is, recording nothing', (_case, line, reason) => {
    const before = events().length;
    writeFileSync(file('leden.csv'), ['code;naam', 'GM0546;Leiden', line].join('\n'));
    const init = ['init', '--region', 'leden', '--name', 'L', '--central', 'GM0546', '--members', file('leden.csv')];
    const result = geldstroom([...init, '--store', temp.store]);
    expect(result.status).toBe(1);
    expect(lines(result.stderr)[0]).toContain(`${file('leden.csv')}${reason}`);
    expect(events()).toHaveLength(before);
  });

  it('fills in a year from the template and applies it', async () => {
    const template = geldstroom([
      'template',
      '--region',
      'nieuwe-regio',
      '--year',
      '2025',
      '--out',
      file('2025.xlsx'),
      '--store',
      temp.store,
    ]);
    expect(template.status).toBe(0);
    const facts = hr
      .filter((command) => SHEET_COMMANDS.has(command.command) && command.year === 2024)
      .map((command) => ({ ...command, regionId: 'nieuwe-regio', year: 2025 }));
    writeFileSync(file('2025-ingevuld.xlsx'), await fillWorkbook(readFileSync(file('2025.xlsx')), facts, namesOf(hr)));
    const applied = geldstroom(['apply', file('2025-ingevuld.xlsx'), '--store', temp.store]);
    expect(applied.stderr).toMatch(/^recorded 59 event\(s\) from 59 command\(s\)/m);
    expect(applied.status).toBe(0);
    const statement = JSON.parse(
      geldstroom(['statement', '--region', 'nieuwe-regio', '--year', '2025', '--store', temp.store]).stdout,
    );
    expect(statement.municipalities.GM0484.bw.advances).toBe('60911.43');
  });
});

describe('geldstroom apply with spreadsheets', () => {
  const temp = tempDir('geldstroom-cli-intake-');
  const file = (name: string) => join(temp.dir, name);
  const count = () =>
    lines(geldstroom(['export', '--format', 'jsonl', '--store', temp.store]).stdout).filter(Boolean).length;
  afterAll(() => temp.cleanup());
  beforeAll(() => {
    writeFileSync(file('regio.jsonl'), JSON.stringify(hr[0]));
    // an empty store (a dry run opens a store, it does not create one)
    writeFileSync(file('leeg.jsonl'), '');
    expect(geldstroom(['apply', file('leeg.jsonl'), '--store', temp.store]).status).toBe(0);
  });

  it('checks a command file and a workbook together in one dry run, recording nothing', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Regio').addRow(['regio', 'holland-rijnland']);
    book.addWorksheet('Voorschotten').addRows([
      ['id', 'jaar', 'regeling', 'gemeente', 'bedrag'],
      ['v1', 2024, 'BW', 'Leiden', '1.000,00'],
    ]);
    await book.xlsx.writeFile(file('voorschot.xlsx'));
    const result = geldstroom([
      'apply',
      file('regio.jsonl'),
      file('voorschot.xlsx'),
      '--dry-run',
      '--store',
      temp.store,
    ]);
    expect(result.stderr).toMatch(/^dry run: would record 2 event\(s\) from 2 command\(s\) in 2 file\(s\)/m);
    expect(result.status).toBe(0);
    expect(count()).toBe(0);
  });

  it('names a rejected cell FILE:SHEET:ROW: column: reason, exits 1 and records no row of it', async () => {
    expect(geldstroom(['apply', file('regio.jsonl'), '--store', temp.store]).status).toBe(0);
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Regio').addRow(['regio', 'holland-rijnland']);
    book.addWorksheet('Voorschotten').addRows([
      ['id', 'jaar', 'regeling', 'gemeente', 'bedrag'],
      ['v1', 2024, 'BW', 'Leiden', 1000],
      ['v2', 2024, 'BW', 'Leiden', 12.345],
    ]);
    await book.xlsx.writeFile(file('fout.xlsx'));
    for (const args of [[], ['--dry-run']]) {
      const result = geldstroom(['apply', file('fout.xlsx'), ...args, '--store', temp.store]);
      expect(result.status).toBe(1);
      expect(lines(result.stderr)).toEqual([
        `${file('fout.xlsx')}:Voorschotten:3: bedrag: heeft meer dan twee decimalen (de cel bevat 12,345)`,
        'uit deze bestanden is niets vastgelegd',
      ]);
      expect(count()).toBe(1);
    }
  });

  it('prints the first 20 refused rows and how many more; the dry-run preview lists the first 100 and counts the rest', () => {
    expect(geldstroom(['apply', file('regio.jsonl'), '--store', temp.store]).status).toBe(0);
    const before = count();
    const csv = file('rijksbetalingen.csv');
    writeFileSync(
      csv,
      [
        'betaling;jaar;regeling;grondslag;ontvanger;bedrag',
        ...Array.from({ length: 130 }, (_, index) => `b-${index};twintig;BW;objectief;GM0546;10,00`),
      ].join('\n'),
    );
    const refusal = (row: number) =>
      `${csv}::${row}: jaar: is geen jaar: "twintig"; schrijf een jaar van 1900 tot en met 2999, zoals 2024`.replace(
        '::',
        ':Rijksbetalingen:',
      );
    const result = geldstroom(['apply', csv, '--region', 'holland-rijnland', '--store', temp.store]);
    expect(result.status).toBe(1);
    expect(lines(result.stderr)).toEqual([
      ...Array.from({ length: 20 }, (_, index) => refusal(index + 2)),
      '… en nog 110 bezwaren; herstel deze eerst (geldstroom apply --dry-run toont de eerste 100)',
      'uit deze bestanden is niets vastgelegd',
    ]);
    const dry = geldstroom(['apply', csv, '--region', 'holland-rijnland', '--dry-run', '--store', temp.store]);
    expect(dry.status).toBe(1);
    expect(dry.stdout).toContain('er is niets vastgelegd — 130 fout(en).');
    const listed = lines(dry.stdout.slice(dry.stdout.indexOf('Fouten:')));
    expect(listed.slice(1, 102)).toEqual([
      ...Array.from({ length: 100 }, (_, index) => `  ${refusal(index + 2)}`),
      '  … en nog 30 bezwaren; herstel deze eerst',
    ]);
    expect(count()).toBe(before);
  });

  it('reads CSV sheets named by their file, ; or , separated, with or without BOM', () => {
    writeFileSync(
      file('rijksbetalingen.csv'),
      '\uFEFFbetaling;jaar;regeling;grondslag;ontvanger;bedrag\r\niu-bw-2024;2024;BW;historisch;Leiden;35.400.000\r\n',
    );
    writeFileSync(
      file('Voorschotten.csv'),
      'id,jaar,regeling,gemeente,bedrag,datum\nq1,2024,BW,GM0484,"20.303,81",2024-03-15\nq2,2024,BW,Alphen aan den Rijn,20303.81,2024-06-15\n',
    );
    const result = geldstroom([
      'apply',
      file('Voorschotten.csv'),
      file('rijksbetalingen.csv'),
      '--region',
      'holland-rijnland',
      '--store',
      temp.store,
    ]);
    expect(result.stderr).toMatch(/^recorded 3 event\(s\) from 3 command\(s\)/m);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Rijksbetalingen\s+\S+rijksbetalingen\.csv\s+1\s+1\s+1/);
    expect(result.stdout).toMatch(/Voorschotten\s+2024\s+BW\s+€ 40\.607,62/);
    expect(count()).toBe(4);
  });

  it('refuses --region without a spreadsheet, and an old workbook format (usage, exit 2)', () => {
    expect(geldstroom(['apply', file('regio.jsonl'), '--region', 'x', '--store', temp.store]).status).toBe(2);
    const xls = geldstroom(['apply', file('oud.xls'), '--store', temp.store]);
    expect([xls.status, xls.stderr]).toEqual([2, expect.stringMatching(/oud\.xls: save the workbook as \.xlsx/)]);
  });
});
