import { parseCommand } from '@libs/domain';
import { MemoryEventStore } from '@libs/event-store';
import { Ledger } from '@libs/ledger';
import ExcelJS from 'exceljs';
import { IntakeError, MAX_ISSUES } from './intake.errors';
import { IntakeReport, runIntake } from './intake';

const REGION = 'proefregio';
const SETUP = [
  {
    command: 'RegisterRegion',
    regionId: REGION,
    name: 'Proefregio',
    centralMunicipality: 'GM0546',
    municipalities: [
      { code: 'GM0546', name: 'Leiden' },
      { code: 'GM0547', name: 'Leiderdorp' },
      { code: 'GM0579', name: 'Oegstgeest' },
      { code: 'GM9901', name: 'Dubbel' },
      { code: 'GM9902', name: 'dubbel' },
    ],
  },
];

const PAYMENT_HEADERS = [
  'betaling',
  'jaar',
  'regeling',
  'grondslag',
  'ontvanger',
  'bedrag',
  'omschrijving',
  'boekdatum',
];
const payment = (id: string, amount: ExcelJS.CellValue, extra: Partial<Record<string, ExcelJS.CellValue>> = {}) => {
  const values: Record<string, ExcelJS.CellValue> = {
    betaling: id,
    jaar: 2024,
    regeling: 'BW',
    grondslag: 'objectief',
    ontvanger: 'Leiderdorp',
    bedrag: amount,
    omschrijving: 'Septembercirculaire',
    boekdatum: null,
    ...extra,
  };
  return PAYMENT_HEADERS.map((header) => values[header]);
};

interface SheetRows {
  headers: string[];
  rows: ExcelJS.CellValue[][];
  format?: (sheet: ExcelJS.Worksheet) => void;
}

async function workbook(sheets: Record<string, SheetRows>, regio: string | null = REGION): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  if (regio !== null) book.addWorksheet('Regio').addRow(['regio', regio]);
  for (const [name, { headers, rows, format }] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    sheet.addRow(headers);
    rows.forEach((row) => sheet.addRow(row));
    format?.(sheet);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * English words a Dutch reason must not hold (outside the quoted values the user typed): the
 * words of the intake's former English reasons and of the ledger's.
 */
const ENGLISH = [
  'must',
  'holds',
  'not a',
  'not an',
  'column',
  'missing',
  'required',
  'the',
  'and',
  'with',
  'has',
  'more',
  'than',
  'amount',
  'cell',
  'decimals',
  'region',
  'municipality',
  'unknown',
  'already',
  'recorded',
  'content',
  'write',
  'use',
  'formula',
  'error',
  'got',
  'value',
  'header',
  'sheet',
  'rather',
];
const englishIn = (reason: string): string[] => {
  const text = reason.replace(/"[^"]*"/g, '""').toLowerCase();
  return ENGLISH.filter((word) => new RegExp(`(^|[^\\p{L}])${word}($|[^\\p{L}])`, 'u').test(text));
};

describe('spreadsheet intake', () => {
  let store: MemoryEventStore;
  let ledger: Ledger;
  const events = async () => (await store.readAll()).length;
  const intake = (
    files: { file: string; data: Buffer }[],
    options: { dryRun?: boolean; regionId?: string; maxIssues?: number } = {},
  ) =>
    runIntake(files, {
      actor: 'test',
      regionId: options.regionId,
      ...(options.maxIssues !== undefined ? { maxIssues: options.maxIssues } : {}),
      source: ({ file, sheet, row }) => `${file}:${sheet}:${row}`,
      ledger: options.dryRun ? new Ledger(store, { dryRun: true }) : ledger,
    });
  const rejection = async (promise: Promise<unknown>): Promise<IntakeError> => {
    try {
      await promise;
    } catch (error) {
      if (error instanceof IntakeError) return error;
      throw error;
    }
    throw new Error('expected the intake to be rejected');
  };

  beforeEach(async () => {
    store = new MemoryEventStore();
    ledger = new Ledger(store);
    for (const command of SETUP) await ledger.execute(parseCommand(command), { actor: 'test', source: 'setup' });
  });

  it('records every row, and nothing when the same workbook comes again', async () => {
    const data = await workbook({
      Rijksbetalingen: { headers: PAYMENT_HEADERS, rows: [payment('p1', 1000), payment('p2', '2.500,50')] },
      Voorschotten: {
        headers: ['ID', 'Jaar', 'Regeling', 'Gemeente', 'Bedrag', 'Datum'],
        rows: [['v1', 2024, 'mo', 'GM0547', '-250.000', new Date('2024-03-15T00:00:00Z')]],
      },
    });
    const first = await intake([{ file: 'wb.xlsx', data }]);
    expect(first).toMatchObject({ regionId: REGION, recorded: true, commands: 3, new: 3, identical: 0, events: 3 });
    expect(first.sheets.map((sheet) => [sheet.sheet, sheet.rows, sheet.totals])).toEqual([
      ['Rijksbetalingen', 2, [{ year: 2024, scheme: 'BW', amount: '3500.50' }]],
      ['Voorschotten', 1, [{ year: 2024, scheme: 'MO', amount: '-250000.00' }]],
    ]);
    const recorded = await events();
    const second = await intake([{ file: 'wb.xlsx', data }]);
    expect(second).toMatchObject({ recorded: true, commands: 3, new: 0, identical: 3, events: 0 });
    expect(await events()).toBe(recorded);
    const advance = (await store.readAll()).find((event) => event.type === 'AdvanceRecorded')!;
    expect(advance.data).toMatchObject({
      amount: '-250000.00',
      municipality: 'GM0547',
      scheme: 'MO',
      date: '2024-03-15',
    });
    expect(advance.metadata.source).toBe('wb.xlsx:Voorschotten:2');
  });

  it('a dry run records nothing and tells new, identical and conflicting rows apart', async () => {
    await intake([
      {
        file: 'a.xlsx',
        data: await workbook({ Rijksbetalingen: { headers: PAYMENT_HEADERS, rows: [payment('p1', 10)] } }),
      },
    ]);
    const before = await events();
    const data = await workbook({
      Rijksbetalingen: { headers: PAYMENT_HEADERS, rows: [payment('p1', 10), payment('p2', 20), payment('p3', 30)] },
    });
    const preview = await intake([{ file: 'b.xlsx', data }], { dryRun: true });
    expect(preview).toMatchObject({ dryRun: true, recorded: false, new: 2, identical: 1, conflicting: 0, events: 2 });
    const conflicting = await workbook({
      Rijksbetalingen: { headers: PAYMENT_HEADERS, rows: [payment('p1', 11), payment('p2', 20)] },
    });
    const error = await rejection(intake([{ file: 'c.xlsx', data: conflicting }], { dryRun: true }));
    expect(error.report).toMatchObject({ new: 1, identical: 0, conflicting: 1 });
    expect(await events()).toBe(before);
  });

  describe('every bad cell is rejected at its sheet, row and column, and nothing of the workbook is recorded', () => {
    const PAYMENTS = (bad: ExcelJS.CellValue[], format?: SheetRows['format']) => ({
      Rijksbetalingen: { headers: PAYMENT_HEADERS, rows: [payment('ok-1', 100), bad, payment('ok-2', 200)], format },
      Voorschotten: {
        headers: ['id', 'jaar', 'regeling', 'gemeente', 'bedrag'],
        rows: [['v-ok', 2024, 'BW', 'Leiden', 5]],
      },
    });
    const CASES: [string, Record<string, SheetRows>, string, string][] = [
      [
        'text in an amount',
        PAYMENTS(payment('x', 'twaalf')),
        'Rijksbetalingen:3: bedrag: is geen bedrag: "twaalf"; schrijf het als 1.234.567,89',
        'INVALID_FIELD',
      ],
      [
        'three decimals in a number',
        PAYMENTS(payment('x', 1234.567)),
        'Rijksbetalingen:3: bedrag: heeft meer dan twee decimalen (de cel bevat 1.234,567)',
        'INVALID_FIELD',
      ],
      [
        'three decimals in text',
        PAYMENTS(payment('x', '12,345')),
        'Rijksbetalingen:3: bedrag: heeft meer dan twee decimalen: "12,345"',
        'INVALID_FIELD',
      ],
      [
        '0.1 + 0.2 in a cell',
        PAYMENTS(payment('x', 0.1 + 0.2)),
        'Rijksbetalingen:3: bedrag: heeft meer dan twee decimalen (de cel bevat 0,30000000000000004); is het een formule, rond die dan af op centen: =AFRONDEN(…; 2)',
        'INVALID_FIELD',
      ],
      [
        'an unknown municipality',
        PAYMENTS(payment('x', 1, { ontvanger: 'Atlantis' })),
        'Rijksbetalingen:3: ontvanger: "Atlantis" is geen gemeente van regio "proefregio"; gebruik een CBS-code (GM0546) of een naam uit het blad Gemeenten',
        'INVALID_FIELD',
      ],
      [
        'a code outside the region',
        PAYMENTS(payment('x', 1, { ontvanger: 'GM0363' })),
        'Rijksbetalingen:3: ontvanger: GM0363 is geen gemeente van regio "proefregio"',
        'INVALID_FIELD',
      ],
      [
        'a name two members share',
        PAYMENTS(payment('x', 1, { ontvanger: 'DUBBEL' })),
        'Rijksbetalingen:3: ontvanger: "DUBBEL" is de naam van 2 gemeenten van regio "proefregio" (GM9901, GM9902); gebruik de CBS-code',
        'INVALID_FIELD',
      ],
      [
        'a formula error cell',
        PAYMENTS(payment('x', { formula: '1/0', result: { error: '#DIV/0!' } })),
        'Rijksbetalingen:3: bedrag: de cel bevat de fout #DIV/0! (een formule die mislukte)',
        'INVALID_FIELD',
      ],
      [
        'an error value',
        PAYMENTS(payment('x', { error: '#REF!' })),
        'Rijksbetalingen:3: bedrag: de cel bevat de fout #REF!',
        'INVALID_FIELD',
      ],
      [
        'a formula never calculated',
        PAYMENTS(payment('x', { formula: 'SUM(A1:A2)' })),
        'Rijksbetalingen:3: bedrag: de formule =SUM(A1:A2) heeft geen berekende waarde',
        'INVALID_FIELD',
      ],
      [
        'a year in words',
        PAYMENTS(payment('x', 1, { jaar: 'twintig' })),
        'Rijksbetalingen:3: jaar: is geen jaar: "twintig"; schrijf een jaar van 1900 tot en met 2999, zoals 2024',
        'INVALID_FIELD',
      ],
      [
        'an unknown scheme',
        PAYMENTS(payment('x', 1, { regeling: 'WMO' })),
        'Rijksbetalingen:3: regeling: moet BW of MO zijn, niet "WMO"',
        'INVALID_FIELD',
      ],
      [
        'an unknown basis',
        PAYMENTS(payment('x', 1, { grondslag: 'historical-ish' })),
        'Rijksbetalingen:3: grondslag: moet historisch of objectief zijn, niet "historical-ish"',
        'INVALID_FIELD',
      ],
      [
        'a date in Dutch order',
        PAYMENTS(payment('x', 1, { boekdatum: '15-03-2024' })),
        'Rijksbetalingen:3: boekdatum: is geen datum: "15-03-2024"; gebruik een datumcel of schrijf de datum als 2024-03-15',
        'INVALID_FIELD',
      ],
      [
        'an id with a space',
        PAYMENTS(payment('x y', 1)),
        'Rijksbetalingen:3: betaling: is geen geldig id: "x y"; een id begint met een letter of cijfer',
        'INVALID_FIELD',
      ],
      [
        'an empty required cell',
        PAYMENTS(payment('x', null)),
        'Rijksbetalingen:3: bedrag: is leeg, maar moet ingevuld zijn',
        'MISSING_FIELD',
      ],
      [
        'an amount over the limit',
        PAYMENTS(payment('x', '1.000.000.000.000')),
        'Rijksbetalingen:3: bedrag: is geen geldig bedrag: 1.000.000.000.000; een bedrag heeft hoogstens 12 cijfers vóór de komma',
        'INVALID_FIELD',
      ],
      [
        'a duplicate id with other content',
        PAYMENTS(payment('ok-1', 101)),
        'Rijksbetalingen:3: betaling: "ok-1" staat al vastgelegd met een andere inhoud',
        'ID_REUSED',
      ],
      [
        'a missing column',
        {
          Rijksbetalingen: {
            headers: PAYMENT_HEADERS.filter((header) => header !== 'bedrag'),
            rows: [['p', 2024, 'BW', 'objectief', 'GM0546']],
          },
        },
        'Rijksbetalingen:1: bedrag: deze verplichte kolom ontbreekt',
        'MISSING_FIELD',
      ],
      [
        'an extra column',
        { Rijksbetalingen: { headers: [...PAYMENT_HEADERS, 'opmerking'], rows: [payment('p', 1)] } },
        'Rijksbetalingen:1: opmerking: onbekende kolom (de kolommen van Rijksbetalingen zijn betaling, jaar, regeling, grondslag, ontvanger, bedrag, omschrijving, boekdatum)',
        'UNKNOWN_FIELD',
      ],
      [
        'a value in a column without a header',
        { Rijksbetalingen: { headers: PAYMENT_HEADERS, rows: [[...payment('p', 1), 'los']] } },
        'Rijksbetalingen:2: I: bevat "los" in een kolom zonder kop',
        'UNKNOWN_FIELD',
      ],
      [
        'a negative budget (a rule of the ledger)',
        {
          Begroting: {
            headers: ['versie', 'jaar', 'regeling', 'bedrag'],
            rows: [
              [1, 2024, 'MO', 10],
              [1, 2025, 'MO', '-5'],
            ],
          },
        },
        'Begroting:3: bedrag: een regionale begroting is het nettobedrag dat de regionale voorzieningen nodig hebben en mag niet negatief zijn',
        'INVALID_FIELD',
      ],
      [
        'a percentage cell formatted as %',
        {
          Begroting: {
            headers: ['versie', 'jaar', 'regeling', 'bedrag', 'objectief %'],
            rows: [[1, 2024, 'BW', 10, 0.068]],
            format: (sheet) => (sheet.getCell('E2').numFmt = '0.0%'),
          },
        },
        'Begroting:2: objectief %: de cel heeft de opmaak percentage en bevat dus 0,068 in plaats van 6,8',
        'INVALID_FIELD',
      ],
    ];
    it.each(CASES)('%s', async (_case, sheets, message, code) => {
      const before = await events();
      const error = await rejection(intake([{ file: 'wb.xlsx', data: await workbook(sheets) }]));
      expect(error.issues[0].message.startsWith(`wb.xlsx:${message}`)).toBe(true);
      expect(error.issues[0].code).toBe(code);
      expect(error.message).toBe(error.issues[0].message);
      expect(englishIn(error.issues[0].reason)).toEqual([]);
      expect(await events()).toBe(before);
    });

    it('the check for English finds the former reasons, not the values quoted in them', () => {
      expect(englishIn('required column is missing')).toEqual(['column', 'missing', 'required']);
      expect(englishIn('holds "the amount", not an amount')).toEqual(['holds', 'not an', 'amount']);
      expect(englishIn('moet BW of MO zijn, niet "the amount"')).toEqual([]);
    });

    // issue 11's list of bad cells: every reason given for them is Dutch, the ledger's words apart
    it.each([
      'text in an amount',
      'three decimals in a number',
      'three decimals in text',
      'an unknown municipality',
      'a code outside the region',
      'a missing column',
      'an extra column',
      'a duplicate id with other content',
      'a formula error cell',
    ])('says in Dutch why: %s', async (name) => {
      const found = CASES.find(([candidate]) => candidate === name);
      if (!found) throw new Error(`no case "${name}"`);
      const error = await rejection(intake([{ file: 'wb.xlsx', data: await workbook(found[1]) }]));
      expect(error.issues.length).toBeGreaterThan(0);
      for (const issue of error.issues) {
        expect({ reason: issue.reason, english: englishIn(issue.reason) }).toEqual({
          reason: issue.reason,
          english: [],
        });
        expect(issue.message).toBe(`wb.xlsx:${issue.sheet}:${issue.row}: ${issue.column}: ${issue.reason}`);
        if (issue.original !== undefined) expect(issue.message).not.toContain(issue.original);
      }
    });

    it("keeps the ledger's English words apart from the Dutch reason", async () => {
      const found = CASES.find(([candidate]) => candidate === 'a duplicate id with other content');
      if (!found) throw new Error('no case "a duplicate id with other content"');
      const error = await rejection(intake([{ file: 'wb.xlsx', data: await workbook(found[1]) }]));
      expect(error.issues[0]).toMatchObject({
        code: 'ID_REUSED',
        column: 'betaling',
        reason: expect.stringMatching(/^"ok-1" staat al vastgelegd met een andere inhoud/),
        original: 'paymentId "ok-1" is already recorded with other content',
      });
    });

    it('a row that conflicts with what is recorded', async () => {
      await intake([
        {
          file: 'a.xlsx',
          data: await workbook({ Rijksbetalingen: { headers: PAYMENT_HEADERS, rows: [payment('p1', 10)] } }),
        },
      ]);
      const before = await events();
      const changed = await workbook({
        Rijksbetalingen: {
          headers: PAYMENT_HEADERS,
          rows: [payment('p0', 5), payment('p1', 10, { omschrijving: 'Meicirculaire' })],
        },
      });
      const error = await rejection(intake([{ file: 'b.xlsx', data: changed }]));
      expect(error.issues.map((found) => found.message)).toEqual([
        'b.xlsx:Rijksbetalingen:3: betaling: "p1" staat al vastgelegd met een andere inhoud; wat vastgelegd is verandert niet — geef deze rij een id dat nog niet bestaat',
      ]);
      expect(await events()).toBe(before);
    });

    it('a fact for a closed year, at its jaar column', async () => {
      for (const command of [
        {
          command: 'RecordRijkPayment',
          regionId: REGION,
          paymentId: 'x',
          year: 2023,
          scheme: 'BW',
          basis: 'objective',
          recipient: 'GM0547',
          amount: '1.00',
        },
        { command: 'CloseYear', regionId: REGION, year: 2023 },
      ])
        await ledger.execute(parseCommand(command), { actor: 'test', source: 'setup' });
      const error = await rejection(
        intake([
          {
            file: 'wb.xlsx',
            data: await workbook({
              Rijksbetalingen: { headers: PAYMENT_HEADERS, rows: [payment('late', 1, { jaar: 2023 })] },
            }),
          },
        ]),
      );
      expect(error.issues[0]).toMatchObject({ sheet: 'Rijksbetalingen', row: 2, column: 'jaar', code: 'YEAR_CLOSED' });
    });

    it('names every bad cell of a row', async () => {
      const data = await workbook({
        Rijksbetalingen: {
          headers: PAYMENT_HEADERS,
          rows: [payment('a', 'x', { regeling: 'WMO' }), payment('b c', 1, { jaar: 'y' })],
        },
      });
      const error = await rejection(intake([{ file: 'wb.xlsx', data }]));
      expect(error.issues.map((found) => [found.row, found.column])).toEqual([
        [2, 'regeling'],
        [2, 'bedrag'],
        [3, 'betaling'],
        [3, 'jaar'],
      ]);
    });

    it('names every rejected row, the first one first', async () => {
      const data = await workbook({
        Rijksbetalingen: {
          headers: PAYMENT_HEADERS,
          rows: [payment('a', 'x'), payment('b', 1), payment('c', 1, { jaar: 'y' })],
        },
        Voorschotten: {
          headers: ['id', 'jaar', 'regeling', 'gemeente', 'bedrag'],
          rows: [['v', 2024, 'BW', 'Nergens', 5]],
        },
      });
      const error = await rejection(intake([{ file: 'wb.xlsx', data }]));
      expect(error.issues.map((found) => [found.sheet, found.row, found.column])).toEqual([
        ['Rijksbetalingen', 2, 'bedrag'],
        ['Rijksbetalingen', 4, 'jaar'],
        ['Voorschotten', 2, 'gemeente'],
      ]);
      expect((error.report as IntakeReport).rejected).toBe(3);
    });
  });

  describe('a refusal lists the first MAX_ISSUES problems in file order and counts the rest', () => {
    /**
     * 150 bad payment rows of three kinds (one bad cell, two bad cells, an id the rows before it
     * already used: the ledger's refusal), 200 problems, and 20 bad advances after them.
     */
    const manyBadRows = () =>
      workbook({
        Rijksbetalingen: {
          headers: PAYMENT_HEADERS,
          rows: [
            payment('dubbel', 1000),
            ...Array.from({ length: 150 }, (_, index) =>
              index % 3 === 0
                ? payment(`p${index}`, '12,345')
                : index % 3 === 1
                  ? payment(`p${index}`, 'x', { regeling: 'WMO' })
                  : payment('dubbel', 2000 + index),
            ),
          ],
        },
        Voorschotten: {
          headers: ['id', 'jaar', 'regeling', 'gemeente', 'bedrag'],
          rows: Array.from({ length: 20 }, (_, index) => [`v${index}`, 2024, 'BW', 'Nergens', 5]),
        },
      });

    it('lists exactly the first MAX_ISSUES of what an uncapped intake lists, counts the rest, and records nothing', async () => {
      const data = await manyBadRows();
      const before = await events();
      const all = await rejection(intake([{ file: 'wb.xlsx', data }], { maxIssues: Number.POSITIVE_INFINITY }));
      expect(all.issues).toHaveLength(220);
      expect(all.moreIssues).toBe(0);
      for (const dryRun of [true, false]) {
        const capped = await rejection(intake([{ file: 'wb.xlsx', data }], { dryRun }));
        expect(capped.issues).toHaveLength(MAX_ISSUES);
        expect(capped.issues).toEqual(all.issues.slice(0, MAX_ISSUES));
        expect(capped.moreIssues).toBe(220 - MAX_ISSUES);
        expect(capped.message).toBe(all.issues[0].message);
        const report = capped.report as IntakeReport;
        expect(report.issues).toEqual(capped.issues);
        expect(report.moreIssues).toBe(220 - MAX_ISSUES);
        // the counts per sheet still cover every row
        expect(report.sheets.map((sheet) => [sheet.sheet, sheet.rows, sheet.rejected, sheet.conflicting])).toEqual([
          ['Rijksbetalingen', 151, 100, 50],
          ['Voorschotten', 20, 20, 0],
        ]);
      }
      expect(all.issues.map((found) => found.code)).toContain('ID_REUSED');
      expect(all.issues.slice(0, MAX_ISSUES).map((found) => found.code)).toContain('ID_REUSED');
      expect(await events()).toBe(before);
    });

    it('answers a file with fewer problems than MAX_ISSUES as before: every one, none counted', async () => {
      const data = await workbook({
        Rijksbetalingen: {
          headers: PAYMENT_HEADERS,
          rows: Array.from({ length: 30 }, (_, index) => payment(`p${index}`, 'x', { regeling: 'WMO' })),
        },
      });
      const all = await rejection(intake([{ file: 'wb.xlsx', data }], { maxIssues: Number.POSITIVE_INFINITY }));
      const capped = await rejection(intake([{ file: 'wb.xlsx', data }]));
      expect(capped.issues).toHaveLength(60);
      expect(capped.issues).toEqual(all.issues);
      expect(capped.moreIssues).toBe(0);
      expect((capped.report as IntakeReport).moreIssues).toBe(0);
    });
  });

  describe('the region', () => {
    const data = () => workbook({ Rijksbetalingen: { headers: PAYMENT_HEADERS, rows: [payment('p', 1)] } }, null);

    it('comes from --region when the workbook has no sheet Regio', async () => {
      await expect(intake([{ file: 'wb.xlsx', data: await data() }], { regionId: REGION })).resolves.toMatchObject({
        new: 1,
      });
      const error = await rejection(intake([{ file: 'wb.xlsx', data: await data() }]));
      expect(error.message).toMatch(/^wb\.xlsx: welke regio\? Geef --region/);
    });

    it('must agree with the sheet Regio', async () => {
      const error = await rejection(
        intake(
          [
            {
              file: 'wb.xlsx',
              data: await workbook({ Rijksbetalingen: { headers: PAYMENT_HEADERS, rows: [] } }, 'elders'),
            },
          ],
          {
            regionId: REGION,
          },
        ),
      );
      expect(error.message).toBe('wb.xlsx:Regio:1: regio: het werkboek is voor regio "elders", niet voor "proefregio"');
    });

    it('must be registered', async () => {
      const error = await rejection(intake([{ file: 'wb.xlsx', data: await workbook({}, 'nieuw') }]));
      expect(error.message).toMatch(/^wb\.xlsx:Regio:1: regio: regio "nieuw" is niet geregistreerd/);
      expect(error.issues[0].code).toBe('UNKNOWN_REGION');
    });
  });

  describe('CSV sheets', () => {
    const csv = (text: string, bom = false) =>
      Buffer.concat([Buffer.from(bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text, 'utf8')]);

    it.each([
      ['; with a BOM', ';', true],
      ['; without a BOM', ';', false],
      [', with a BOM', ',', true],
      [', without a BOM', ',', false],
    ])('reads a sheet separated by %s', async (_case, separator, bom) => {
      const quote = (text: string) => (separator === ',' && text.includes(',') ? `"${text}"` : text);
      const lines = [
        ['Betaling', 'Jaar', 'Regeling', 'Grondslag', 'Ontvanger', 'Bedrag', 'Omschrijving'],
        ['p1', '2024', 'BW', 'historisch', 'GM0546', quote('1.234.567,89'), quote('Mei, circulaire')],
        ['', '', '', '', '', '', ''],
        ['p2', '2024', 'MO', 'objectief', 'Leiden', '250.000', ''],
      ];
      const data = csv(lines.map((line) => line.join(separator)).join('\r\n') + '\r\n', bom);
      const report = await intake([{ file: 'data/Rijksbetalingen.csv', data }], { regionId: REGION });
      expect(report.sheets[0]).toMatchObject({ sheet: 'Rijksbetalingen', rows: 2, new: 2 });
      const payments = (await store.readAll()).filter((event) => event.type === 'RijkPaymentRecorded');
      const fields = (event: (typeof payments)[number]) => event.data as { amount: string; reference?: string };
      expect(payments.map((event) => [fields(event).amount, fields(event).reference, event.metadata.source])).toEqual([
        ['1234567.89', 'Mei, circulaire', 'data/Rijksbetalingen.csv:Rijksbetalingen:2'],
        ['250000.00', undefined, 'data/Rijksbetalingen.csv:Rijksbetalingen:4'],
      ]);
    });

    it('orders several CSV sheets as §5 does and names the CSV file in errors', async () => {
      const advances = csv('id;jaar;regeling;gemeente;bedrag\nv1;2024;BW;GM0547;12,5\nv2;2024;BW;GM0547;1,234\n');
      const payments = csv('betaling;jaar;regeling;grondslag;ontvanger;bedrag\np1;2024;BW;objectief;GM0547;10\n');
      const error = await rejection(
        intake(
          [
            { file: 'voorschotten.csv', data: advances },
            { file: 'rijksbetalingen.csv', data: payments },
          ],
          { regionId: REGION },
        ),
      );
      expect(error.message).toBe(
        'voorschotten.csv:Voorschotten:3: bedrag: heeft meer dan twee decimalen: "1,234"; een bedrag is in hele centen',
      );
      expect((error.report as IntakeReport).sheets.map((sheet) => sheet.sheet)).toEqual([
        'Rijksbetalingen',
        'Voorschotten',
      ]);
      expect(await events()).toBe(1);
    });

    it('refuses a file that is not UTF-8, and one whose name is no sheet', async () => {
      const latin1 = Buffer.from(
        'id;jaar;regeling;gemeente;bedrag\nv1;2024;BW;Leiden;5\nv\xe9;2024;BW;Leiden;5\n',
        'latin1',
      );
      expect(
        (await rejection(intake([{ file: 'voorschotten.csv', data: latin1 }], { regionId: REGION }))).message,
      ).toMatch(/^voorschotten\.csv:Voorschotten: is geen UTF-8-tekst/);
      expect(
        (await rejection(intake([{ file: 'betalingen.csv', data: csv('a\n') }], { regionId: REGION }))).message,
      ).toMatch(/^betalingen\.csv: een CSV-bestand wordt gelezen als het blad dat zijn naam noemt/);
    });

    it('refuses a text cell holding a control character, in Dutch at its column, and records nothing', async () => {
      const before = await events();
      const payments = csv(
        'betaling;jaar;regeling;grondslag;ontvanger;bedrag;omschrijving\np9;2024;BW;objectief;GM0547;10;Mei\u001b[2J\n',
      );
      const error = await rejection(intake([{ file: 'rijksbetalingen.csv', data: payments }], { regionId: REGION }));
      expect(error.message).toBe(
        'rijksbetalingen.csv:Rijksbetalingen:2: omschrijving: bevat een teken dat niet in een tekst hoort (U+001B, onzichtbaar); typ de tekst opnieuw of plak hem zonder opmaak',
      );
      expect(await events()).toBe(before);
    });
  });
});
