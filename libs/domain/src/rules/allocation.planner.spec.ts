import { DomainEvent } from '../events/domain-event';
import { balance, eur, given, posting } from '../testing/decider.spec-helper';
import {
  account,
  ALPHA,
  BETA,
  budget,
  GAMMA,
  key,
  keyRef,
  keys,
  payment,
  R,
  registerRegion,
  run,
  trail,
} from '../testing/fixtures.spec-helper';

const facts = [
  registerRegion,
  ...keys,
  payment('BW', 'historical', ALPHA, '1000.00', 2024, 'iu'),
  payment('MO', 'objective', ALPHA, '500.00', 2024, 'du'),
  budget('BW', '100.01', { objectivePct: '10' }),
  budget('MO', '123.45'),
];

/** H = 1000.00, C = 100.01 with p = 10%, skimmed and split by the 50/30/20 and 40/35/25 keys. */
const bwInputs = {
  historicalPayments: eur('1000.00'),
  regionalBudget: eur('100.01'),
  budgetVersion: 1,
  objectivePct: '10',
};
const moInputs = { moPayments: eur('500.00'), regionalBudget: eur('123.45'), budgetVersion: 1 };
const runCompleted: DomainEvent = { type: 'AllocationRunCompleted', data: { regionId: R, year: 2024 } };

/** The first run over `facts`: every amount, rule, key, input and trail line. */
const firstRun: DomainEvent[] = [
  {
    type: 'BwHistoricalSkimmed',
    data: {
      regionId: R,
      year: 2024,
      scheme: 'BW',
      rule: 'bw-skim',
      // K = round(100.01 × (1 − 10/100)) = round(90.009) = 90.01
      inputs: { ...bwInputs, formula: 'round(C × (1 − p/100))', target: eur('90.01'), previouslyRecorded: 0n },
      postings: [posting(account.bwHistorical, '-90.01'), posting(account.bwProvisions, '90.01')],
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
      inputs: { ...bwInputs, skim: eur('90.01'), formula: 'H − K split by bw-historical', remainder: eur('909.99') },
      // H − K = 909.99 over 50/30/20: 454.995 | 272.997 | 181.998 → floors, then the 2 cents to the largest remainders
      allocation: trail('909.99', '0.00', [
        [ALPHA, '50', '454.995', '454.99', '0.00', '0.00', '454.99'],
        [BETA, '30', '272.997', '273.00', '0.01', '0.00', '273.00'],
        [GAMMA, '20', '181.998', '182.00', '0.01', '0.00', '182.00'],
      ]),
      postings: [
        posting(account.bw(ALPHA), '454.99'),
        posting(account.bw(BETA), '273.00'),
        posting(account.bw(GAMMA), '182.00'),
        posting(account.bwHistorical, '-909.99'),
      ],
    },
  },
  {
    type: 'BwContributionsCharged',
    data: {
      regionId: R,
      year: 2024,
      scheme: 'BW',
      rule: 'bw-objective-contribution',
      key: keyRef('bw-objective'),
      inputs: { ...bwInputs, skim: eur('90.01'), formula: 'C − K split by bw-objective', contribution: eur('10.00') },
      // Q = C − K = 10.00 over 40/35/25
      allocation: trail('10.00', '0.00', [
        [ALPHA, '40', '4', '4.00', '0.00', '0.00', '4.00'],
        [BETA, '35', '3.5', '3.50', '0.00', '0.00', '3.50'],
        [GAMMA, '25', '2.5', '2.50', '0.00', '0.00', '2.50'],
      ]),
      postings: [
        posting(account.bw(ALPHA), '-4.00'),
        posting(account.bw(BETA), '-3.50'),
        posting(account.bw(GAMMA), '-2.50'),
        posting(account.bwProvisions, '10.00'),
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
      inputs: { ...moInputs, formula: 'C_MO', target: eur('123.45'), previouslyRecorded: 0n },
      postings: [posting(account.moBudget, '-123.45'), posting(account.moProvisions, '123.45')],
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
      inputs: { ...moInputs, formula: 'M − C_MO split by mo-objective', remainder: eur('376.55') },
      // 376.55 over 60/25/15: 225.93 | 94.1375 | 56.4825 → the cent to Beta
      allocation: trail('376.55', '0.00', [
        [ALPHA, '60', '225.93', '225.93', '0.00', '0.00', '225.93'],
        [BETA, '25', '94.1375', '94.14', '0.01', '0.00', '94.14'],
        [GAMMA, '15', '56.4825', '56.48', '0.00', '0.00', '56.48'],
      ]),
      postings: [
        posting(account.mo(ALPHA), '225.93'),
        posting(account.mo(BETA), '94.14'),
        posting(account.mo(GAMMA), '56.48'),
        posting(account.moBudget, '-376.55'),
      ],
    },
  },
  runCompleted,
];

/**
 * The second run after the BW budget is revised to 200.01 (v2).
 * K: 90.01 → round(180.009) = 180.01, so 90.00 more is skimmed and 90.00 less distributed.
 */
const revised = { ...bwInputs, regionalBudget: eur('200.01'), budgetVersion: 2 };
const budgetRevisionCorrections: DomainEvent[] = [
  {
    type: 'BwHistoricalSkimmed',
    data: {
      regionId: R,
      year: 2024,
      scheme: 'BW',
      rule: 'bw-skim',
      inputs: {
        ...revised,
        formula: 'round(C × (1 − p/100))',
        target: eur('180.01'),
        previouslyRecorded: eur('90.01'),
      },
      postings: [posting(account.bwHistorical, '-90.00'), posting(account.bwProvisions, '90.00')],
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
      inputs: {
        ...revised,
        skim: eur('180.01'),
        formula: 'H − K split by bw-historical',
        remainder: eur('819.99'),
      },
      allocation: trail('819.99', '909.99', [
        [ALPHA, '50', '409.995', '409.99', '0.00', '454.99', '-45.00'],
        [BETA, '30', '245.997', '246.00', '0.01', '273.00', '-27.00'],
        [GAMMA, '20', '163.998', '164.00', '0.01', '182.00', '-18.00'],
      ]),
      postings: [
        posting(account.bw(ALPHA), '-45.00'),
        posting(account.bw(BETA), '-27.00'),
        posting(account.bw(GAMMA), '-18.00'),
        posting(account.bwHistorical, '90.00'),
      ],
    },
  },
  {
    type: 'BwContributionsCharged',
    data: {
      regionId: R,
      year: 2024,
      scheme: 'BW',
      rule: 'bw-objective-contribution',
      key: keyRef('bw-objective'),
      inputs: {
        ...revised,
        skim: eur('180.01'),
        formula: 'C − K split by bw-objective',
        contribution: eur('20.00'),
      },
      allocation: trail('20.00', '10.00', [
        [ALPHA, '40', '8', '8.00', '0.00', '4.00', '4.00'],
        [BETA, '35', '7', '7.00', '0.00', '3.50', '3.50'],
        [GAMMA, '25', '5', '5.00', '0.00', '2.50', '2.50'],
      ]),
      postings: [
        posting(account.bw(ALPHA), '-4.00'),
        posting(account.bw(BETA), '-3.50'),
        posting(account.bw(GAMMA), '-2.50'),
        posting(account.bwProvisions, '10.00'),
      ],
    },
  },
];

describe('allocation run (domain.md §5)', () => {
  it('skims, distributes and charges contributions exactly, by largest remainder, each event explaining itself', () => {
    given(...facts)
      .when(run())
      .then(firstRun);
  });

  it('empties the pots that receive Rijk money', () => {
    given(...facts)
      .when(run())
      .thenState((after) => {
        expect(balance(after, 2024, account.bwHistorical)).toBe('0.00');
        expect(balance(after, 2024, account.moBudget)).toBe('0.00');
      });
  });

  it('is idempotent: a second run records only that it ran', () => {
    given(...facts, run())
      .when(run())
      .then([runCompleted]);
  });

  it('records only the difference after a new circulaire', () => {
    given(...facts, run(), payment('BW', 'historical', ALPHA, '100.00', 2024, 'iu-sept'))
      .when(run())
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
              skim: eur('90.01'),
              formula: 'H − K split by bw-historical',
              remainder: eur('1009.99'),
            },
            allocation: trail('1009.99', '909.99', [
              [ALPHA, '50', '504.995', '504.99', '0.00', '454.99', '50.00'],
              [BETA, '30', '302.997', '303.00', '0.01', '273.00', '30.00'],
              [GAMMA, '20', '201.998', '202.00', '0.01', '182.00', '20.00'],
            ]),
            postings: [
              posting(account.bw(ALPHA), '50.00'),
              posting(account.bw(BETA), '30.00'),
              posting(account.bw(GAMMA), '20.00'),
              posting(account.bwHistorical, '-100.00'),
            ],
          },
        },
        runCompleted,
      ]);
  });

  it('records corrections after a budget revision (begrotingswijziging)', () => {
    given(...facts, run(), budget('BW', '200.01', { objectivePct: '10', version: 2 }))
      .when(run())
      .then([...budgetRevisionCorrections, runCompleted]);
  });

  it('redistributes under a new key version without moving the total', () => {
    // 909.99 over 40/40/20: 363.996 | 363.996 | 181.998 → Gamma's remainder first, then Alpha before Beta (code order)
    given(...facts, run(), key('bw-historical', ['40', '40', '20'], { version: 2, validFrom: 2024 }))
      .when(run())
      .then([
        {
          type: 'BwHistoricalDistributed',
          data: {
            regionId: R,
            year: 2024,
            scheme: 'BW',
            rule: 'bw-historical-distribution',
            key: keyRef('bw-historical', 2),
            inputs: {
              ...bwInputs,
              skim: eur('90.01'),
              formula: 'H − K split by bw-historical',
              remainder: eur('909.99'),
            },
            allocation: trail('909.99', '909.99', [
              [ALPHA, '40', '363.996', '364.00', '0.01', '454.99', '-90.99'],
              [BETA, '40', '363.996', '363.99', '0.00', '273.00', '90.99'],
              [GAMMA, '20', '181.998', '182.00', '0.01', '182.00', '0.00'],
            ]),
            postings: [posting(account.bw(ALPHA), '-90.99'), posting(account.bw(BETA), '90.99')],
          },
        },
        runCompleted,
      ]);
  });

  it('uses the highest version whose validity covers the year', () => {
    const closedKey = key('bw-historical', ['100', '0', '0'], { version: 3, validFrom: 2023, validTo: 2023 });
    given(...facts, closedKey)
      .when(run())
      .then(firstRun);
  });

  it('needs a key only when money is split by it, and then names key and year', () => {
    given(registerRegion, payment('BW', 'historical', ALPHA, '10.00'))
      .when(run())
      .thenThrows('KEY_NOT_IN_FORCE', undefined, /"bw-historical".*2024/);
    given(registerRegion, payment('BW', 'historical', ALPHA, '10.00'), budget('BW', '10.00'))
      .when(run())
      .then([
        {
          type: 'BwHistoricalSkimmed',
          data: {
            regionId: R,
            year: 2024,
            scheme: 'BW',
            rule: 'bw-skim',
            inputs: {
              historicalPayments: eur('10.00'),
              regionalBudget: eur('10.00'),
              budgetVersion: 1,
              objectivePct: '0',
              formula: 'round(C × (1 − p/100))',
              target: eur('10.00'),
              previouslyRecorded: 0n,
            },
            postings: [posting(account.bwHistorical, '-10.00'), posting(account.bwProvisions, '10.00')],
          },
        },
        runCompleted,
      ]);
    given(
      registerRegion,
      key('bw-historical', ['50', '30', '20'], { validFrom: 2025 }),
      payment('BW', 'historical', ALPHA, '10.00'),
    )
      .when(run())
      .thenThrows('KEY_NOT_IN_FORCE');
    given(
      registerRegion,
      key('bw-historical', ['50', '30', '20']),
      payment('BW', 'historical', ALPHA, '10.00'),
      budget('BW', '5.00', { objectivePct: '50' }),
    )
      .when(run())
      .thenThrows('KEY_NOT_IN_FORCE', undefined, /"bw-objective"/);
  });

  it('refuses a skim larger than the money it comes from', () => {
    given(registerRegion, ...keys, payment('BW', 'historical', ALPHA, '10.00'), budget('BW', '10.01'))
      .when(run())
      .thenThrows('SKIM_EXCEEDS_FUNDS', undefined, /10\.01.*10\.00/);
    given(registerRegion, ...keys, payment('MO', 'objective', ALPHA, '10.00'), budget('MO', '10.01'))
      .when(run())
      .thenThrows('SKIM_EXCEEDS_FUNDS', undefined, /MO/);
  });

  it('keeps only the objective share out of the skim: 20.00 × (1 − 50/100) = 10.00 fits in 10.00', () => {
    const inputs = {
      historicalPayments: eur('10.00'),
      regionalBudget: eur('20.00'),
      budgetVersion: 1,
      objectivePct: '50',
    };
    given(
      registerRegion,
      ...keys,
      payment('BW', 'historical', ALPHA, '10.00'),
      budget('BW', '20.00', { objectivePct: '50' }),
    )
      .when(run())
      .then([
        {
          type: 'BwHistoricalSkimmed',
          data: {
            regionId: R,
            year: 2024,
            scheme: 'BW',
            rule: 'bw-skim',
            inputs: { ...inputs, formula: 'round(C × (1 − p/100))', target: eur('10.00'), previouslyRecorded: 0n },
            postings: [posting(account.bwHistorical, '-10.00'), posting(account.bwProvisions, '10.00')],
          },
        },
        {
          type: 'BwContributionsCharged',
          data: {
            regionId: R,
            year: 2024,
            scheme: 'BW',
            rule: 'bw-objective-contribution',
            key: keyRef('bw-objective'),
            inputs: {
              ...inputs,
              skim: eur('10.00'),
              formula: 'C − K split by bw-objective',
              contribution: eur('10.00'),
            },
            allocation: trail('10.00', '0.00', [
              [ALPHA, '40', '4', '4.00', '0.00', '0.00', '4.00'],
              [BETA, '35', '3.5', '3.50', '0.00', '0.00', '3.50'],
              [GAMMA, '25', '2.5', '2.50', '0.00', '0.00', '2.50'],
            ]),
            postings: [
              posting(account.bw(ALPHA), '-4.00'),
              posting(account.bw(BETA), '-3.50'),
              posting(account.bw(GAMMA), '-2.50'),
              posting(account.bwProvisions, '10.00'),
            ],
          },
        },
        runCompleted,
      ]);
  });

  it('reverses shares when a correction brings the year back to zero', () => {
    given(...facts, run(), payment('BW', 'historical', ALPHA, '-909.99', 2024, 'nacalculatie'))
      .when(run())
      .thenState((after) => {
        expect([ALPHA, BETA, GAMMA].map((code) => balance(after, 2024, account.bw(code)))).toEqual([
          '-4.00',
          '-3.50',
          '-2.50',
        ]);
        expect(balance(after, 2024, account.bwHistorical)).toBe('0.00');
      });
  });
});
