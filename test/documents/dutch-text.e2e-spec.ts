import ExcelJS from 'exceljs';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES, tempDir } from '../support/cli';
import { applyExamples, ExampleSet, inProcess, installed, pdfText } from '../support/documents';
import { ENGLISH_WORDS, Finding, nonDutchNumbers, nonDutchWords, wordsOfData } from '../support/dutch-text';
import { DUTCH_VOCABULARY } from '../support/dutch-vocabulary';

const EPOCH = '1767261600';

const cli = (args: string[]) => inProcess(args, { SOURCE_DATE_EPOCH: EPOCH });

describe('the checker of Dutch text itself', () => {
  // what the data of the examples brings: a name and a region id
  const none = new Set<string>(['Alphen', 'den', 'Rijn', 'holland-rijnland']);

  it.each([
    ['ontvanger GM0546; recipient GM0546', ['recipient']],
    ['1,7 / 100,1 × € 444.243,00 (largest remainder +0,01)', ['largest', 'remainder']],
    ['reserve € 213.225,99 below its minimum € 290.120,35', ['below', 'its']],
    ['GM0484 Alphen aan den Rijn  BW regionalSettlement  0,00', ['regionalSettlement']],
    ['Gemeente  inhabitants %  inhabitants €', ['inhabitants', 'inhabitants']],
    ['Fonds friction', ['friction']],
    ['RijkPaymentRecorded', ['RijkPaymentRecorded']],
  ])('flags the English of %j', (text, words) => {
    expect(nonDutchWords(text, none).map((finding) => finding.word)).toEqual(words);
  });

  it.each([
    'ontvanger GM0546',
    '1,7 / 100,1 × € 444.243,00 (grootste restmethode +0,01), objectieve sleutel BW v1',
    'reserve € 213.225,99 onder het minimum € 290.120,35',
    'GM0484 Alphen aan den Rijn  BW Afrekening regionaal resultaat',
    'Gemeente  inwoners %  inwoners €',
    'Fonds frictiekosten',
    'rekening region:holland-rijnland:reserve, gebeurtenis 5640ac95-6f12-5db6-9ed2-e6d27fa12670, door cli:root',
    'geldstroom verify --region holland-rijnland --expect 38113ca758fbabb16df88ee47adb45da30139bae27b555067ff6f6d7f98a7933',
  ])('lets %j through', (text) => {
    expect(nonDutchWords(text, none)).toEqual([]);
  });

  it('lets the data speak its own words, but not an id that is a plain English word', () => {
    const data = wordsOfData([
      {
        command: 'RegisterRegion',
        regionId: 'aef-income',
        name: 'Voorbeeldregio Noord',
        municipalities: [{ code: 'GM9901', name: 'Upper Town' }],
      },
      { command: 'TransferReserveToFund', fundId: 'friction', reference: 'Overschot boven bandbreedte' },
      { command: 'RecordRijkPayment', basis: 'historical', paymentId: 'iu-bw-2024' },
    ]);
    expect(nonDutchWords('Upper Town (GM9901), aef-income, iu-bw-2024', data)).toEqual([]);
    expect(nonDutchWords('Fonds friction, historical', data).map((finding) => finding.word)).toEqual([
      'friction',
      'historical',
    ]);
  });

  it('flags numbers with a decimal point and UTC timestamps, not Dutch ones', () => {
    const text = [
      'gewicht 1.7 / 100.1',
      'gemiddeld 0.0194, hoogstens 0.0606',
      'vastgelegd 2026-11-23T06:30:57.941Z',
      '€ 5.802.407,00 en 1.000 inwoners, 24,3 %, bron examples/holland-rijnland.jsonl:35, 23-11-2026 07:30:57',
    ].join('\n');
    expect(nonDutchNumbers(text).map((finding) => finding.word)).toEqual([
      '1.7',
      '100.1',
      '0.0194',
      '0.0606',
      'UTC timestamp',
    ]);
  });

  it('has no English word in its Dutch vocabulary', () => {
    expect(DUTCH_VOCABULARY.filter((word) => (ENGLISH_WORDS as readonly string[]).includes(word))).toEqual([]);
    expect(DUTCH_VOCABULARY.filter((word) => word !== word.toLowerCase())).toEqual([]);
  });
});

describe('Dutch everywhere a controller reads: the text formats of every example scenario', () => {
  const temp = tempDir('geldstroom-dutch-');
  let examples: ExampleSet;
  let data: Set<string>;
  /** every text output, by what produced it */
  const outputs = new Map<string, string>();

  beforeAll(async () => {
    examples = applyExamples(temp.store, temp.dir);
    data = wordsOfData(examples.commands);
    const store = ['--store', temp.store];
    for (const { regionId, years } of examples.regions) {
      for (const year of years) {
        const at = ['--region', regionId, '--year', String(year), ...store];
        outputs.set(`statement ${regionId} ${year}`, await cli(['statement', ...at, '--format', 'table']));
        outputs.set(`balances ${regionId} ${year}`, await cli(['balances', ...at, '--format', 'table']));
        const balances = JSON.parse(await cli(['balances', ...at]));
        for (const account of new Set([...Object.keys(balances.accounts), ...Object.keys(balances.carried)]))
          outputs.set(
            `explain ${regionId} ${year} ${account}`,
            await cli(['explain', ...at, '--account', account, '--format', 'text']),
          );
        const workbook = join(temp.dir, `${regionId}-${year}.xlsx`);
        await cli(['statement', ...at, '--format', 'xlsx', '--out', workbook]);
        outputs.set(`workbook ${regionId} ${year}`, await workbookText(workbook));
        const letters = join(temp.dir, 'letters', `${regionId}-${year}`);
        await cli(['letters', ...at, '--out', letters]);
        if (installed('pdftotext'))
          for (const file of readdirSync(letters)) outputs.set(`letter ${file}`, pdfText(join(letters, file), false));
      }
      for (const payment of examples.payments.get(regionId) ?? [])
        outputs.set(
          `trace ${regionId} ${payment}`,
          await cli(['trace', '--region', regionId, '--payment', payment, '--format', 'text', ...store]),
        );
      if (years.length > 0)
        for (const scheme of ['BW', 'MO'])
          outputs.set(
            `compare-keys ${regionId} ${scheme}`,
            await cli([
              'compare-keys',
              '--region',
              regionId,
              '--years',
              `${years[0]}-${years[years.length - 1]}`,
              '--scheme',
              scheme,
              '--format',
              'text',
              ...store,
            ]),
          );
    }
    outputs.set('regions', await cli(['regions', ...store]));
    const solidarity = join(temp.dir, 'solidariteit.jsonl');
    writeFileSync(
      solidarity,
      '{"command": "AdoptSolidarityAgreement", "regionId": "aef-average", "version": 1, "validFrom": 2025, "baseline": "regional-average", "executionCosts": "surcharge", "surchargePct": "12.5", "cap": true, "policyCorrections": true, "ownAccountPct": "25"}\n',
    );
    for (const [regionId, file] of [
      ['holland-rijnland', join(EXAMPLES, 'revised-keys.jsonl')],
      ['aef-average', solidarity],
    ])
      outputs.set(
        `replay ${regionId}`,
        await cli(['replay', '--region', regionId, '--with', file, '--format', 'text', ...store]),
      );
    if (!installed('pdftotext'))
      console.warn(
        'pdftotext is not installed (apt-get install poppler-utils): the letters were NOT checked for English',
      );
  }, 300_000);
  afterAll(() => temp.cleanup());

  it('covers every kind of text output', () => {
    const kinds = new Set([...outputs.keys()].map((key) => key.split(' ')[0]));
    expect([...kinds].sort()).toEqual(
      [
        'balances',
        'compare-keys',
        'regions',
        'explain',
        'replay',
        'statement',
        'trace',
        'workbook',
        ...(installed('pdftotext') ? ['letter'] : []),
      ].sort(),
    );
    expect(outputs.size).toBeGreaterThan(200);
  });

  it('has no English word in any of them (JSON keeps its English field names; these are the text formats)', () => {
    const findings = new Map<string, Finding[]>();
    for (const [what, text] of outputs) {
      const found = nonDutchWords(text, data);
      if (found.length > 0) findings.set(what, found.slice(0, 5));
    }
    expect(Object.fromEntries(findings)).toEqual({});
  });

  it('writes numbers, percentages and weights the Dutch way and times in Dutch local time', () => {
    const findings = new Map<string, Finding[]>();
    for (const [what, text] of outputs) {
      const found = nonDutchNumbers(text);
      if (found.length > 0) findings.set(what, found.slice(0, 5));
    }
    expect(Object.fromEntries(findings)).toEqual({});
  });
});

/** Every text a workbook shows: sheet names and string cells. */
async function workbookText(file: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const lines: string[] = [];
  for (const sheet of workbook.worksheets) {
    lines.push(sheet.name);
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string') lines.push(cell.value);
      }),
    );
  }
  return lines.join('\n');
}
