import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { geldstroom, tempDir } from '../support/cli';
import { applyExamples, inProcess, installed } from '../support/documents';

const cents = (amount: string) => BigInt(amount.replace('.', ''));
const cellCents = (value: unknown) => BigInt(Math.round((value as number) * 100));
const sum = (values: Iterable<bigint>) => [...values].reduce((total, value) => total + value, 0n);

/**
 * Opens CSV files the way a spreadsheet user does: LibreOffice Calc, headless, with the import
 * settings of the locale (`;`, UTF-8, Dutch number recognition; or `,` and English), saved as a
 * workbook that exceljs then reads.
 */
function openInLibreOffice(files: string[], locale: 'nl' | 'en', outdir: string, profile: string): string[] {
  // CSV filter options: separator (59 ';' / 44 ','), text delimiter '"', charset 76 (UTF-8), first line 1,
  // column formats (none), language (1043 nl-NL / 1033 en-US)
  const filter = locale === 'nl' ? 'CSV:59,34,76,1,,1043' : 'CSV:44,34,76,1,,1033';
  const result = spawnSync(
    'soffice',
    [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      `--infilter=${filter}`,
      '--convert-to',
      'xlsx',
      '--outdir',
      outdir,
      ...files,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (result.status !== 0) throw new Error(`soffice failed: ${result.stderr}`);
  return files.map((file) => join(outdir, file.replace(/^.*\//, '').replace(/\.csv$/, '.xlsx')));
}

async function rowsOf(file: string): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const rows: unknown[][] = [];
  workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('CSV for Dutch spreadsheets, opened in LibreOffice', () => {
  const temp = tempDir('geldstroom-spreadsheets-');
  const office = installed('soffice', ['--version']);
  const REGIONS = [
    ['holland-rijnland', 2024],
    ['reserve-beide-kanten', 2024],
    ['regio-zuid', 2025],
  ] as const;
  /** what LibreOffice made of each CSV file: the rows of its first sheet */
  const opened = new Map<string, unknown[][]>();
  // the Dutch form through the binary, as a user writes it; the rest in this process, which is quicker
  const statementCsv = async (regionId: string, year: number, locale: 'nl' | 'en') => {
    const file = join(temp.dir, `${regionId}-${year}-${locale}.csv`);
    const args = ['statement', '--region', regionId, '--year', String(year), '--format', 'csv', '--out', file];
    if (locale === 'en') await inProcess([...args, '--locale', 'en', '--store', temp.store]);
    else if (geldstroom([...args, '--store', temp.store]).status !== 0) throw new Error(`${regionId} ${year}`);
    return file;
  };

  beforeAll(async () => {
    applyExamples(temp.store, temp.dir);
    const hostile = join(temp.dir, 'formule.jsonl');
    writeFileSync(
      hostile,
      [
        '{"command": "RegisterRegion", "regionId": "formule", "name": "Formule", "centralMunicipality": "GM0001", "municipalities": [{"code": "GM0001", "name": "=1+1"}, {"code": "GM0002", "name": "-2+3"}]}',
        '{"command": "RecordRijkPayment", "regionId": "formule", "paymentId": "p", "year": 2024, "scheme": "BW", "basis": "objective", "recipient": "GM0002", "amount": "-10.00"}',
      ].join('\n'),
    );
    if (geldstroom(['apply', hostile, '--store', temp.store]).status !== 0) throw new Error('apply formule.jsonl');
    const journal = join(temp.dir, 'journaal.csv');
    const args = ['export', '--format', 'journal-csv', '--region', 'regio-zuid', '--year', '2024', '--out', journal];
    if (geldstroom([...args, '--store', temp.store]).status !== 0) throw new Error('journal');
    const dutch = [];
    const machine = [];
    for (const [regionId, year] of REGIONS) {
      dutch.push(await statementCsv(regionId, year, 'nl'));
      machine.push(await statementCsv(regionId, year, 'en'));
    }
    dutch.push(await statementCsv('formule', 2024, 'nl'), journal);
    if (!office) {
      console.warn(
        'LibreOffice is not installed (apt-get install libreoffice-calc-nogui): the CSV files were written but NOT opened in a spreadsheet',
      );
      return;
    }
    const profile = join(temp.dir, 'office-profile');
    for (const [files, locale] of [
      [dutch, 'nl'],
      [machine, 'en'],
    ] as const) {
      const outdir = join(temp.dir, `office-${locale}`);
      mkdirSync(outdir, { recursive: true });
      const workbooks = openInLibreOffice(files, locale, outdir, profile);
      for (const [index, file] of files.entries()) opened.set(file, await rowsOf(workbooks[index]));
    }
  }, 180_000);
  afterAll(() => temp.cleanup());

  it.each(REGIONS)(
    '%s %s: amounts are numbers that add up to the statement, names keep their diacritics',
    async (regionId, year) => {
      const statement = JSON.parse(
        await inProcess(['statement', '--region', regionId, '--year', String(year), '--store', temp.store]),
      );
      const dutch = join(temp.dir, `${regionId}-${year}-nl.csv`);
      const machine = join(temp.dir, `${regionId}-${year}-en.csv`);
      const bytes = readFileSync(dutch);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(readFileSync(machine)[0]).toBe('j'.charCodeAt(0));
      if (!office) return;
      for (const file of [dutch, machine]) {
        const [header, ...rows] = opened.get(file)!;
        expect(header).toEqual(['jaar', 'sectie', 'regel', 'omschrijving', 'gemeente', 'naam', 'bedrag']);
        const amounts = rows.filter((row) => row[6] !== undefined && row[6] !== null);
        // every amount cell is a number, none came through as text
        expect(amounts.filter((row) => typeof row[6] !== 'number')).toEqual([]);
        expect(rows.every((row) => row[0] === year)).toBe(true);
        const column = (section: string, line: string) =>
          amounts.filter((row) => row[1] === section && row[2] === line).map((row) => cellCents(row[6]));
        const codes = Object.keys(statement.municipalities);
        // what every municipality receives or pays adds up to what they receive or pay together
        expect(sum(column('municipality', 'due'))).toBe(
          sum(codes.map((code) => cents(statement.municipalities[code].due))),
        );
        expect(column('municipality', 'due')).toEqual(codes.map((code) => cents(statement.municipalities[code].due)));
        // the municipalities' lines add up to the region's
        expect(sum(column('municipality:bw', 'historicalShare'))).toBe(cents(statement.bw.distributed));
        expect(-sum(column('municipality:bw', 'regionalContribution'))).toBe(cents(statement.bw.contributions));
        expect(sum(column('municipality:mo', 'regionalShare'))).toBe(cents(statement.mo.distributed));
        expect(column('bw', 'result')).toEqual([cents(statement.bw.result)]);
        // the reserve's additions and withdrawals (BBV art. 54) take it from opening to closing
        if (statement.reserve) {
          const [opening] = column('reserve', 'opening');
          const [closing] = column('reserve', 'closing');
          const movements = amounts
            .filter((row) => String(row[2]).startsWith('movement:'))
            .map((row) => cellCents(row[6]));
          expect(opening + sum(movements)).toBe(closing);
        }
        const texts = rows.flatMap((row) => row.filter((cell): cell is string => typeof cell === 'string'));
        expect(texts).toContain('Eigen bijdragen cliënten');
        for (const code of codes) expect(texts).toContain(statement.municipalities[code].name);
      }
    },
  );

  it('the journal CSV opens with debit and credit as numbers that balance, event by event', async () => {
    const journal = join(temp.dir, 'journaal.csv');
    expect(readFileSync(journal, 'utf8')).toMatch(/^\uFEFFboekdatum;boekjaar;gebeurtenis;/);
    if (!office) return;
    const [header, ...rows] = opened.get(journal)!;
    const at = (name: string) => header.indexOf(name);
    expect(rows.length).toBeGreaterThan(20);
    const byEvent = new Map<string, bigint>();
    for (const row of rows) {
      expect(typeof row[at('bedrag')]).toBe('number');
      const amount = cellCents(row[at('bedrag')]);
      const debit = row[at('debet')] === null || row[at('debet')] === undefined ? 0n : cellCents(row[at('debet')]);
      const credit = row[at('credit')] === null || row[at('credit')] === undefined ? 0n : cellCents(row[at('credit')]);
      expect(debit - credit).toBe(amount);
      const event = row[at('gebeurtenis')] as string;
      byEvent.set(event, (byEvent.get(event) ?? 0n) + amount);
    }
    expect([...byEvent.values()].every((total) => total === 0n)).toBe(true);
    // a calendar date in Dutch order, which a Dutch spreadsheet takes as a date
    expect(rows[0][at('boekdatum')]).toBeInstanceOf(Date);
    expect((rows[0][at('boekdatum')] as Date).toISOString().slice(0, 10)).toBe('2024-12-31');
  });

  it('keeps a hostile name text, not a formula, in the Dutch form too', async () => {
    const csv = join(temp.dir, 'formule-2024-nl.csv');
    const text = readFileSync(csv, 'utf8');
    expect(text).toContain(";'=1+1;");
    expect(text).toContain(";'-2+3;");
    expect(text).toContain("2024;municipality:bw;rijkObjective;Objectief budget (Rijk);GM0002;'-2+3;-10,00\n");
    if (!office) return;
    const rows = opened.get(csv)!;
    const names = new Set(
      rows
        .slice(1)
        .map((row) => row[5])
        .filter((name) => name !== null && name !== undefined),
    );
    expect([...names].sort()).toEqual(["'-2+3", "'=1+1"]);
    expect(rows.find((row) => row[2] === 'rijkObjective' && row[4] === 'GM0002')![6]).toBe(-10);
  });
});
