import { balance, given, moved } from '../testing/decider.spec-helper';
import {
  account,
  ALPHA,
  BETA,
  budget,
  GAMMA,
  key,
  keys,
  payment,
  registerRegion,
  run,
} from '../testing/fixtures.spec-helper';

const facts = [
  registerRegion,
  ...keys,
  payment('BW', 'historical', ALPHA, '1000.00', 2024, 'iu'),
  payment('MO', 'objective', ALPHA, '500.00', 2024, 'du'),
  budget('BW', '100.01', { objectivePct: '10' }),
  budget('MO', '123.45'),
];

describe('allocation run (domain.md §5)', () => {
  it('skims, distributes and charges contributions exactly, by largest remainder', () => {
    given(...facts)
      .when(run())
      .then((events, state) => {
        expect(events.map((event) => event.type)).toEqual([
          'BwHistoricalSkimmed',
          'BwHistoricalDistributed',
          'BwContributionsCharged',
          'MoBudgetSkimmed',
          'MoBudgetDistributed',
          'AllocationRunCompleted',
        ]);
        // K = round(100.01 × (1 − 10/100)) = round(90.009) = 90.01
        expect(moved(events.slice(0, 1), account.bwProvisions)).toBe('90.01');
        // H − K = 909.99 over 50/30/20: 454.995 | 272.997 | 181.998 → floors, then the 2 cents to the largest remainders
        expect([ALPHA, BETA, GAMMA].map((code) => moved(events.slice(1, 2), account.bw(code)))).toEqual([
          '454.99',
          '273.00',
          '182.00',
        ]);
        // Q = C − K = 10.00 over 40/35/25
        expect([ALPHA, BETA, GAMMA].map((code) => moved(events.slice(2, 3), account.bw(code)))).toEqual([
          '-4.00',
          '-3.50',
          '-2.50',
        ]);
        expect(moved(events, account.bwProvisions)).toBe('100.01');
        // MO: skim C_MO, distribute 376.55 over 60/25/15: 225.93 | 94.1375 | 56.4825 → the cent to Beta
        expect(moved(events, account.moProvisions)).toBe('123.45');
        expect([ALPHA, BETA, GAMMA].map((code) => moved(events, account.mo(code)))).toEqual([
          '225.93',
          '94.14',
          '56.48',
        ]);
        // invariant: the pots that receive Rijk money are empty after a run
        for (const event of events) state.apply(event);
        expect(balance(state, 2024, account.bwHistorical)).toBe('0.00');
        expect(balance(state, 2024, account.moBudget)).toBe('0.00');
      });
  });

  it('explains itself: rule, key version and basis, inputs and the allocation trail', () => {
    given(...facts)
      .when(run())
      .then((events) => {
        const distribution = events.find((event) => event.type === 'BwHistoricalDistributed')!.data as any;
        expect(distribution.rule).toBe('bw-historical-distribution');
        expect(distribution.key).toEqual({
          keyId: 'bw-historical',
          version: 1,
          basis: 'basis of bw-historical',
          unit: 'percent',
          weightSum: '100',
        });
        expect(distribution.inputs).toMatchObject({
          historicalPayments: '1000.00',
          regionalBudget: '100.01',
          objectivePct: '10',
          skim: '90.01',
          remainder: '909.99',
        });
        expect(distribution.allocation.lines.find((line: any) => line.code === BETA)).toEqual({
          code: BETA,
          weight: '30',
          quota: '272.997',
          target: '273.00',
          remainderCent: '0.01',
          previous: '0.00',
          delta: '273.00',
        });
        const skim = events.find((event) => event.type === 'BwHistoricalSkimmed')!.data as any;
        expect(skim.inputs).toMatchObject({
          formula: 'round(C × (1 − p/100))',
          target: '90.01',
          previouslyRecorded: '0.00',
        });
      });
  });

  it('is idempotent: a second run records only that it ran', () => {
    given(...facts, run())
      .when(run())
      .then((events) => expect(events.map((event) => event.type)).toEqual(['AllocationRunCompleted']));
  });

  it('records only the difference after a new circulaire', () => {
    given(...facts, run(), payment('BW', 'historical', ALPHA, '100.00', 2024, 'iu-sept'))
      .when(run())
      .then((events) => {
        expect(events.map((event) => event.type)).toEqual(['BwHistoricalDistributed', 'AllocationRunCompleted']);
        expect([ALPHA, BETA, GAMMA].map((code) => moved(events, account.bw(code)))).toEqual([
          '50.00',
          '30.00',
          '20.00',
        ]);
      });
  });

  it('records corrections after a budget revision (begrotingswijziging)', () => {
    given(...facts, run(), budget('BW', '200.01', { objectivePct: '10', version: 2 }))
      .when(run())
      .then((events) => {
        expect(events.map((event) => event.type)).toEqual([
          'BwHistoricalSkimmed',
          'BwHistoricalDistributed',
          'BwContributionsCharged',
          'AllocationRunCompleted',
        ]);
        // K: 90.01 → round(180.009) = 180.01, so 90.00 more is skimmed and 90.00 less distributed
        expect(moved(events.slice(0, 1), account.bwProvisions)).toBe('90.00');
        expect(moved(events.slice(1, 2), account.bwHistorical)).toBe('90.00');
        expect([ALPHA, BETA, GAMMA].map((code) => moved(events.slice(2, 3), account.bw(code)))).toEqual([
          '-4.00',
          '-3.50',
          '-2.50',
        ]);
      });
  });

  it('redistributes under a new key version without moving the total', () => {
    // 909.99 over 40/40/20: 363.996 | 363.996 | 181.998 → Gamma's remainder first, then Alpha before Beta (code order)
    given(...facts, run(), key('bw-historical', ['40', '40', '20'], { version: 2, validFrom: 2024 }))
      .when(run())
      .then((events) => {
        expect(events.map((event) => event.type)).toEqual(['BwHistoricalDistributed', 'AllocationRunCompleted']);
        expect(moved(events, account.bwHistorical)).toBe('0.00');
        expect([ALPHA, BETA, GAMMA].map((code) => moved(events, account.bw(code)))).toEqual([
          '-90.99',
          '90.99',
          '0.00',
        ]);
        expect((events[0].data as any).key.version).toBe(2);
      });
  });

  it('uses the highest version whose validity covers the year', () => {
    const closedKey = key('bw-historical', ['100', '0', '0'], { version: 3, validFrom: 2023, validTo: 2023 });
    given(...facts, closedKey)
      .when(run())
      .then((events) =>
        expect((events.find((event) => event.type === 'BwHistoricalDistributed')!.data as any).key.version).toBe(1),
      );
  });

  it('needs a key only when money is split by it, and then names key and year', () => {
    given(registerRegion, payment('BW', 'historical', ALPHA, '10.00'))
      .when(run())
      .thenRejects('KEY_NOT_IN_FORCE', undefined, /"bw-historical".*2024/);
    given(registerRegion, payment('BW', 'historical', ALPHA, '10.00'), budget('BW', '10.00'))
      .when(run())
      .then((events) =>
        expect(events.map((event) => event.type)).toEqual(['BwHistoricalSkimmed', 'AllocationRunCompleted']),
      );
    given(
      registerRegion,
      key('bw-historical', ['50', '30', '20'], { validFrom: 2025 }),
      payment('BW', 'historical', ALPHA, '10.00'),
    )
      .when(run())
      .thenRejects('KEY_NOT_IN_FORCE');
    given(
      registerRegion,
      key('bw-historical', ['50', '30', '20']),
      payment('BW', 'historical', ALPHA, '10.00'),
      budget('BW', '5.00', { objectivePct: '50' }),
    )
      .when(run())
      .thenRejects('KEY_NOT_IN_FORCE', undefined, /"bw-objective"/);
  });

  it('refuses a skim larger than the money it comes from', () => {
    given(registerRegion, ...keys, payment('BW', 'historical', ALPHA, '10.00'), budget('BW', '10.01'))
      .when(run())
      .thenRejects('SKIM_EXCEEDS_FUNDS', undefined, /10\.01.*10\.00/);
    given(registerRegion, ...keys, payment('MO', 'objective', ALPHA, '10.00'), budget('MO', '10.01'))
      .when(run())
      .thenRejects('SKIM_EXCEEDS_FUNDS', undefined, /MO/);
    // only the objective share stays out of the skim: 20.00 × (1 − 50/100) = 10.00 fits in 10.00
    given(
      registerRegion,
      ...keys,
      payment('BW', 'historical', ALPHA, '10.00'),
      budget('BW', '20.00', { objectivePct: '50' }),
    )
      .when(run())
      .then((events) => expect(moved(events, account.bwProvisions)).toBe('20.00'));
  });

  it('reverses shares when a correction brings the year back to zero', () => {
    given(...facts, run(), payment('BW', 'historical', ALPHA, '-909.99', 2024, 'nacalculatie'))
      .when(run())
      .then((events, state) => {
        for (const event of events) state.apply(event);
        expect([ALPHA, BETA, GAMMA].map((code) => balance(state, 2024, account.bw(code)))).toEqual([
          '-4.00',
          '-3.50',
          '-2.50',
        ]);
        expect(balance(state, 2024, account.bwHistorical)).toBe('0.00');
      });
  });
});
