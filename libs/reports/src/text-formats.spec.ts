import { buildBalances, Explanation, PostingBasis } from '@libs/projections';
import { renderBalancesTable } from './balances.table';
import { renderExplanationText } from './explain.text';
import { revisionLabel } from './replay.text';
import { renderStatementTable } from './statement.table';
import { reserveBothWays } from './testing/documents.spec-helper';
import { viaText } from './trace.text';

describe('the reserve statement of BBV art. 54 in the table', () => {
  const { statement, state } = reserveBothWays();

  it('shows the BW withdrawal and the MO addition, not their net € 0,00', () => {
    const table = renderStatementTable(statement);
    const block = table.slice(table.indexOf('Regionale reserve, verloop (BBV art. 54)')).split('\n\n')[0];
    expect(block.split('\n').map((line) => line.replace(/\s+/g, ' ').trim())).toEqual([
      'Regionale reserve, verloop (BBV art. 54)',
      'Stand begin jaar € 500.000,00',
      'Toevoegingen',
      'Uit resultaat MO € 100.000,00',
      'Totaal toevoegingen € 100.000,00',
      'Onttrekkingen',
      'Ten gunste van het resultaat BW € 100.000,00',
      'Totaal onttrekkingen € 100.000,00',
      'Stand einde jaar € 500.000,00',
      'Ondergrens bandbreedte € 0,00',
      'Bovengrens bandbreedte € 10.000.000,00',
    ]);
  });

  it('gives each municipality its due with a total, in words', () => {
    const table = renderStatementTable(statement);
    expect(table).toMatch(/GM0001 Alpha\s+€ 0,00\s+€ 0,00\s+€ 0,00\s+niets te verrekenen/);
    expect(table).toMatch(/GM0002 Beta\s+€ 550\.000,00\s+€ 150\.000,00\s+€ 700\.000,00\s+te ontvangen/);
    expect(table).toMatch(/GM0003 Gamma\s+€ -400\.000,00\s+€ 90\.000,00\s+€ -310\.000,00\s+te betalen/);
    expect(table).toMatch(/Alle gemeenten samen\s+€ 150\.000,00\s+€ 240\.000,00\s+€ 390\.000,00/);
  });

  it('balances show the reserve with opening, movements and closing, not its movement as a balance', () => {
    const balances = buildBalances(state, 2024);
    expect(balances.carried).toEqual({
      'region:test-region:reserve': { opening: '500000.00', movement: '0.00', closing: '500000.00' },
    });
    // the year's postings on the reserve, as before (interface.md §2)
    expect(balances.accounts['region:test-region:reserve']).toBe('500000.00');
    const table = renderBalancesTable(balances);
    expect(table).not.toMatch(/^region:test-region:reserve\s+€ 500\.000,00$/m);
    expect(table).toMatch(/Rekening\s+Beginsaldo\s+Mutaties\s+Eindsaldo/);
    expect(table).toMatch(/region:test-region:reserve\s+€ 500\.000,00\s+€ 0,00\s+€ 500\.000,00/);
  });
});

describe('explain in Dutch', () => {
  const explanation: Explanation<PostingBasis> = {
    regionId: 'r',
    year: 2024,
    account: 'region:r:reserve',
    asOf: '2026-07-01T10:00:00.000Z',
    balance: '-150.00',
    carried: { opening: '1000.00', movement: '-150.00', closing: '850.00' },
    postings: [
      {
        eventId: 'e1',
        eventType: 'RegionalResultTransferred',
        amount: '-150.00',
        recordedAt: '2026-01-10T23:30:00.000Z',
        actor: 'cli:anna',
        source: 'r.jsonl:9',
        rule: 'result-to-reserve',
        inputs: { result: '-150.00', toReservePct: '100', toReserve: '-150.00', reserveAgreementVersion: 2 },
        details: { scheme: 'BW' },
      },
    ],
  };

  it('labels, derives, dates and closes a carried account in Dutch', () => {
    expect(renderExplanationText(explanation).split('\n')).toEqual([
      'Rekening region:r:reserve (regionale reserve) — r 2024 (zoals vastgelegd op 01-07-2026 12:00:00)',
      '',
      '           € -150,00  Resultaat naar of uit reserve',
      '                      resultaat BW € -150,00 × 100 / 100, afgerond = € -150,00 naar (+) of uit (−) de reserve (reserveafspraak v2)',
      '                      vastgelegd 11-01-2026 00:30:00 door cli:anna, bron r.jsonl:9, gebeurtenis e1',
      '',
      '          € 1.000,00  Beginsaldo 1 januari 2024',
      '           € -150,00  Mutaties 2024',
      '            € 850,00  Eindsaldo 31 december 2024',
    ]);
  });

  it('ends an account of one budget year with its balance for the year', () => {
    const { carried: _carried, ...yearAccount } = explanation;
    expect(
      renderExplanationText({ ...yearAccount, account: 'municipality:GM0001:bw' })
        .split('\n')
        .at(-1),
    ).toBe('           € -150,00  Saldo 2024');
  });
});

describe('trace and replay in Dutch', () => {
  it.each([
    ['RijkPaymentRecorded', 'Rijksbetaling'],
    ['MoBudgetDistributed (mo-distribution)', 'Verdeling MO-budget'],
    [
      'ReserveReplenished (reserve-replenishment), ReservePaidOut (reserve-payout)',
      'Aanvulling reserve door gemeenten, Uitkering uit reserve aan gemeenten',
    ],
    [
      'taken back by correction iu-bw-2024-dec before it was allocated',
      'teruggenomen door correctie iu-bw-2024-dec voordat het verdeeld was',
    ],
    [
      'netted against payment iu-bw-2024 before it was allocated',
      'verrekend met betaling iu-bw-2024 voordat het verdeeld was',
    ],
    ['still held (balance)', 'staat nog in de pot (saldo)'],
    ['still to be taken back (balance)', 'moet nog worden teruggenomen (saldo)'],
  ])('a trace says %j as %j', (via, dutch) => {
    expect(viaText(via, 'nl')).toBe(dutch);
    // the English is the JSON's own sentence: words.en.ts says what tracePayment writes
    expect(viaText(via, 'en')).toBe(via);
  });

  it.each([
    [{ type: 'AdoptDistributionKey', identity: 'bw-objective v1' }, 'objectieve sleutel BW (bw-objective) v1'],
    [
      { type: 'AdoptReserveAgreement', identity: 'AdoptReserveAgreement from 2023 (v1)' },
      'reserveafspraak vanaf 2023 (v1)',
    ],
    [
      { type: 'AdoptSolidarityAgreement', identity: 'AdoptSolidarityAgreement from 2025 (v3)' },
      'solidariteitsafspraak vanaf 2025 (v3)',
    ],
  ])('a what-if names the revision %j as %j', (revision, label) => {
    expect(revisionLabel(revision)).toBe(label);
  });
});
