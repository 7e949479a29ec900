import { DomainEvent } from '../events/event.types';
import { balance, given, moved, RawCommand } from '../testing/decider.spec-helper';
import {
  account,
  ALPHA,
  BETA,
  budget,
  close,
  cost,
  expenditure,
  GAMMA,
  keys,
  payment,
  R,
  registerRegion,
  reopen,
  reserveAgreement,
  solidarityAgreement,
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

const types = (events: DomainEvent[]) => events.map((event) => event.type);
const closingTypes = (events: DomainEvent[]) =>
  types(events).filter(
    (type) =>
      ![
        'BwHistoricalSkimmed',
        'BwHistoricalDistributed',
        'MoBudgetSkimmed',
        'MoBudgetDistributed',
        'BwContributionsCharged',
      ].includes(type),
  );
const shares = (events: DomainEvent[], scheme: 'bw' | 'mo', ...only: string[]) =>
  [ALPHA, BETA, GAMMA].map((code) =>
    moved(
      events.filter((event) => only.length === 0 || only.includes(event.type)),
      scheme === 'bw' ? account.bw(code) : account.mo(code),
    ),
  );

function afterClosing(events: DomainEvent[], state: ReturnType<typeof given>['state']) {
  for (const event of events) state.apply(event);
  expect(balance(state, 2024, account.bwProvisions)).toBe('0.00');
  expect(balance(state, 2024, account.moProvisions)).toBe('0.00');
  return state;
}

describe('closing a year (domain.md §6)', () => {
  it('moves both results to the reserve when the band holds, and marks the year closed', () => {
    given(...year2024, reserveAgreement(), opening('75.00'))
      .when(close())
      .then((events, state) => {
        expect(closingTypes(events)).toEqual(['RegionalResultTransferred', 'RegionalResultTransferred', 'YearClosed']);
        expect(moved(events, account.reserve)).toBe('-5.00');
        afterClosing(events, state);
        expect(balance(state, 2024, account.reserve)).toBe('70.00');
        expect(state.closedYears.has(2024)).toBe(true);
      });
  });

  it('settles the part of a result that does not go to the reserve, by the scheme key', () => {
    given(...year2024, reserveAgreement({ toReservePct: '40' }), opening('75.00'))
      .when(close())
      .then((events) => {
        expect(closingTypes(events)).toEqual([
          'RegionalResultTransferred',
          'RegionalResultSettled',
          'RegionalResultTransferred',
          'RegionalResultSettled',
          'YearClosed',
        ]);
        // BW: t = round(−10 × 0.4) = −4, the other −6 charged 40/35/25; MO: t = 2, +3 paid out 60/25/15
        expect(
          moved(
            events.filter((e) => e.type === 'RegionalResultTransferred'),
            account.reserve,
          ),
        ).toBe('-2.00');
        expect(shares(events, 'bw', 'RegionalResultSettled')).toEqual(['-2.40', '-2.10', '-1.50']);
        expect(shares(events, 'mo', 'RegionalResultSettled')).toEqual(['1.80', '0.75', '0.45']);
        const settled = events.find((event) => event.type === 'RegionalResultSettled')!.data as any;
        expect(settled).toMatchObject({
          rule: 'result-settlement',
          scheme: 'BW',
          key: { keyId: 'bw-objective', version: 1 },
        });
      });
  });

  it('settles the whole result with the municipalities without a reserve agreement (afrekensystematiek)', () => {
    given(...year2024)
      .when(close())
      .then((events, state) => {
        expect(closingTypes(events)).toEqual(['RegionalResultSettled', 'RegionalResultSettled', 'YearClosed']);
        expect(shares(events, 'bw', 'RegionalResultSettled')).toEqual(['-4.00', '-3.50', '-2.50']);
        expect(shares(events, 'mo', 'RegionalResultSettled')).toEqual(['3.00', '1.25', '0.75']);
        afterClosing(events, state);
        expect(balance(state, 2024, account.reserve)).toBe('0.00');
      });
  });

  it('settles a scheme the reserve agreement does not cover', () => {
    given(...year2024, reserveAgreement({ schemes: ['BW'] }), opening('75.00'))
      .when(close())
      .then((events) => {
        expect(closingTypes(events)).toEqual(['RegionalResultTransferred', 'RegionalResultSettled', 'YearClosed']);
        expect(moved(events, account.reserve)).toBe('-10.00');
        expect(shares(events, 'mo', 'RegionalResultSettled')).toEqual(['3.00', '1.25', '0.75']);
      });
  });

  it('records no result events for results of zero', () => {
    given(registerRegion, ...keys, reserveAgreement(), opening('75.00'))
      .when(close())
      .then((events) => expect(types(events)).toEqual(['YearClosed']));
  });

  describe('reserve band (min 50.00, max 100.00 of a fixed base of 1,000,000.00 × 5%/10%: here base 1000.00)', () => {
    const band = { base: { fixed: '1000.00' } };

    it('replenishes up to the minimum, split over the schemes by their budgets and over the municipalities by key', () => {
      given(...year2024, reserveAgreement(band), opening('40.00'))
        .when(close())
        .then((events, state) => {
          expect(closingTypes(events)).toContain('ReserveReplenished');
          // B = 40 − 5 = 35 < 50: 15.00, budgets 100/100 → 7.50 BW, 7.50 MO
          const replenished = events.filter((event) => event.type === 'ReserveReplenished');
          expect(replenished.map((event) => (event.data as any).scheme)).toEqual(['BW', 'MO']);
          expect(shares(events, 'bw', 'ReserveReplenished')).toEqual(['-3.00', '-2.63', '-1.87']);
          expect(shares(events, 'mo', 'ReserveReplenished')).toEqual(['-4.50', '-1.88', '-1.12']);
          afterClosing(events, state);
          expect(balance(state, 2024, account.reserve)).toBe('50.00');
        });
    });

    it('replenishes up to the maximum when agreed', () => {
      given(...year2024, reserveAgreement({ ...band, replenishTo: 'max' }), opening('40.00'))
        .when(close())
        .then((events, state) => {
          expect(
            moved(
              events.filter((e) => e.type === 'ReserveReplenished'),
              account.reserve,
            ),
          ).toBe('65.00');
          expect(afterClosing(events, state).ledger.balance(2024, account.reserve)).toBe(10000n);
        });
    });

    it('pays out above the maximum to the municipalities', () => {
      given(...year2024, reserveAgreement(band), opening('120.00'))
        .when(close())
        .then((events, state) => {
          expect(closingTypes(events)).toEqual([
            'RegionalResultTransferred',
            'RegionalResultTransferred',
            'ReservePaidOut',
            'ReservePaidOut',
            'YearClosed',
          ]);
          expect(shares(events, 'bw', 'ReservePaidOut')).toEqual(['3.00', '2.63', '1.87']);
          expect(afterClosing(events, state).ledger.balance(2024, account.reserve)).toBe(10000n);
        });
    });

    it('pays out down to the minimum when agreed', () => {
      given(...year2024, reserveAgreement({ ...band, payoutTo: 'min' }), opening('120.00'))
        .when(close())
        .then((events) =>
          expect(
            moved(
              events.filter((e) => e.type === 'ReservePaidOut'),
              account.reserve,
            ),
          ).toBe('-65.00'),
        );
    });

    it('moves the excess to a fund when agreed', () => {
      given(...year2024, reserveAgreement({ ...band, excessTo: 'fund:friction' }), opening('120.00'))
        .when(close())
        .then((events, state) => {
          expect(closingTypes(events)).toEqual([
            'RegionalResultTransferred',
            'RegionalResultTransferred',
            'ReserveExcessTransferredToFund',
            'YearClosed',
          ]);
          afterClosing(events, state);
          expect(balance(state, 2024, account.fund('friction'))).toBe('15.00');
          expect(balance(state, 2024, account.reserve)).toBe('100.00');
        });
    });

    it('puts all of a movement on BW when both budgets are zero, and on the one covered scheme', () => {
      given(registerRegion, ...keys, reserveAgreement(band), opening('40.00'))
        .when(close())
        .then((events) => {
          expect(events.filter((e) => e.type === 'ReserveReplenished').map((e) => (e.data as any).scheme)).toEqual([
            'BW',
          ]);
          expect(shares(events, 'bw', 'ReserveReplenished')).toEqual(['-4.00', '-3.50', '-2.50']);
        });
      given(...year2024, reserveAgreement({ ...band, schemes: ['MO'] }), opening('40.00'))
        .when(close())
        .then((events) =>
          expect(events.filter((e) => e.type === 'ReserveReplenished').map((e) => (e.data as any).scheme)).toEqual([
            'MO',
          ]),
        );
    });

    it('takes the band from the year\'s budgets when the base is "budget"', () => {
      // base = 100 + 100 = 200 → min 10.00, max 20.00; B = 40 − 5 = 35 → 15.00 paid out
      given(...year2024, reserveAgreement({ base: 'budget' }), opening('40.00'))
        .when(close())
        .then((events) =>
          expect(
            moved(
              events.filter((e) => e.type === 'ReservePaidOut'),
              account.reserve,
            ),
          ).toBe('-15.00'),
        );
    });

    it('counts the reserve over all years up to the one closed', () => {
      given(...year2024, reserveAgreement(band), opening('40.00', 2023))
        .when(close())
        .then((events) =>
          expect(
            moved(
              events.filter((e) => e.type === 'ReserveReplenished'),
              account.reserve,
            ),
          ).toBe('15.00'),
        );
    });
  });

  describe('solidarity at closing', () => {
    const locals = [
      payment('BW', 'objective', BETA, '100.00', 2024, 'obj-b'),
      payment('BW', 'objective', GAMMA, '100.00', 2024, 'obj-c'),
      expenditure(BETA, '130.00'),
      expenditure(GAMMA, '60.00'),
    ];

    it('transfers on BW after the results and the band, in one event whose postings net to zero', () => {
      given(registerRegion, ...keys, ...locals, solidarityAgreement())
        .when(close())
        .then((events) => {
          expect(types(events)).toEqual(['SolidarityTransferred', 'YearClosed']);
          expect(shares(events, 'bw')).toEqual(['0.00', '30.00', '-30.00']);
          expect((events[0].data as any).volume).toBe('30.00');
        });
    });

    it('counts shares and settlements as income, but not expenditure or solidarity itself', () => {
      // BW result −10.00 settled 40/35/25; historical shares 450 | 270 | 180 of 900; objective budgets 0 | 100 | 100
      given(
        registerRegion,
        ...keys,
        payment('BW', 'historical', ALPHA, '1000.00', 2024, 'iu'),
        budget('BW', '100.00'),
        cost('BW', '110.00'),
        ...locals.slice(0, 2),
        expenditure(BETA, '500.00'),
        expenditure(GAMMA, '60.00'),
        solidarityAgreement({ cap: true }),
      )
        .when(close())
        .then((events) => {
          const lines = (events.find((event) => event.type === 'SolidarityTransferred')!.data as any).lines;
          expect(lines.map((line: any) => line.income)).toEqual(['446', '366.5', '277.5']);
          expect(lines.map((line: any) => line.spending)).toEqual(['0', '500', '60']);
        });
    });

    it('records only the difference when a reopened year is closed again', () => {
      given(
        registerRegion,
        ...keys,
        ...locals,
        solidarityAgreement({ cap: true }),
        close(),
        reopen(),
        expenditure(GAMMA, '20.00'),
      )
        .when(close())
        .then((events, state) => {
          expect(types(events)).toEqual(['SolidarityTransferred', 'YearClosed']);
          // Gamma's surplus, and so its cap, falls from 40.00 to 20.00: it pays 10.00 less, Beta receives 10.00 less
          expect(shares(events, 'bw', 'SolidarityTransferred')).toEqual(['0.00', '-10.00', '10.00']);
          expect((events[0].data as any).volume).toBe('20.00');
          for (const event of events) state.apply(event);
          expect(balance(state, 2024, account.bw(GAMMA))).toBe('0.00');
          expect(balance(state, 2024, account.bw(BETA))).toBe('-10.00');
        });
    });
  });

  describe('reopening', () => {
    it('closing again records only what changed', () => {
      given(
        ...year2024,
        reserveAgreement(),
        opening('75.00'),
        close(),
        reopen(2024, 'nagekomen factuur'),
        cost('BW', '5.00', 2024, 'late-invoice'),
      )
        .when(close())
        .then((events, state) => {
          expect(types(events)).toEqual(['RegionalResultTransferred', 'YearClosed']);
          expect(moved(events, account.reserve)).toBe('-5.00');
          afterClosing(events, state);
          expect(balance(state, 2024, account.reserve)).toBe('65.00');
        });
    });

    it('a new Rijk payment in a reopened year flows through the run and the results', () => {
      given(...year2024, close(), reopen(), payment('BW', 'historical', ALPHA, '100.00', 2024, 'nacalculatie'))
        .when(close())
        .then((events) => {
          expect(types(events)).toEqual(['BwHistoricalDistributed', 'YearClosed']);
          expect(shares(events, 'bw')).toEqual(['50.00', '30.00', '20.00']);
        });
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
    const without = given(...history)
      .when(close())
      .then(() => undefined);
    given(...history, ...advances)
      .when(close())
      .then((events) => {
        expect(events).toEqual(without);
        expect(events.map((event) => event.type)).toEqual(
          expect.arrayContaining(['RegionalResultSettled', 'ReservePaidOut', 'SolidarityTransferred']),
        );
      });
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
      .thenRejects('KEY_NOT_IN_FORCE', undefined, /"bw-objective"/);
  });
});
