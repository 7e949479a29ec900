import { parse } from 'csv-parse/sync';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatAmount } from '@libs/money';
import { EXAMPLES, geldstroom, tempDir } from '../support/cli';

const json = (args: string[]) => {
  const result = geldstroom(args);
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout);
};

describe('the journal for a financial system (export --format journal-csv)', () => {
  const temp = tempDir('geldstroom-journal-');
  const store = ['--store', temp.store];
  beforeAll(() => {
    const result = geldstroom(['apply', join(EXAMPLES, 'regio-zuid-meerjarig.jsonl'), ...store]);
    if (result.status !== 0) throw new Error(result.stderr);
  });
  afterAll(() => temp.cleanup());

  it('a filled-in mapping gives every line its general-ledger account, and the lines give the ledger’s balances', () => {
    const mapping = join(temp.dir, 'grootboek.csv');
    expect(
      geldstroom(['export', '--format', 'journal-mapping', '--region', 'regio-zuid', '--out', mapping]).status,
    ).toBe(0);
    // the controller fills in a general-ledger account on every line, in a spreadsheet
    const filled = readFileSync(mapping, 'utf8')
      .split('\n')
      .map((line, index) => (index === 0 || line === '' ? line : line.replace(/^([^;]*);;/, `$1;${4000 + index};`)))
      .join('\n');
    writeFileSync(mapping, filled);
    const out = join(temp.dir, 'journaal.csv');
    const result = geldstroom([
      'export',
      '--format',
      'journal-csv',
      '--region',
      'regio-zuid',
      '--mapping',
      mapping,
      '--locale',
      'en',
      '--out',
      out,
      ...store,
    ]);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^regio-zuid: \d+ journal line\(s\), ledger hash [0-9a-f]{64}\n/m);
    expect(result.stderr).not.toMatch(/no grootboekrekening/);
    const [header, ...rows] = parse(readFileSync(out, 'utf8'));
    const at = (name: string) => header.indexOf(name);
    expect(rows.filter((row) => row[at('grootboekrekening')] === '')).toEqual([]);
    for (const year of [2024, 2025, 2026]) {
      const perAccount = new Map<string, bigint>();
      for (const row of rows.filter((each) => each[at('boekjaar')] === String(year)))
        perAccount.set(
          row[at('rekening')],
          (perAccount.get(row[at('rekening')]) ?? 0n) + BigInt(row[at('bedrag')].replace('.', '')),
        );
      const balances = json(['balances', '--region', 'regio-zuid', '--year', String(year), ...store]).accounts;
      const nonZero = Object.fromEntries(
        [...perAccount].filter(([, cents]) => cents !== 0n).map(([account, cents]) => [account, formatAmount(cents)]),
      );
      expect(nonZero).toEqual(balances);
    }
  });

  it('says which accounts have no general-ledger account yet', () => {
    const result = geldstroom([
      'export',
      '--format',
      'journal-csv',
      '--region',
      'regio-zuid',
      '--year',
      '2024',
      ...store,
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout.startsWith('\uFEFFboekdatum;')).toBe(true);
    expect(result.stderr).toMatch(
      /note: no grootboekrekening for \d+ account\(s\) \(external:.*\): write a mapping with --format journal-mapping/,
    );
  });

  it('refuses a mapping it cannot use, naming the file and line, before reading the store', () => {
    const mapping = join(temp.dir, 'fout.csv');
    writeFileSync(mapping, 'rekening;grootboekrekening\nrijk;1900\nrijk;1901\n');
    const result = geldstroom([
      'export',
      '--format',
      'journal-csv',
      '--region',
      'regio-zuid',
      '--mapping',
      mapping,
      ...store,
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`${mapping}:3: rekening: "rijk" is mapped already on line 2\n`);
    const missing = geldstroom([
      'export',
      '--format',
      'journal-csv',
      '--region',
      'regio-zuid',
      '--mapping',
      join(temp.dir, 'nergens.csv'),
      ...store,
    ]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--mapping .*nergens\.csv: cannot be read \(ENOENT\)/);
    expect(
      geldstroom(['export', '--format', 'hledger', '--region', 'regio-zuid', '--mapping', mapping, ...store]).status,
    ).toBe(2);
    expect(
      geldstroom(['export', '--format', 'journal-mapping', '--region', 'regio-zuid', '--year', '2024']).status,
    ).toBe(2);
  });
});

describe('the reserve runs on over the years: balances and explain say opening, movements, closing', () => {
  const temp = tempDir('geldstroom-reserve-');
  const store = ['--store', temp.store];
  beforeAll(() => {
    const result = geldstroom(['apply', join(EXAMPLES, 'holland-rijnland.jsonl'), ...store]);
    if (result.status !== 0) throw new Error(result.stderr);
  });
  afterAll(() => temp.cleanup());

  it('in JSON, next to the year’s postings, as extra fields', () => {
    const balances = json(['balances', '--region', 'holland-rijnland', '--year', '2024', ...store]);
    expect(balances.accounts['region:holland-rijnland:reserve']).toBe('-290120.35');
    expect(balances.carried).toEqual({
      'region:holland-rijnland:fund:friction': { opening: '3992021.30', movement: '0.00', closing: '3992021.30' },
      'region:holland-rijnland:reserve': { opening: '580240.70', movement: '-290120.35', closing: '290120.35' },
    });
    const explain = json([
      'explain',
      '--region',
      'holland-rijnland',
      '--year',
      '2024',
      '--account',
      'region:holland-rijnland:reserve',
      ...store,
    ]);
    expect(explain.balance).toBe('-290120.35');
    expect(explain.carried).toEqual({ opening: '580240.70', movement: '-290120.35', closing: '290120.35' });
    const municipality = json([
      'explain',
      '--region',
      'holland-rijnland',
      '--year',
      '2024',
      '--account',
      'municipality:GM0638:bw',
      ...store,
    ]);
    expect(municipality.carried).toBeUndefined();
    // what the Dutch derivation is written from, beside the English one
    const share = municipality.postings.find(
      (posting: { eventType: string }) => posting.eventType === 'BwContributionsCharged',
    );
    expect(share.details.share).toMatchObject({
      code: 'GM0638',
      weight: '1.7',
      weightSum: '100.1',
      total: '444243.00',
      target: '7544.59',
    });
    expect(share.derivation).toMatch(/largest remainder/);
  });

  it('in the text formats, with beginsaldo, mutaties and eindsaldo', () => {
    const text = geldstroom([
      'explain',
      '--region',
      'holland-rijnland',
      '--year',
      '2023',
      '--account',
      'region:holland-rijnland:reserve',
      '--format',
      'text',
      ...store,
    ]).stdout;
    expect(text).toMatch(/€ 4\.572\.262,00 {2}Beginsaldo 1 januari 2023\n/);
    expect(text).toMatch(/€ -3\.992\.021,30 {2}Mutaties 2023 \(de boekingen hierboven zonder de openingsbalans\)\n/);
    expect(text).toMatch(/€ 580\.240,70 {2}Eindsaldo 31 december 2023\n/);
    expect(text).not.toMatch(/saldo\n/);
  });
});
