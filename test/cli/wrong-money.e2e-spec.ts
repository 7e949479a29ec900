import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES, geldstroom, tempDir } from '../support/cli';

const R = 'holland-rijnland';

describe('wrong money from a mistake is refused where the user records it (issue 9)', () => {
  const temp = tempDir();
  afterAll(() => temp.cleanup());
  const file = (name: string, lines: object[]) => {
    const path = join(temp.dir, name);
    writeFileSync(path, lines.map((line) => JSON.stringify(line)).join('\n'));
    return path;
  };
  const json = (args: string[]) => JSON.parse(geldstroom([...args, '--store', temp.store]).stdout);
  const statement = (year: number) => json(['statement', '--region', R, '--year', String(year)]);

  beforeAll(() => {
    expect(geldstroom(['apply', join(EXAMPLES, 'holland-rijnland.jsonl'), '--store', temp.store]).status).toBe(0);
  });

  it('closing a mistyped year is YEAR_EMPTY, naming the file, line and year; the reserve is not paid out', () => {
    const before = statement(2024);
    for (const command of ['CloseYear', 'RunAllocation']) {
      const path = file(`typo-${command}.jsonl`, [{ command, regionId: R, year: 2062 }]);
      const result = geldstroom(['apply', path, '--store', temp.store]);
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toBe(
        `${path}:1: ${command}.year: nothing is recorded for 2062 in region "${R}" (no Rijk payment, regional budget, cost, co-payment, local expenditure, advance, reserve or fund movement); is the year mistyped?`,
      );
    }
    expect(statement(2024)).toEqual(before);
    // nothing at all was recorded for 2062: there is no statement of it to show
    const mistyped = geldstroom(['statement', '--region', R, '--year', '2062', '--store', temp.store]);
    expect([mistyped.status, mistyped.stderr]).toEqual([
      1,
      `geldstroom: region "${R}" has nothing recorded for 2062\n`,
    ]);
  });

  it('a negative regional budget is refused when adopted, naming the field', () => {
    const path = file('budget.jsonl', [
      { command: 'AdoptRegionalBudget', regionId: R, version: 1, year: 2025, scheme: 'BW', amount: '-6532985.29' },
    ]);
    const result = geldstroom(['apply', path, '--dry-run', '--store', temp.store]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /budget\.jsonl:1: AdoptRegionalBudget\.amount: a regional budget .* must not be negative, got -6532985\.29/,
    );
  });

  it('a second reserve opening (another year or amount) is refused; the same one again changes nothing', () => {
    const opening = {
      command: 'RecordReserveOpening',
      regionId: R,
      year: 2023,
      amount: '4572262.00',
      reference: 'Begrote stand regionale reserve BW per 31-12-2022',
    };
    const again = geldstroom(['apply', file('same.jsonl', [opening]), '--store', temp.store]);
    expect([again.status, again.stderr]).toEqual([0, expect.stringContaining('recorded 0 event(s)')]);
    const other = geldstroom(['apply', file('other.jsonl', [{ ...opening, year: 2025 }]), '--store', temp.store]);
    expect(other.status).toBe(1);
    expect(other.stderr).toMatch(
      /other\.jsonl:1: RecordReserveOpening\.year: .*already has its reserve opening \(2023: 4572262\.00\); a region has one opening/,
    );
  });

  it('an advance for a closed year or for a municipality outside the region is refused', () => {
    const advance = {
      command: 'RecordAdvance',
      regionId: R,
      advanceId: 'vs-2024-q4-GM0484',
      year: 2024,
      scheme: 'BW',
      municipality: 'GM0484',
      amount: '20303.81',
    };
    const closed = geldstroom(['apply', file('closed.jsonl', [advance]), '--store', temp.store]);
    expect([closed.status, closed.stderr]).toEqual([1, expect.stringMatching(/RecordAdvance\.year: 2024 is closed/)]);
    const stranger = geldstroom([
      'apply',
      file('stranger.jsonl', [{ ...advance, year: 2025, municipality: 'GM0999' }]),
      '--store',
      temp.store,
    ]);
    expect([stranger.status, stranger.stderr]).toEqual([
      1,
      expect.stringMatching(/RecordAdvance\.municipality: GM0999 is not a municipality/),
    ]);
  });

  it('a 400,000-digit amount is refused at once, naming the field and the limit, and nothing is recorded', () => {
    const events = () => json(['regions', '--format', 'json']).regions[0].events as number;
    const before = events();
    const path = join(temp.dir, 'huge.jsonl');
    writeFileSync(
      path,
      `{"command": "RecordRijkPayment", "regionId": "${R}", "paymentId": "huge", "year": 2025, "scheme": "BW", "basis": "historical", "recipient": "GM0546", "amount": "${'9'.repeat(400_000)}.00"}\n`,
    );
    for (const dryRun of [[], ['--dry-run']]) {
      const result = geldstroom(['apply', path, ...dryRun, '--store', temp.store]);
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toBe(
        `${path}:1: RecordRijkPayment.amount: must have at most 12 digits before the decimal point (less than € 1.000.000.000.000), got 400000 digits`,
      );
    }
    expect(events()).toBe(before);
  });

  it('the statement shows advances and what is due per municipality as table, CSV and workbook', async () => {
    const table = geldstroom([
      'statement',
      '--region',
      R,
      '--year',
      '2024',
      '--format',
      'table',
      '--store',
      temp.store,
    ]);
    expect(table.stdout).toMatch(/Voorschotten\s+Te ontvangen \/ te betalen/);
    expect(table.stdout).toMatch(/GM0484 Alphen aan den Rijn .* 60\.911,43 +7\.094\.119,49\n/);
    expect(table.stdout).toMatch(/Afrekening BW en MO \(te ontvangen \+, te betalen −\)/);
    expect(table.stdout).toMatch(/GM0484 Alphen aan den Rijn +€ 7\.094\.119,49 +€ 1\.404\.966,72 +€ 8\.499\.086,21/);
    const csv = geldstroom([
      'statement',
      '--region',
      R,
      '--year',
      '2024',
      '--format',
      'csv',
      '--store',
      temp.store,
    ]).stdout;
    expect(csv).toContain('2024;municipality:bw;advances;Voorschotten;GM0484;Alphen aan den Rijn;60911,43\n');
    expect(csv).toContain('2024;municipality:bw;due;Te ontvangen / te betalen;GM0484;Alphen aan den Rijn;7094119,49\n');
    expect(csv).toContain(
      '2024;municipality;due;Afrekening BW en MO (te ontvangen +, te betalen −);GM0484;Alphen aan den Rijn;8499086,21\n',
    );
    const out = join(temp.dir, 'statement.xlsx');
    expect(
      geldstroom([
        'statement',
        '--region',
        R,
        '--year',
        '2024',
        '--format',
        'xlsx',
        '--out',
        out,
        '--store',
        temp.store,
      ]).status,
    ).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const alphen = workbook.worksheets.find((sheet) => sheet.name.startsWith('GM0484'))!;
    const values: [unknown, unknown][] = [];
    alphen.eachRow((row) => values.push([row.getCell(1).value, row.getCell(2).value]));
    expect(values).toEqual(
      expect.arrayContaining([
        ['Voorschotten', 60911.43],
        ['Te ontvangen / te betalen', 7094119.49],
        ['Afrekening BW en MO (te ontvangen +, te betalen −)', 8499086.21],
      ]),
    );
  });
});
