import { RegionState } from '@libs/domain';
import { RawCommand, record } from '../../domain/src/testing/decider.spec-helper';
import {
  ALPHA,
  BETA,
  budget,
  close,
  cost,
  GAMMA,
  keys,
  payment,
  R,
  registerRegion,
  reopen,
  reserveAgreement,
  run,
  solidarityAgreement,
} from '../../domain/src/testing/fixtures.spec-helper';
import { buildStatement } from './statement.projection';

const regionWith = (...commands: RawCommand[]) => {
  const state = new RegionState();
  record(state, registerRegion, ...keys, ...commands);
  return state;
};
const opening = (amount: string, year: number): RawCommand => ({
  command: 'RecordReserveOpening',
  regionId: R,
  year,
  amount,
});
const toFund = (amount: string, year: number): RawCommand => ({
  command: 'TransferReserveToFund',
  regionId: R,
  transferId: `t-${year}`,
  year,
  fundId: 'frictie',
  amount,
});
const advance = (code: string, scheme: 'BW' | 'MO', amount: string, id: string, year = 2024): RawCommand => ({
  command: 'RecordAdvance',
  regionId: R,
  advanceId: id,
  year,
  scheme,
  municipality: code,
  amount,
});

/** The reserve statement's movements by scheme and kind (BBV art. 54), all zero. */
const noMovements = {
  movements: [
    { scheme: 'BW', kind: 'result', amount: '0.00' },
    { scheme: 'MO', kind: 'result', amount: '0.00' },
    { scheme: 'BW', kind: 'replenishment', amount: '0.00' },
    { scheme: 'MO', kind: 'replenishment', amount: '0.00' },
    { scheme: 'BW', kind: 'payout', amount: '0.00' },
    { scheme: 'MO', kind: 'payout', amount: '0.00' },
    { scheme: null, kind: 'fund', amount: '0.00' },
  ],
  additions: '0.00',
  withdrawals: '0.00',
};

describe('statement: the reserve block (interface.md §3)', () => {
  it('is null without an agreement and without any reserve money', () => {
    const state = regionWith(payment('BW', 'objective', BETA, '10.00', 2024));
    expect(buildStatement(state, 2024).reserve).toBeNull();
  });

  it('shows a reserve without agreement in the years it opens, moves or holds money, and null once it is empty', () => {
    const state = regionWith(
      opening('100.00', 2023),
      toFund('100.00', 2024),
      payment('BW', 'objective', BETA, '1', 2025),
    );
    expect(buildStatement(state, 2022).reserve).toBeNull();
    expect(buildStatement(state, 2023).reserve).toEqual({
      opening: '100.00',
      fromResults: '0.00',
      replenished: '0.00',
      paidOut: '0.00',
      toFunds: '0.00',
      closing: '100.00',
      min: null,
      max: null,
      ...noMovements,
    });
    expect(buildStatement(state, 2024).reserve).toMatchObject({
      opening: '100.00',
      toFunds: '100.00',
      closing: '0.00',
    });
    // emptied in 2024: in 2025 it has no opening, no movement and no closing balance
    expect(buildStatement(state, 2025).reserve).toBeNull();
  });

  it('shows movements that net to zero within the year, and an opening of 0.00 recorded for the year', () => {
    const state = regionWith(opening('0.00', 2023), toFund('50.00', 2024), {
      ...toFund('-50.00', 2024),
      transferId: 'back',
    });
    expect(buildStatement(state, 2023).reserve).toMatchObject({ opening: '0.00', closing: '0.00' });
    expect(buildStatement(state, 2024).reserve).toMatchObject({ opening: '0.00', toFunds: '0.00', closing: '0.00' });
    expect(buildStatement(state, 2025).reserve).toBeNull();
  });

  it('is a block (with the band) whenever a reserve agreement is in force, even with nothing in it', () => {
    const state = regionWith(reserveAgreement({ validFrom: 2024, base: { fixed: '1000.00' } }));
    expect(buildStatement(state, 2023).reserve).toBeNull();
    expect(buildStatement(state, 2024).reserve).toEqual({
      opening: '0.00',
      fromResults: '0.00',
      replenished: '0.00',
      paidOut: '0.00',
      toFunds: '0.00',
      closing: '0.00',
      min: '50.00',
      max: '100.00',
      ...noMovements,
    });
  });
});

describe('statement: the reserve statement of BBV art. 54', () => {
  // the example: a BW result of −100.000 taken from the reserve and an MO result of +100.000
  // added to it net to € 0,00 in `fromResults`; BBV art. 54 wants them as a withdrawal and an addition
  const year = [
    reserveAgreement({ base: { fixed: '10000000.00' }, minPct: '0', maxPct: '100' }),
    opening('500000.00', 2024),
    payment('BW', 'historical', ALPHA, '1000000.00'),
    budget('BW', '500000.00'),
    cost('BW', '600000.00'),
    payment('MO', 'objective', ALPHA, '1000000.00'),
    budget('MO', '400000.00'),
    cost('MO', '300000.00'),
    close(),
  ];

  it('shows a BW withdrawal and an MO addition that net to zero as both', () => {
    const statement = buildStatement(regionWith(...year), 2024);
    expect(statement.bw.toReserve).toBe('-100000.00');
    expect(statement.mo.toReserve).toBe('100000.00');
    expect(statement.reserve).toEqual({
      opening: '500000.00',
      fromResults: '0.00',
      replenished: '0.00',
      paidOut: '0.00',
      toFunds: '0.00',
      closing: '500000.00',
      min: '0.00',
      max: '10000000.00',
      movements: [
        { scheme: 'BW', kind: 'result', amount: '-100000.00' },
        { scheme: 'MO', kind: 'result', amount: '100000.00' },
        ...noMovements.movements.slice(2),
      ],
      additions: '100000.00',
      withdrawals: '100000.00',
    });
  });

  it('keeps replenishment and payout per scheme, and opening + additions − withdrawals = closing', () => {
    // min 5 % of 10 mln = 500.000; a BW loss of 300.000 takes the reserve to 200.000, the municipalities
    // replenish 300.000 split over BW and MO by their budgets (500.000 : 400.000)
    const statement = buildStatement(
      regionWith(
        reserveAgreement({ base: { fixed: '10000000.00' }, minPct: '5', maxPct: '100' }),
        opening('500000.00', 2024),
        payment('BW', 'historical', ALPHA, '1000000.00'),
        budget('BW', '500000.00'),
        cost('BW', '800000.00'),
        payment('MO', 'objective', ALPHA, '1000000.00'),
        budget('MO', '400000.00'),
        cost('MO', '400000.00'),
        close(),
      ),
      2024,
    );
    const reserve = statement.reserve!;
    expect(reserve.movements.filter((movement) => movement.amount !== '0.00')).toEqual([
      { scheme: 'BW', kind: 'result', amount: '-300000.00' },
      { scheme: 'BW', kind: 'replenishment', amount: '166666.67' },
      { scheme: 'MO', kind: 'replenishment', amount: '133333.33' },
    ]);
    expect(reserve).toMatchObject({ additions: '300000.00', withdrawals: '300000.00', closing: '500000.00' });
    expect(reserve.replenished).toBe('300000.00');
  });
});

describe('statement: the solidarity block (interface.md §3)', () => {
  const facts = [
    payment('BW', 'objective', BETA, '100.00', 2024, 'obj-b'),
    payment('BW', 'objective', GAMMA, '100.00', 2024, 'obj-c'),
  ];

  it('is null without an agreement in force, also for a closed year', () => {
    expect(buildStatement(regionWith(...facts, close()), 2024).solidarity).toBeNull();
    expect(
      buildStatement(regionWith(...facts, solidarityAgreement({ validFrom: 2025 }), close()), 2024).solidarity,
    ).toBeNull();
  });

  it('is null for a year never closed, even with an agreement and a run', () => {
    expect(buildStatement(regionWith(...facts, solidarityAgreement(), run()), 2024).solidarity).toBeNull();
  });

  it('closed with an agreement and nothing to transfer: volume 0.00 and every member 0.00', () => {
    expect(buildStatement(regionWith(...facts, solidarityAgreement(), close()), 2024).solidarity).toEqual({
      volume: '0.00',
      transfers: { [ALPHA]: '0.00', [BETA]: '0.00', [GAMMA]: '0.00' },
    });
  });

  it('stays a block once the year was closed, also while it is reopened', () => {
    const state = regionWith(
      ...facts,
      {
        command: 'RecordLocalExpenditure',
        regionId: R,
        expenditureId: 'e',
        year: 2024,
        scheme: 'BW',
        municipality: BETA,
        careCosts: '130.00',
        executionCosts: '0.00',
      },
      solidarityAgreement(),
      close(),
      reopen(),
    );
    expect(buildStatement(state, 2024).solidarity).toEqual({
      volume: '30.00',
      transfers: { [ALPHA]: '0.00', [BETA]: '30.00', [GAMMA]: '-30.00' },
    });
  });
});

describe('statement: advances and due (domain.md §6 Due)', () => {
  it('gives every municipality its advances and what is due per scheme and in total', () => {
    // BW: historical 1000, budget 100 (0% objective) → skim 100, 900 split 50/30/20, contribution 0;
    // MO: 500 to the central municipality, budget 100 → 400 split 60/25/15
    const state = regionWith(
      payment('BW', 'historical', ALPHA, '1000.00', 2024, 'iu'),
      payment('BW', 'objective', BETA, '77.00', 2024, 'obj-b'),
      payment('MO', 'objective', ALPHA, '500.00', 2024, 'du'),
      budget('BW', '100.00', { objectivePct: '10' }),
      budget('MO', '100.00'),
      advance(BETA, 'BW', '3.00', 'vs-1'),
      advance(BETA, 'BW', '1.50', 'vs-2'),
      advance(GAMMA, 'MO', '-2.00', 'vs-3'),
      advance(GAMMA, 'MO', '9.99', 'vs-2023', 2023),
      run(),
    );
    const statement = buildStatement(state, 2024);
    // skim K = round(100 × 0.9) = 90; remainder 910 by 50/30/20; contribution 10 by 40/35/25
    expect(statement.municipalities[BETA]).toEqual({
      name: 'Beta',
      due: '374.00',
      bw: {
        rijkObjective: '77.00',
        historicalShare: '273.00',
        regionalContribution: '-3.50',
        regionalSettlement: '0.00',
        reserve: '0.00',
        funds: '0.00',
        solidarity: '0.00',
        expenditure: '0.00',
        result: '346.50',
        advances: '4.50',
        due: '274.00',
      },
      mo: {
        rijk: '0.00',
        regionalShare: '100.00',
        regionalSettlement: '0.00',
        reserve: '0.00',
        funds: '0.00',
        expenditure: '0.00',
        result: '100.00',
        advances: '0.00',
        due: '100.00',
      },
    });
    expect(statement.municipalities[GAMMA].mo).toMatchObject({
      regionalShare: '60.00',
      advances: '-2.00',
      due: '58.00',
    });
    expect(statement.municipalities[GAMMA].due).toBe('237.50');
    // advances are not part of any result
    expect(statement.municipalities[GAMMA].mo.result).toBe('60.00');
  });
});
