import { parse } from 'csv-parse/sync';
import { Account, isAccount } from '@libs/domain';
import { parseAmount } from '@libs/money';
import { LedgerEvent } from '@libs/projections';
import {
  defaultJournalMapping,
  mappingFor,
  parseJournalMapping,
  renderJournalCsv,
  renderJournalMapping,
  SEVERAL_ACCOUNTS,
} from './journal.csv';

const envelope = (eventId: string) => ({
  eventId,
  revision: 0n,
  position: 0n,
  metadata: {
    recordedAt: '2026-07-01T10:00:00.000Z',
    actor: 'cli:anna',
    source: 'r.jsonl:3',
    commandId: 'c',
    causationId: 'c',
    correlationId: 'c',
    schemaVersion: 1,
  },
});
const account = (name: string): Account => {
  if (!isAccount(name)) throw new Error(`not an account: ${name}`);
  return name;
};
const postings = (pairs: [string, string][]) =>
  pairs.map(([name, amount]) => ({ account: account(name), amount: parseAmount(amount) }));

const payment = (
  eventId: string,
  year: number,
  paymentId: string,
  scheme: 'BW' | 'MO',
  pairs: [string, string][],
): LedgerEvent => ({
  ...envelope(eventId),
  type: 'RijkPaymentRecorded',
  data: {
    regionId: 'r',
    paymentId,
    year,
    scheme,
    basis: 'historical',
    recipient: 'GM0001',
    amount: parseAmount(pairs[1][1]),
    postings: postings(pairs),
  },
});

const EVENTS: LedgerEvent[] = [
  payment('e1', 2024, 'iu-2024', 'BW', [
    ['rijk', '-1000.00'],
    ['region:r:bw-historical', '1000.00'],
  ]),
  {
    ...envelope('e2'),
    type: 'BwHistoricalDistributed',
    data: {
      regionId: 'r',
      year: 2024,
      scheme: 'BW',
      rule: 'bw-historical-distribution',
      inputs: {
        historicalPayments: 0n,
        regionalBudget: 0n,
        budgetVersion: null,
        objectivePct: '0',
        skim: 0n,
        formula: '',
        remainder: 0n,
      },
      allocation: { total: 100000n, previousTotal: 0n, lines: [] },
      postings: postings([
        ['region:r:bw-historical', '-1000.00'],
        ['municipality:GM0001:bw', '600.00'],
        ['municipality:GM0002:bw', '400.00'],
      ]),
    },
  },
  {
    ...envelope('e3'),
    type: 'SolidarityTransferred',
    data: {
      regionId: 'r',
      year: 2024,
      scheme: 'BW',
      rule: 'solidarity',
      agreementVersion: 1,
      inputs: {
        baseline: 'income',
        executionCosts: 'actual',
        surchargePct: null,
        cap: false,
        policyCorrections: false,
        ownAccountPct: '0',
        weighted: false,
      },
      volume: 5000n,
      lines: [],
      postings: postings([
        ['municipality:GM0001:bw', '-30.00'],
        ['municipality:GM0003:bw', '-20.00'],
        ['municipality:GM0002:bw', '50.00'],
      ]),
    },
  },
  payment('e4', 2025, 'du-2025', 'MO', [
    ['rijk', '-5.00'],
    ['municipality:GM0001:mo', '5.00'],
  ]),
  { ...envelope('e5'), type: 'YearClosed', data: { regionId: 'r', year: 2024 } },
];

describe('journal CSV', () => {
  const mapping = parseJournalMapping(
    [
      '\uFEFFrekening;grootboekrekening;kostenplaats;taakveld;omschrijving',
      'municipality:GM0001:bw;4810;KP-ALPHA;6.81a;Alpha apart',
      'municipality:*:bw;4800;;6.81a;',
      'rijk;1900;;;',
      'region:r:*;2100;BW-REG;6.81a;',
    ].join('\r\n'),
    'grootboek.csv',
  );

  it('writes one line per posting, with the counter account and debit or credit, summing to zero per event', () => {
    const { csv, lines } = renderJournalCsv(EVENTS, { mapping, locale: 'en' });
    const [header, ...rows] = parse(csv);
    expect(lines).toBe(10);
    const at = (name: string) => header.indexOf(name);
    const pick = (row: string[]) => [
      row[at('gebeurtenis')],
      row[at('rekening')],
      row[at('tegenrekening')],
      row[at('bedrag')],
      row[at('debet')],
      row[at('credit')],
    ];
    expect(rows.map(pick)).toEqual([
      ['e1', 'rijk', 'region:r:bw-historical', '-1000.00', '', '1000.00'],
      ['e1', 'region:r:bw-historical', 'rijk', '1000.00', '1000.00', ''],
      ['e2', 'region:r:bw-historical', SEVERAL_ACCOUNTS, '-1000.00', '', '1000.00'],
      ['e2', 'municipality:GM0001:bw', 'region:r:bw-historical', '600.00', '600.00', ''],
      ['e2', 'municipality:GM0002:bw', 'region:r:bw-historical', '400.00', '400.00', ''],
      ['e3', 'municipality:GM0001:bw', 'municipality:GM0002:bw', '-30.00', '', '30.00'],
      ['e3', 'municipality:GM0003:bw', 'municipality:GM0002:bw', '-20.00', '', '20.00'],
      ['e3', 'municipality:GM0002:bw', SEVERAL_ACCOUNTS, '50.00', '50.00', ''],
      ['e4', 'rijk', 'municipality:GM0001:mo', '-5.00', '', '5.00'],
      ['e4', 'municipality:GM0001:mo', 'rijk', '5.00', '5.00', ''],
    ]);
    const first = rows[0];
    expect(first[at('boekdatum')]).toBe('2024-12-31');
    expect(first[at('vastgelegd')]).toBe('2026-07-01T10:00:00.000Z');
    expect(first[at('soort')]).toBe('Rijksbetaling');
    expect(first[at('omschrijving')]).toBe('Rijksbetaling iu-2024 BW');
    expect(rows[2][at('regel')]).toBe('bw-historical-distribution');
  });

  it('maps each account by the first matching pattern, and lists the accounts without a general-ledger account', () => {
    const { csv, unmapped } = renderJournalCsv(EVENTS, { mapping, locale: 'en', year: 2024 });
    const [header, ...rows] = parse(csv);
    const mapped = (account: string) => {
      const row = rows.find((each) => each[header.indexOf('rekening')] === account)!;
      return ['grootboekrekening', 'kostenplaats', 'taakveld'].map((name) => row[header.indexOf(name)]);
    };
    expect(mapped('municipality:GM0001:bw')).toEqual(['4810', 'KP-ALPHA', '6.81a']);
    expect(mapped('municipality:GM0002:bw')).toEqual(['4800', '', '6.81a']);
    expect(mapped('region:r:bw-historical')).toEqual(['2100', 'BW-REG', '6.81a']);
    expect(rows[0][header.indexOf('tegengrootboekrekening')]).toBe('2100');
    // the year's lines only; the MO account of 2025 is not in it
    expect(rows.every((row) => row[header.indexOf('boekjaar')] === '2024')).toBe(true);
    expect(unmapped).toEqual([]);
    expect(renderJournalCsv(EVENTS, { mapping, locale: 'en' }).unmapped).toEqual(['municipality:GM0001:mo']);
  });

  it('is Dutch by default: ; a decimal comma, Dutch dates and times in Dutch local time, a byte order mark', () => {
    const { csv } = renderJournalCsv(EVENTS, { mapping, locale: 'nl', year: 2025 });
    expect(csv.startsWith('\uFEFFboekdatum;boekjaar;')).toBe(true);
    expect(csv).toContain(
      '31-12-2025;2025;e4;Rijksbetaling;;Rijksbetaling du-2025 MO;rijk;municipality:GM0001:mo;1900;;;;-5,00;;5,00;01-07-2026 12:00:00;cli:anna;r.jsonl:3\n',
    );
  });

  it('starts a mapping with every kind of account and the Iv3 task fields, which reads back as written', () => {
    const start = defaultJournalMapping('holland-rijnland');
    expect(mappingFor(start, 'municipality:GM0546:bw')?.taskField).toBe('6.81a');
    expect(mappingFor(start, 'municipality:GM0546:mo')?.taskField).toBe('6.81b');
    expect(mappingFor(start, 'region:holland-rijnland:mo-provisions')?.taskField).toBe('6.81b');
    expect(mappingFor(start, 'region:holland-rijnland:reserve')?.taskField).toBe('0.10');
    expect(mappingFor(start, 'region:holland-rijnland:fund:friction')?.taskField).toBe('0.10');
    for (const locale of ['nl', 'en'] as const)
      expect(parseJournalMapping(renderJournalMapping(start, locale), 'grootboek.csv')).toEqual(start);
  });

  it.each([
    ['rekening;grootboek\nrijk;1900', 'grootboek.csv:1: column 2 "grootboek" is not a column of a mapping'],
    ['taakveld;rekening\n6.81a;rijk', 'grootboek.csv:1: the first column must be "rekening"'],
    ['rekening;grootboekrekening\nrijk;1900\n;1901', 'grootboek.csv:3: rekening: empty'],
    [
      'rekening;grootboekrekening\nrijk;1900\nrijk;1901',
      'grootboek.csv:3: rekening: "rijk" is mapped already on line 2',
    ],
    [
      'rekening;grootboekrekening\nrijk (Den Haag);1900',
      'grootboek.csv:2: rekening: "rijk (Den Haag)" is not an account pattern',
    ],
    ['rekening;grootboekrekening\nrijk;1900;extra', 'grootboek.csv:2: 3 cells, the header names 2 columns'],
    ['', 'grootboek.csv: empty'],
  ])('refuses %j, naming the line: %s', (text, message) => {
    expect(() => parseJournalMapping(text, 'grootboek.csv')).toThrow(message);
  });

  it('reads a comma-separated mapping and a formula-escaped cell as written', () => {
    const read = parseJournalMapping("rekening,grootboekrekening,kostenplaats\nrijk,'-1900,'=KP", 'g.csv');
    expect(read.rules).toEqual([
      { pattern: 'rijk', ledgerAccount: '-1900', costCentre: '=KP', taskField: '', description: '' },
    ]);
  });
});
