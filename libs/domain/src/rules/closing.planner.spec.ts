import { Cents, formatAmount } from '@libs/money';
import { Account } from '../accounts';
import { ReserveBandInputs } from '../events/derived.events';
import { DomainEvent } from '../events/domain-event';
import { Posting } from '../events/posting';
import { Scheme } from '../scheme';
import { balance, eur, given, posting, RawCommand } from '../testing/decider.spec-helper';
import {
  account,
  ALPHA,
  BETA,
  budget,
  close,
  cost,
  expenditure,
  GAMMA,
  keyRef,
  keys,
  payment,
  R,
  registerRegion,
  reopen,
  reserveAgreement,
  solidarityAgreement,
  trail,
  TrailRow,
} from '../testing/fixtures.spec-helper';

const opening = (amount: string, year = 2024): RawCommand => ({
  command: 'RecordReserveOpening',
  regionId: R,
  year,
  amount,
});

/** BW result −10.00 (skim 100, costs 110), MO result +5.00 (skim 100, costs 95). */
const year2024 = [
  registerRegion,
  ...keys,
  payment('BW', 'historical', ALPHA, '1000.00', 2024, 'iu'),
  payment('MO', 'objective', ALPHA, '500.00', 2024, 'du'),
  budget('BW', '100.00'),
  budget('MO', '100.00'),
  cost('BW', '110.00', 2024, 'bw-cost'),
  cost('MO', '95.00', 2024, 'mo-cost'),
];

const bwInputs = {
  historicalPayments: eur('1000.00'),
  regionalBudget: eur('100.00'),
  budgetVersion: 1,
  objectivePct: '0',
};
const moInputs = { moPayments: eur('500.00'), regionalBudget: eur('100.00'), budgetVersion: 1 };

/** The allocation run a closing of `year2024` starts with: skims of 100.00, the rest split 50/30/20 and 60/25/15. */
const run2024: DomainEvent[] = [
  {
    type: 'BwHistoricalSkimmed',
    data: {
      regionId: R,
      year: 2024,
      scheme: 'BW',
      rule: 'bw-skim',
      inputs: { ...bwInputs, formula: 'round(C × (1 − p/100))', target: eur('100.00'), previouslyRecorded: 0n },
      postings: [posting(account.bwHistorical, '-100.00'), posting(account.bwProvisions, '100.00')],
    },
  },
  {
    type: 'BwHistoricalDistributed',
    data: {
      regionId: R,
      year: 2024,
      scheme: 'BW',
      rule: 'bw-historical-distribution',
      key: keyRef('bw-historical'),
      inputs: { ...bwInputs, skim: eur('100.00'), formula: 'H − K split by bw-historical', remainder: eur('900.00') },
      allocation: trail('900.00', '0.00', [
        [ALPHA, '50', '450', '450.00', '0.00', '0.00', '450.00'],
        [BETA, '30', '270', '270.00', '0.00', '0.00', '270.00'],
        [GAMMA, '20', '180', '180.00', '0.00', '0.00', '180.00'],
      ]),
      postings: [
        posting(account.bw(ALPHA), '450.00'),
        posting(account.bw(BETA), '270.00'),
        posting(account.bw(GAMMA), '180.00'),
        posting(account.bwHistorical, '-900.00'),
      ],
    },
  },
  {
    type: 'MoBudgetSkimmed',
    data: {
      regionId: R,
      year: 2024,
      scheme: 'MO',
      rule: 'mo-skim',
      inputs: { ...moInputs, formula: 'C_MO', target: eur('100.00'), previouslyRecorded: 0n },
      postings: [posting(account.moBudget, '-100.00'), posting(account.moProvisions, '100.00')],
    },
  },
  {
    type: 'MoBudgetDistributed',
    data: {
      regionId: R,
      year: 2024,
      scheme: 'MO',
      rule: 'mo-distribution',
      key: keyRef('mo-objective'),
      inputs: { ...moInputs, formula: 'M − C_MO split by mo-objective', remainder: eur('400.00') },
      allocation: trail('400.00', '0.00', [
        [ALPHA, '60', '240', '240.00', '0.00', '0.00', '240.00'],
        [BETA, '25', '100', '100.00', '0.00', '0.00', '100.00'],
        [GAMMA, '15', '60', '60.00', '0.00', '0.00', '60.00'],
      ]),
      postings: [
        posting(account.mo(ALPHA), '240.00'),
        posting(account.mo(BETA), '100.00'),
        posting(account.mo(GAMMA), '60.00'),
        posting(account.moBudget, '-400.00'),
      ],
    },
  },
];

const yearClosed: DomainEvent = { type: 'YearClosed', data: { regionId: R, year: 2024 } };
const minus = (amount: string) => formatAmount(-eur(amount));
const provisions = (scheme: Scheme) => (scheme === 'BW' ? account.bwProvisions : account.moProvisions);
const member = (scheme: Scheme) => (scheme === 'BW' ? account.bw : account.mo);
const schemeKey = (scheme: Scheme) => keyRef(scheme === 'BW' ? 'bw-objective' : 'mo-objective');

/** The members' side of a split (each row's delta, `sign` −1 when the members pay) and the pool's. */
function splitPostings(scheme: Scheme, pool: Account, rows: TrailRow[], sign: 1n | -1n): Posting[] {
  const members = rows.map(([code, , , , , , delta]) => ({ account: member(scheme)(code), amount: sign * eur(delta) }));
  const total = members.reduce((sum, entry) => sum + entry.amount, 0n);
  return [...members, { account: pool, amount: -total }];
}

/** Step 2: `toReserve` of the scheme's result `result` moves to (+) or from (−) the reserve. */
const toReserve = (scheme: Scheme, result: string, moved: string, toReservePct = '100'): DomainEvent => ({
  type: 'RegionalResultTransferred',
  data: {
    regionId: R,
    year: 2024,
    scheme,
    rule: 'result-to-reserve',
    inputs: {
      result: eur(result),
      reserveAgreementVersion: 1,
      toReservePct,
      formula: 'round(r × toReservePct/100)',
      toReserve: eur(moved),
    },
    postings: [posting(provisions(scheme), minus(moved)), posting(account.reserve, moved)],
  },
});

/** Step 3: the rest of the result settled with the members by the scheme key (`pct` when an agreement covers it). */
function settled(scheme: Scheme, result: string, amount: string, rows: TrailRow[], pct?: string): DomainEvent {
  return {
    type: 'RegionalResultSettled',
    data: {
      regionId: R,
      year: 2024,
      scheme,
      rule: 'result-settlement',
      key: schemeKey(scheme),
      inputs: {
        result: eur(result),
        reserveAgreementVersion: pct === undefined ? null : 1,
        toReservePct: pct ?? '0',
        formula:
          pct === undefined
            ? 'r, split by the scheme key (no reserve agreement covers the scheme)'
            : 'r − toReserve, split by the scheme key',
        settled: eur(amount),
      },
      allocation: trail(amount, '0.00', rows),
      postings: splitPostings(scheme, provisions(scheme), rows, 1n),
    },
  };
}

/** What the reserve band of an agreement with a fixed base of 1000.00 (5–10%) saw at the closing. */
const band = (balanceBefore: string): ReserveBandInputs => ({
  balance: eur(balanceBefore),
  base: eur('1000.00'),
  baseKind: 'fixed',
  minPct: '5',
  maxPct: '10',
  min: eur('50.00'),
  max: eur('100.00'),
  reserveAgreementVersion: 1,
  budgetBW: eur('100.00'),
  budgetMO: eur('100.00'),
});

type Band = ReserveBandInputs;
interface Move {
  target: string;
  amount: string;
  schemePart: string;
}

/** Step 4, below the band: the members pay the scheme's part into the reserve by the scheme key. */
const replenished = (scheme: Scheme, inputs: Band, to: 'min' | 'max', move: Move, rows: TrailRow[]): DomainEvent => ({
  type: 'ReserveReplenished',
  data: {
    regionId: R,
    year: 2024,
    scheme,
    rule: 'reserve-replenishment',
    key: schemeKey(scheme),
    inputs: {
      ...inputs,
      replenishTo: to,
      target: eur(move.target),
      amount: eur(move.amount),
      schemePart: eur(move.schemePart),
    },
    allocation: trail(move.schemePart, '0.00', rows),
    postings: splitPostings(scheme, account.reserve, rows, -1n),
  },
});

/** Step 4, above the band: the scheme's part is paid out to the members by the scheme key. */
const paidOut = (scheme: Scheme, inputs: Band, to: 'max' | 'min', move: Move, rows: TrailRow[]): DomainEvent => ({
  type: 'ReservePaidOut',
  data: {
    regionId: R,
    year: 2024,
    scheme,
    rule: 'reserve-payout',
    key: schemeKey(scheme),
    inputs: {
      ...inputs,
      payoutTo: to,
      target: eur(move.target),
      amount: eur(move.amount),
      schemePart: eur(move.schemePart),
    },
    allocation: trail(move.schemePart, '0.00', rows),
    postings: splitPostings(scheme, account.reserve, rows, 1n),
  },
});

/** 7.50 over the BW key 40/35/25 and over the MO key 60/25/15: the half cents by largest remainder. */
const bwHalf: TrailRow[] = [
  [ALPHA, '40', '3', '3.00', '0.00', '0.00', '3.00'],
  [BETA, '35', '2.625', '2.63', '0.01', '0.00', '2.63'],
  [GAMMA, '25', '1.875', '1.87', '0.00', '0.00', '1.87'],
];
const moHalf: TrailRow[] = [
  [ALPHA, '60', '4.5', '4.50', '0.00', '0.00', '4.50'],
  [BETA, '25', '1.875', '1.88', '0.01', '0.00', '1.88'],
  [GAMMA, '15', '1.125', '1.12', '0.00', '0.00', '1.12'],
];
const bwResult: TrailRow[] = [
  [ALPHA, '40', '-4', '-4.00', '0.00', '0.00', '-4.00'],
  [BETA, '35', '-3.5', '-3.50', '0.00', '0.00', '-3.50'],
  [GAMMA, '25', '-2.5', '-2.50', '0.00', '0.00', '-2.50'],
];
const moResult: TrailRow[] = [
  [ALPHA, '60', '3', '3.00', '0.00', '0.00', '3.00'],
  [BETA, '25', '1.25', '1.25', '0.00', '0.00', '1.25'],
  [GAMMA, '15', '0.75', '0.75', '0.00', '0.00', '0.75'],
];

/** The pots the closing empties are empty afterwards. */
/**
 * A member's solidarity line without a baseline or own account (deviation and pooled are the result) and
 * weight 1: what it moves now is its target less what the previous close moved.
 */
const plainLine = (
  code: string,
  income: string,
  spending: string,
  result: string,
  cap: string | null,
  target: Cents,
  previous: Cents = 0n,
) => ({
  code,
  income,
  spending,
  result,
  deviation: result,
  pooled: result,
  weight: '1',
  cap,
  target,
  previous,
  delta: target - previous,
});

const provisionsEmpty = (after: Parameters<typeof balance>[0]) => {
  expect(balance(after, 2024, account.bwProvisions)).toBe('0.00');
  expect(balance(after, 2024, account.moProvisions)).toBe('0.00');
};

describe('closing a year (domain.md §6)', () => {
  it('moves both results to the reserve when the band holds, and marks the year closed', () => {
    const history = [...year2024, reserveAgreement(), opening('75.00')];
    given(...history)
      .when(close())
      .then([...run2024, toReserve('BW', '-10.00', '-10.00'), toReserve('MO', '5.00', '5.00'), yearClosed]);
    given(...history)
      .when(close())
      .thenState((after) => {
        provisionsEmpty(after);
        expect(balance(after, 2024, account.reserve)).toBe('70.00');
        expect(after.closedYears.has(2024)).toBe(true);
      });
  });

  it('settles the part of a result that does not go to the reserve, by the scheme key', () => {
    // BW: t = round(−10 × 0.4) = −4, the other −6 charged 40/35/25; MO: t = 2, +3 paid out 60/25/15
    given(...year2024, reserveAgreement({ toReservePct: '40' }), opening('75.00'))
      .when(close())
      .then([
        ...run2024,
        toReserve('BW', '-10.00', '-4.00', '40'),
        settled(
          'BW',
          '-10.00',
          '-6.00',
          [
            [ALPHA, '40', '-2.4', '-2.40', '0.00', '0.00', '-2.40'],
            [BETA, '35', '-2.1', '-2.10', '0.00', '0.00', '-2.10'],
            [GAMMA, '25', '-1.5', '-1.50', '0.00', '0.00', '-1.50'],
          ],
          '40',
        ),
        toReserve('MO', '5.00', '2.00', '40'),
        settled(
          'MO',
          '5.00',
          '3.00',
          [
            [ALPHA, '60', '1.8', '1.80', '0.00', '0.00', '1.80'],
            [BETA, '25', '0.75', '0.75', '0.00', '0.00', '0.75'],
            [GAMMA, '15', '0.45', '0.45', '0.00', '0.00', '0.45'],
          ],
          '40',
        ),
        yearClosed,
      ]);
  });

  it('settles the whole result with the municipalities without a reserve agreement (afrekensystematiek)', () => {
    given(...year2024)
      .when(close())
      .then([
        ...run2024,
        settled('BW', '-10.00', '-10.00', bwResult),
        settled('MO', '5.00', '5.00', moResult),
        yearClosed,
      ]);
    given(...year2024)
      .when(close())
      .thenState((after) => {
        provisionsEmpty(after);
        expect(balance(after, 2024, account.reserve)).toBe('0.00');
      });
  });

  it('settles a scheme the reserve agreement does not cover', () => {
    given(...year2024, reserveAgreement({ schemes: ['BW'] }), opening('75.00'))
      .when(close())
      .then([...run2024, toReserve('BW', '-10.00', '-10.00'), settled('MO', '5.00', '5.00', moResult), yearClosed]);
  });

  it('records no result events for results of zero', () => {
    given(registerRegion, ...keys, reserveAgreement(), opening('75.00'))
      .when(close())
      .then([yearClosed]);
  });

  describe('reserve band (a fixed base of 1000.00: min 5% = 50.00, max 10% = 100.00)', () => {
    const fixed = { base: { fixed: '1000.00' } };
    const results = [toReserve('BW', '-10.00', '-10.00'), toReserve('MO', '5.00', '5.00')];

    it('replenishes up to the minimum, split over the schemes by their budgets and over the municipalities by key', () => {
      // B = 40 − 5 = 35 < 50: 15.00, budgets 100/100 → 7.50 BW, 7.50 MO
      const move = { target: '50.00', amount: '15.00', schemePart: '7.50' };
      given(...year2024, reserveAgreement(fixed), opening('40.00'))
        .when(close())
        .then([
          ...run2024,
          ...results,
          replenished('BW', band('35.00'), 'min', move, bwHalf),
          replenished('MO', band('35.00'), 'min', move, moHalf),
          yearClosed,
        ]);
      given(...year2024, reserveAgreement(fixed), opening('40.00'))
        .when(close())
        .thenState((after) => {
          provisionsEmpty(after);
          expect(balance(after, 2024, account.reserve)).toBe('50.00');
        });
    });

    it('replenishes up to the maximum when agreed', () => {
      const move = { target: '100.00', amount: '65.00', schemePart: '32.50' };
      given(...year2024, reserveAgreement({ ...fixed, replenishTo: 'max' }), opening('40.00'))
        .when(close())
        .then([
          ...run2024,
          ...results,
          replenished('BW', band('35.00'), 'max', move, [
            [ALPHA, '40', '13', '13.00', '0.00', '0.00', '13.00'],
            [BETA, '35', '11.375', '11.38', '0.01', '0.00', '11.38'],
            [GAMMA, '25', '8.125', '8.12', '0.00', '0.00', '8.12'],
          ]),
          replenished('MO', band('35.00'), 'max', move, [
            [ALPHA, '60', '19.5', '19.50', '0.00', '0.00', '19.50'],
            [BETA, '25', '8.125', '8.13', '0.01', '0.00', '8.13'],
            [GAMMA, '15', '4.875', '4.87', '0.00', '0.00', '4.87'],
          ]),
          yearClosed,
        ]);
    });

    it('pays out above the maximum to the municipalities', () => {
      // B = 120 − 5 = 115 > 100: 15.00 paid out, 7.50 per scheme
      const move = { target: '100.00', amount: '15.00', schemePart: '7.50' };
      given(...year2024, reserveAgreement(fixed), opening('120.00'))
        .when(close())
        .then([
          ...run2024,
          ...results,
          paidOut('BW', band('115.00'), 'max', move, bwHalf),
          paidOut('MO', band('115.00'), 'max', move, moHalf),
          yearClosed,
        ]);
      given(...year2024, reserveAgreement(fixed), opening('120.00'))
        .when(close())
        .thenState((after) => {
          provisionsEmpty(after);
          expect(balance(after, 2024, account.reserve)).toBe('100.00');
        });
    });

    it('pays out down to the minimum when agreed', () => {
      const move = { target: '50.00', amount: '65.00', schemePart: '32.50' };
      given(...year2024, reserveAgreement({ ...fixed, payoutTo: 'min' }), opening('120.00'))
        .when(close())
        .then([
          ...run2024,
          ...results,
          paidOut('BW', band('115.00'), 'min', move, [
            [ALPHA, '40', '13', '13.00', '0.00', '0.00', '13.00'],
            [BETA, '35', '11.375', '11.38', '0.01', '0.00', '11.38'],
            [GAMMA, '25', '8.125', '8.12', '0.00', '0.00', '8.12'],
          ]),
          paidOut('MO', band('115.00'), 'min', move, [
            [ALPHA, '60', '19.5', '19.50', '0.00', '0.00', '19.50'],
            [BETA, '25', '8.125', '8.13', '0.01', '0.00', '8.13'],
            [GAMMA, '15', '4.875', '4.87', '0.00', '0.00', '4.87'],
          ]),
          yearClosed,
        ]);
    });

    it('moves the excess to a fund when agreed', () => {
      given(...year2024, reserveAgreement({ ...fixed, excessTo: 'fund:friction' }), opening('120.00'))
        .when(close())
        .then([
          ...run2024,
          ...results,
          {
            type: 'ReserveExcessTransferredToFund',
            data: {
              regionId: R,
              year: 2024,
              rule: 'reserve-excess-to-fund',
              inputs: {
                ...band('115.00'),
                payoutTo: 'max',
                target: eur('100.00'),
                amount: eur('15.00'),
                fundId: 'friction',
              },
              postings: [posting(account.reserve, '-15.00'), posting(account.fund('friction'), '15.00')],
            },
          },
          yearClosed,
        ]);
      given(...year2024, reserveAgreement({ ...fixed, excessTo: 'fund:friction' }), opening('120.00'))
        .when(close())
        .thenState((after) => {
          provisionsEmpty(after);
          expect(balance(after, 2024, account.fund('friction'))).toBe('15.00');
          expect(balance(after, 2024, account.reserve)).toBe('100.00');
        });
    });

    it('puts all of a movement on BW when both budgets are zero', () => {
      const noBudgets = { ...band('40.00'), budgetBW: 0n, budgetMO: 0n };
      given(registerRegion, ...keys, reserveAgreement(fixed), opening('40.00'))
        .when(close())
        .then([
          replenished('BW', noBudgets, 'min', { target: '50.00', amount: '10.00', schemePart: '10.00' }, [
            [ALPHA, '40', '4', '4.00', '0.00', '0.00', '4.00'],
            [BETA, '35', '3.5', '3.50', '0.00', '0.00', '3.50'],
            [GAMMA, '25', '2.5', '2.50', '0.00', '0.00', '2.50'],
          ]),
          yearClosed,
        ]);
    });

    it('puts all of a movement on the one covered scheme', () => {
      // MO's result +5.00 to the reserve: 45.00 < 50.00, the MO members replenish 5.00; BW is settled
      given(...year2024, reserveAgreement({ ...fixed, schemes: ['MO'] }), opening('40.00'))
        .when(close())
        .then([
          ...run2024,
          settled('BW', '-10.00', '-10.00', bwResult),
          toReserve('MO', '5.00', '5.00'),
          replenished('MO', band('45.00'), 'min', { target: '50.00', amount: '5.00', schemePart: '5.00' }, [
            [ALPHA, '60', '3', '3.00', '0.00', '0.00', '3.00'],
            [BETA, '25', '1.25', '1.25', '0.00', '0.00', '1.25'],
            [GAMMA, '15', '0.75', '0.75', '0.00', '0.00', '0.75'],
          ]),
          yearClosed,
        ]);
    });

    it('takes the band from the year\'s budgets when the base is "budget"', () => {
      // base = 100 + 100 = 200 → min 10.00, max 20.00; B = 40 − 5 = 35 → 15.00 paid out
      const budgetBand = {
        ...band('35.00'),
        base: eur('200.00'),
        baseKind: 'budget' as const,
        min: eur('10.00'),
        max: eur('20.00'),
      };
      const move = { target: '20.00', amount: '15.00', schemePart: '7.50' };
      given(...year2024, reserveAgreement({ base: 'budget' }), opening('40.00'))
        .when(close())
        .then([
          ...run2024,
          ...results,
          paidOut('BW', budgetBand, 'max', move, bwHalf),
          paidOut('MO', budgetBand, 'max', move, moHalf),
          yearClosed,
        ]);
    });

    it('counts the reserve over all years up to the one closed', () => {
      const move = { target: '50.00', amount: '15.00', schemePart: '7.50' };
      given(...year2024, reserveAgreement(fixed), opening('40.00', 2023))
        .when(close())
        .then([
          ...run2024,
          ...results,
          replenished('BW', band('35.00'), 'min', move, bwHalf),
          replenished('MO', band('35.00'), 'min', move, moHalf),
          yearClosed,
        ]);
    });
  });

  describe('solidarity at closing', () => {
    const locals = [
      payment('BW', 'objective', BETA, '100.00', 2024, 'obj-b'),
      payment('BW', 'objective', GAMMA, '100.00', 2024, 'obj-c'),
      expenditure(BETA, '130.00'),
      expenditure(GAMMA, '60.00'),
    ];
    const choices = {
      baseline: 'income' as const,
      executionCosts: 'actual' as const,
      surchargePct: null,
      cap: false,
      policyCorrections: false,
      ownAccountPct: '0',
      weighted: false,
    };

    it('transfers on BW after the results and the band, in one event whose postings net to zero', () => {
      // R = income − spending: Beta 100 − 130 = −30 receives 30.00, Gamma 100 − 60 = +40 pays it
      given(registerRegion, ...keys, ...locals, solidarityAgreement())
        .when(close())
        .then([
          {
            type: 'SolidarityTransferred',
            data: {
              regionId: R,
              year: 2024,
              scheme: 'BW',
              rule: 'solidarity',
              agreementVersion: 1,
              inputs: choices,
              volume: eur('30.00'),
              lines: [
                {
                  code: ALPHA,
                  income: '0',
                  spending: '0',
                  result: '0',
                  deviation: '0',
                  pooled: '0',
                  weight: '1',
                  cap: null,
                  target: 0n,
                  previous: 0n,
                  delta: 0n,
                },
                {
                  code: BETA,
                  income: '100',
                  spending: '130',
                  result: '-30',
                  deviation: '-30',
                  pooled: '-30',
                  weight: '1',
                  cap: null,
                  target: eur('30.00'),
                  previous: 0n,
                  delta: eur('30.00'),
                },
                {
                  code: GAMMA,
                  income: '100',
                  spending: '60',
                  result: '40',
                  deviation: '40',
                  pooled: '40',
                  weight: '1',
                  cap: null,
                  target: eur('-30.00'),
                  previous: 0n,
                  delta: eur('-30.00'),
                },
              ],
              postings: [posting(account.bw(BETA), '30.00'), posting(account.bw(GAMMA), '-30.00')],
            },
          },
          yearClosed,
        ]);
    });

    it('counts shares and settlements as income, but not expenditure or solidarity itself', () => {
      // BW result −10.00 settled 40/35/25; historical shares 450 | 270 | 180 of 900; objective budgets 0 | 100 | 100:
      // income 450 − 4 = 446 | 270 − 3.5 + 100 = 366.5 | 180 − 2.5 + 100 = 277.5; with cap, Beta's need of 133.50
      // is paid by Alpha and Gamma in proportion to their surpluses, rounded down: 89.73 + 43.76 = 133.49
      given(
        registerRegion,
        ...keys,
        payment('BW', 'historical', ALPHA, '1000.00', 2024, 'iu'),
        budget('BW', '100.00'),
        cost('BW', '110.00', 2024, 'c'),
        ...locals.slice(0, 2),
        expenditure(BETA, '500.00'),
        expenditure(GAMMA, '60.00'),
        solidarityAgreement({ cap: true }),
      )
        .when(close())
        .then([
          run2024[0],
          run2024[1],
          settled('BW', '-10.00', '-10.00', bwResult),
          {
            type: 'SolidarityTransferred',
            data: {
              regionId: R,
              year: 2024,
              scheme: 'BW',
              rule: 'solidarity',
              agreementVersion: 1,
              inputs: { ...choices, cap: true },
              volume: eur('133.49'),
              lines: [
                plainLine(ALPHA, '446', '0', '446', '446', eur('-89.73')),
                plainLine(BETA, '366.5', '500', '-133.5', null, eur('133.49')),
                plainLine(GAMMA, '277.5', '60', '217.5', '217.5', eur('-43.76')),
              ],
              postings: [
                posting(account.bw(ALPHA), '-89.73'),
                posting(account.bw(BETA), '133.49'),
                posting(account.bw(GAMMA), '-43.76'),
              ],
            },
          },
          yearClosed,
        ]);
    });

    it('records only the difference when a reopened year is closed again', () => {
      // Gamma's surplus, and so its cap, falls from 40.00 to 20.00: it pays 10.00 less, Beta receives 10.00 less
      const history = [
        registerRegion,
        ...keys,
        ...locals,
        solidarityAgreement({ cap: true }),
        close(),
        reopen(),
        expenditure(GAMMA, '20.00'),
      ];
      given(...history)
        .when(close())
        .then([
          {
            type: 'SolidarityTransferred',
            data: {
              regionId: R,
              year: 2024,
              scheme: 'BW',
              rule: 'solidarity',
              agreementVersion: 1,
              inputs: { ...choices, cap: true },
              volume: eur('20.00'),
              lines: [
                plainLine(ALPHA, '0', '0', '0', null, 0n),
                plainLine(BETA, '100', '130', '-30', null, eur('20.00'), eur('30.00')),
                plainLine(GAMMA, '100', '80', '20', '20', eur('-20.00'), eur('-30.00')),
              ],
              postings: [posting(account.bw(BETA), '-10.00'), posting(account.bw(GAMMA), '10.00')],
            },
          },
          yearClosed,
        ]);
      given(...history)
        .when(close())
        .thenState((after) => {
          expect(balance(after, 2024, account.bw(GAMMA))).toBe('0.00');
          expect(balance(after, 2024, account.bw(BETA))).toBe('-10.00');
        });
    });
  });

  describe('reopening', () => {
    it('closing again records only what changed', () => {
      const history = [
        ...year2024,
        reserveAgreement(),
        opening('75.00'),
        close(),
        reopen(2024, 'nagekomen factuur'),
        cost('BW', '5.00', 2024, 'late-invoice'),
      ];
      given(...history)
        .when(close())
        .then([toReserve('BW', '-5.00', '-5.00'), yearClosed]);
      given(...history)
        .when(close())
        .thenState((after) => {
          provisionsEmpty(after);
          expect(balance(after, 2024, account.reserve)).toBe('65.00');
        });
    });

    it('a new Rijk payment in a reopened year flows through the run and the results', () => {
      given(...year2024, close(), reopen(), payment('BW', 'historical', ALPHA, '100.00', 2024, 'nacalculatie'))
        .when(close())
        .then([
          {
            type: 'BwHistoricalDistributed',
            data: {
              regionId: R,
              year: 2024,
              scheme: 'BW',
              rule: 'bw-historical-distribution',
              key: keyRef('bw-historical'),
              inputs: {
                ...bwInputs,
                historicalPayments: eur('1100.00'),
                skim: eur('100.00'),
                formula: 'H − K split by bw-historical',
                remainder: eur('1000.00'),
              },
              allocation: trail('1000.00', '900.00', [
                [ALPHA, '50', '500', '500.00', '0.00', '450.00', '50.00'],
                [BETA, '30', '300', '300.00', '0.00', '270.00', '30.00'],
                [GAMMA, '20', '200', '200.00', '0.00', '180.00', '20.00'],
              ]),
              postings: [
                posting(account.bw(ALPHA), '50.00'),
                posting(account.bw(BETA), '30.00'),
                posting(account.bw(GAMMA), '20.00'),
                posting(account.bwHistorical, '-100.00'),
              ],
            },
          },
          yearClosed,
        ]);
    });
  });

  it('leaves advances out of results, the reserve and solidarity: the closing records exactly the same', () => {
    const advances: RawCommand[] = [ALPHA, BETA, GAMMA].flatMap((code, index) =>
      (['BW', 'MO'] as const).map((scheme) => ({
        command: 'RecordAdvance',
        regionId: R,
        advanceId: `vs-${code}-${scheme}`,
        year: 2024,
        scheme,
        municipality: code,
        amount: index === 1 ? '-35.00' : '12.34',
      })),
    );
    const history = [
      ...year2024,
      payment('BW', 'objective', BETA, '100.00', 2024, 'obj-b'),
      expenditure(BETA, '600.00'),
      reserveAgreement({ toReservePct: '40', base: { fixed: '1000.00' } }),
      opening('120.00'),
      solidarityAgreement({ cap: true }),
    ];
    let without: readonly DomainEvent[] = [];
    given(...history)
      .when(close())
      .thenState((_after, events) => {
        without = events;
        expect(events.map((event) => event.type)).toEqual(
          expect.arrayContaining(['RegionalResultSettled', 'ReservePaidOut', 'SolidarityTransferred']),
        );
      });
    given(...history, ...advances)
      .when(close())
      .then(without);
  });

  it('records nothing when a step cannot be done (a key to settle by is missing)', () => {
    given(registerRegion, payment('BW', 'historical', ALPHA, '10.00'), budget('BW', '10.00'), {
      command: 'AdoptDistributionKey',
      regionId: R,
      keyId: 'bw-historical',
      version: 1,
      validFrom: 2023,
      unit: 'weight',
      basis: 'b',
      weights: { [ALPHA]: '1', [BETA]: '1', [GAMMA]: '1' },
    })
      .when(close())
      .thenThrows('KEY_NOT_IN_FORCE', undefined, /"bw-objective"/);
  });
});
