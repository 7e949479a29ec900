import { given, record } from './testing/decider.spec-helper';
import {
  account,
  ALPHA,
  BETA,
  budget,
  close,
  GAMMA,
  key,
  keys,
  payment,
  R,
  registerRegion,
  reopen,
  reserveAgreement,
  solidarityAgreement,
} from './testing/fixtures.spec-helper';
import { RegionState } from './state/region-state';
import { postingsOf } from './events/event.types';

describe('RegisterRegion', () => {
  it('registers a region once; the same content again is a no-op', () => {
    given()
      .when(registerRegion)
      .then((events) => expect(events.map((e) => e.type)).toEqual(['RegionRegistered']));
    given(registerRegion).when(registerRegion).thenNothing();
  });

  it('treats the same members in another order as the same content', () => {
    given(registerRegion)
      .when({ ...registerRegion, municipalities: [...(registerRegion.municipalities as object[])].reverse() })
      .thenNothing();
    given(registerRegion, reserveAgreement())
      .when(reserveAgreement({ schemes: ['MO', 'BW'] }))
      .thenNothing();
  });

  it('refuses the same region with other content', () => {
    given(registerRegion)
      .when({ ...registerRegion, name: 'Andere naam' })
      .thenRejects('REGION_CONFLICT', 'regionId');
  });

  it('refuses a central municipality that is not a member and duplicate members', () => {
    given()
      .when({ ...registerRegion, centralMunicipality: 'GM0009' })
      .thenRejects('INVALID_FIELD', 'centralMunicipality');
    given()
      .when({
        ...registerRegion,
        municipalities: [
          { code: ALPHA, name: 'A' },
          { code: ALPHA, name: 'B' },
        ],
      })
      .thenRejects('INVALID_FIELD', 'municipalities[1].code');
  });

  it('refuses every other command for a region that is not registered', () => {
    given()
      .when(payment('BW', 'historical', ALPHA, '10.00'))
      .thenRejects('UNKNOWN_REGION', 'regionId');
  });
});

describe('RecordRijkPayment', () => {
  it.each([
    ['BW', 'historical', ALPHA, account.bwHistorical],
    ['BW', 'historical', BETA, account.bwHistorical],
    ['BW', 'objective', ALPHA, account.bw(ALPHA)],
    ['BW', 'objective', BETA, account.bw(BETA)],
    ['MO', 'objective', ALPHA, account.moBudget],
    ['MO', 'historical', ALPHA, account.moBudget],
    ['MO', 'objective', GAMMA, account.mo(GAMMA)],
  ] as const)('posts %s %s money for %s from rijk to %s', (scheme, basis, recipient, destination) => {
    given(registerRegion)
      .when(payment(scheme, basis, recipient, '1000.50'))
      .then(([event]) => {
        expect(event.type).toBe('RijkPaymentRecorded');
        expect(postingsOf(event)).toEqual([
          { account: 'rijk', amount: '-1000.50' },
          { account: destination, amount: '1000.50' },
        ]);
      });
  });

  it('records a negative payment (a nacalculatie) as money flowing back', () => {
    given(registerRegion)
      .when(payment('BW', 'historical', ALPHA, '-250.00'))
      .then(([event]) =>
        expect(postingsOf(event)).toEqual([
          { account: 'rijk', amount: '250.00' },
          { account: account.bwHistorical, amount: '-250.00' },
        ]),
      );
  });

  it('is idempotent on identical content, also when amounts are written differently', () => {
    const first = payment('BW', 'historical', ALPHA, '100', 2024, 'iu-1');
    given(registerRegion, first)
      .when({ ...first, amount: '100.00' })
      .thenNothing();
  });

  it('refuses a reused paymentId with other content', () => {
    const first = payment('BW', 'historical', ALPHA, '100', 2024, 'iu-1');
    given(registerRegion, first)
      .when({ ...first, amount: '100.01' })
      .thenRejects('ID_REUSED', 'paymentId', /iu-1/);
  });

  it('scopes ids per kind of fact: a cost may share an id with a payment', () => {
    given(registerRegion, payment('BW', 'historical', ALPHA, '100', 2024, 'x'))
      .when({ command: 'RecordRegionalCost', regionId: R, costId: 'x', year: 2024, scheme: 'BW', amount: '5' })
      .then((events) => expect(events).toHaveLength(1));
  });

  it('refuses a recipient outside the region', () => {
    given(registerRegion)
      .when(payment('BW', 'objective', 'GM0999', '1'))
      .thenRejects('UNKNOWN_MUNICIPALITY', 'recipient');
  });
});

describe('other money facts', () => {
  it('posts regional costs, co-payments and local expenditure', () => {
    const state = new RegionState();
    record(state, registerRegion);
    const events = record(
      state,
      {
        command: 'RecordRegionalCost',
        regionId: R,
        costId: 'c',
        year: 2024,
        scheme: 'BW',
        amount: '700.00',
        category: 'care',
      },
      { command: 'RecordCoPayment', regionId: R, coPaymentId: 'cp', year: 2024, scheme: 'MO', amount: '30.00' },
      {
        command: 'RecordLocalExpenditure',
        regionId: R,
        expenditureId: 'e',
        year: 2024,
        scheme: 'BW',
        municipality: BETA,
        careCosts: '90.00',
        executionCosts: '10.00',
      },
    );
    expect(events.map(postingsOf)).toEqual([
      [
        { account: account.bwProvisions, amount: '-700.00' },
        { account: 'external:providers', amount: '700.00' },
      ],
      [
        { account: 'external:co-payments', amount: '-30.00' },
        { account: account.moProvisions, amount: '30.00' },
      ],
      [
        { account: account.bw(BETA), amount: '-100.00' },
        { account: 'external:providers', amount: '100.00' },
      ],
    ]);
  });

  it('records a policy correction without postings', () => {
    given(registerRegion)
      .when({
        command: 'RecordPolicyCorrection',
        regionId: R,
        correctionId: 'pc',
        year: 2024,
        municipality: BETA,
        amount: '5.00',
        justification: 'eigen beleid',
      })
      .then(([event]) => expect(postingsOf(event)).toEqual([]));
  });

  it('moves the reserve opening, fund transfers and fund spending', () => {
    const state = new RegionState();
    record(state, registerRegion);
    const events = record(
      state,
      { command: 'RecordReserveOpening', regionId: R, year: 2023, amount: '1000.00' },
      {
        command: 'TransferReserveToFund',
        regionId: R,
        transferId: 't',
        year: 2023,
        fundId: 'friction',
        amount: '400.00',
      },
      {
        command: 'RecordFundSpending',
        regionId: R,
        spendingId: 's1',
        year: 2024,
        fundId: 'friction',
        scheme: 'BW',
        amount: '150.00',
        recipient: GAMMA,
      },
      {
        command: 'RecordFundSpending',
        regionId: R,
        spendingId: 's2',
        year: 2024,
        fundId: 'friction',
        scheme: 'MO',
        amount: '50.00',
        recipient: 'providers',
      },
    );
    expect(events.map(postingsOf)).toEqual([
      [
        { account: 'external:opening-balances', amount: '-1000.00' },
        { account: account.reserve, amount: '1000.00' },
      ],
      [
        { account: account.reserve, amount: '-400.00' },
        { account: account.fund('friction'), amount: '400.00' },
      ],
      [
        { account: account.fund('friction'), amount: '-150.00' },
        { account: account.bw(GAMMA), amount: '150.00' },
      ],
      [
        { account: account.fund('friction'), amount: '-50.00' },
        { account: 'external:providers', amount: '50.00' },
      ],
    ]);
  });

  it('keeps one reserve opening per region: the same again is a no-op, another amount or year is refused', () => {
    const opening = { command: 'RecordReserveOpening', regionId: R, year: 2023, amount: '1000.00' };
    given(registerRegion, opening).when(opening).thenNothing();
    given(registerRegion, opening)
      .when({ ...opening, amount: '1000' })
      .thenNothing();
    given(registerRegion, opening)
      .when({ ...opening, amount: '999.00' })
      .thenRejects(
        'ID_REUSED',
        'amount',
        /already has its reserve opening \(2023: 1000\.00\); a region has one opening/,
      );
    given(registerRegion, opening)
      .when({ ...opening, year: 2024 })
      .thenRejects('ID_REUSED', 'year', /one opening/);
    given(registerRegion, opening)
      .when({ ...opening, year: 2024, amount: '5.00' })
      .thenRejects('ID_REUSED', 'year');
    given(registerRegion, opening)
      .when({ ...opening, reference: 'stand 31-12-2022' })
      .thenRejects('ID_REUSED', 'reference');
  });
});

describe('RecordAdvance', () => {
  const advance = (extra: Record<string, unknown> = {}) => ({
    command: 'RecordAdvance',
    regionId: R,
    advanceId: 'vs-2024-q1-beta',
    year: 2024,
    scheme: 'BW',
    municipality: BETA,
    amount: '2030.81',
    date: '2024-03-15',
    reference: 'Voorschot bijdrage BW 2024, kwartaal 1',
    ...extra,
  });

  it("records the fact with postings from the municipal treasuries to the region's advances", () => {
    given(registerRegion)
      .when(advance())
      .then((events) =>
        expect(events).toEqual([
          {
            type: 'AdvanceRecorded',
            data: {
              regionId: R,
              advanceId: 'vs-2024-q1-beta',
              year: 2024,
              scheme: 'BW',
              municipality: BETA,
              amount: '2030.81',
              date: '2024-03-15',
              reference: 'Voorschot bijdrage BW 2024, kwartaal 1',
              postings: [
                { account: 'external:municipal-treasuries', amount: '-2030.81' },
                { account: `region:${R}:advances`, amount: '2030.81' },
              ],
            },
          },
        ]),
      );
  });

  it('reverses the postings for a negative advance (paid to the municipality)', () => {
    given(registerRegion)
      .when(advance({ amount: '-500.00', scheme: 'MO' }))
      .then(([event]) =>
        expect(postingsOf(event)).toEqual([
          { account: 'external:municipal-treasuries', amount: '500.00' },
          { account: `region:${R}:advances`, amount: '-500.00' },
        ]),
      );
  });

  it('is idempotent on identical content and refuses the same advanceId with other content', () => {
    given(registerRegion, advance())
      .when(advance({ amount: '02030.81' }))
      .thenNothing();
    given(registerRegion, advance())
      .when(advance({ amount: '2030.82' }))
      .thenRejects('ID_REUSED', 'advanceId', /vs-2024-q1-beta/);
  });

  it('refuses a municipality outside the region and a closed year; identical again stays a no-op there', () => {
    given(registerRegion)
      .when(advance({ municipality: 'GM0999' }))
      .thenRejects('UNKNOWN_MUNICIPALITY', 'municipality');
    const closed = [registerRegion, ...keys, advance(), close(2024)];
    given(...closed)
      .when(advance({ advanceId: 'vs-2024-q2-beta' }))
      .thenRejects('YEAR_CLOSED', 'year');
    given(...closed)
      .when(advance())
      .thenNothing();
    given(...closed, reopen(2024))
      .when(advance({ advanceId: 'vs-2024-q2-beta' }))
      .then((events) => expect(events.map((event) => event.type)).toEqual(['AdvanceRecorded']));
  });
});

describe('AdoptRegionalBudget', () => {
  it('refuses a negative amount when adopted, naming the field (not at closing with a confusing message)', () => {
    given(registerRegion)
      .when(budget('BW', '-100.00'))
      .thenRejects('INVALID_FIELD', 'amount', /must not be negative, got -100\.00/);
    given(registerRegion)
      .when(budget('MO', '-0.01', { components: [{ label: 'eigen bijdragen', amount: '-0.01' }] }))
      .thenRejects('INVALID_FIELD', 'amount');
    given(registerRegion)
      .when(budget('BW', '0.00'))
      .then((events) => expect(events.map((event) => event.type)).toEqual(['RegionalBudgetAdopted']));
  });
});

describe('versioned things', () => {
  it('a key version is immutable: identical again is a no-op, other content is refused', () => {
    const v1 = key('bw-historical', ['50', '30', '20']);
    given(registerRegion, v1).when(v1).thenNothing();
    given(registerRegion, v1)
      .when(key('bw-historical', ['50', '30.00', '20']))
      .thenNothing();
    given(registerRegion, v1)
      .when(key('bw-historical', ['50', '25', '25']))
      .thenRejects('VERSION_CONFLICT', 'version');
    given(registerRegion, v1)
      .when(key('bw-historical', ['50', '25', '25'], { version: 2, validFrom: 2025 }))
      .then((events) => expect(events).toHaveLength(1));
  });

  it('validates keys against the region', () => {
    given(registerRegion)
      .when({ ...key('bw-historical', ['50', '30', '20']), weights: { [ALPHA]: '50', [BETA]: '50' } })
      .thenRejects('INVALID_KEY', 'weights', /GM0003/);
    given(registerRegion)
      .when({
        ...key('bw-historical', ['50', '30', '20']),
        weights: { [ALPHA]: '50', [BETA]: '30', [GAMMA]: '20', GM0009: '0' },
      })
      .thenRejects('UNKNOWN_MUNICIPALITY', 'weights.GM0009');
    given(registerRegion)
      .when(key('bw-historical', ['50', '30', '-20']))
      .thenRejects('INVALID_FIELD', 'weights.GM0003', /negative/);
    given(registerRegion)
      .when(key('bw-historical', ['50', '30', '21.01']))
      .thenRejects('INVALID_KEY', 'weights', /100 ± 1/);
    given(registerRegion)
      .when(key('bw-historical', ['0', '0', '0'], { unit: 'weight' }))
      .thenRejects('INVALID_KEY', 'weights', /more than zero/);
    given(registerRegion)
      .when(key('bw-historical', ['50', '30', '20'], { validTo: 2022 }))
      .thenRejects('INVALID_FIELD', 'validTo');
  });

  it('accepts percent keys within 100 ± 1 (the memo keys sum to 100.1 and 99.9) and weights of any sum', () => {
    given(registerRegion)
      .when(key('bw-objective', ['50', '30', '21']))
      .then((events) => expect(events).toHaveLength(1));
    given(registerRegion)
      .when(key('bw-objective', ['50', '29', '20']))
      .then((events) => expect(events).toHaveLength(1));
    given(registerRegion)
      .when(key('bw-objective', ['1200', '800', '0'], { unit: 'weight' }))
      .then((events) => expect(events).toHaveLength(1));
  });

  it('a budget version is immutable; components must sum to the amount; objectivePct belongs to BW', () => {
    const v1 = budget('BW', '1000.00', { objectivePct: '10' });
    given(registerRegion, v1).when(v1).thenNothing();
    given(registerRegion, budget('BW', '1000.00'))
      .when(budget('BW', '1000.00', { objectivePct: '0' }))
      .thenNothing();
    given(registerRegion, v1)
      .when(budget('BW', '1000.00', { objectivePct: '11' }))
      .thenRejects('VERSION_CONFLICT', 'version');
    given(registerRegion)
      .when(
        budget('BW', '1000.00', {
          components: [
            { label: 'a', amount: '900.00' },
            { label: 'b', amount: '99.99' },
          ],
        }),
      )
      .thenRejects('COMPONENTS_MISMATCH', 'components');
    given(registerRegion)
      .when(
        budget('BW', '1000.00', {
          components: [
            { label: 'a', amount: '1100.00' },
            { label: 'eigen bijdrage', amount: '-100.00' },
          ],
        }),
      )
      .then((events) => expect(events).toHaveLength(1));
    given(registerRegion)
      .when(budget('MO', '1000.00', { objectivePct: '5' }))
      .thenRejects('INVALID_FIELD', 'objectivePct');
  });

  it('agreements are versioned and validated', () => {
    given(registerRegion, reserveAgreement()).when(reserveAgreement()).thenNothing();
    given(registerRegion, reserveAgreement())
      .when(reserveAgreement({ maxPct: '12' }))
      .thenRejects('VERSION_CONFLICT', 'version');
    given(registerRegion)
      .when(reserveAgreement({ minPct: '11' }))
      .thenRejects('INVALID_FIELD', 'minPct');
    given(registerRegion)
      .when(reserveAgreement({ schemes: ['BW', 'BW'] }))
      .thenRejects('INVALID_FIELD', 'schemes');
    given(registerRegion)
      .when(reserveAgreement({ excessTo: 'elsewhere' }))
      .thenRejects('INVALID_FIELD', 'excessTo');
    given(registerRegion)
      .when(reserveAgreement({ base: { fixed: '-1.00' } }))
      .thenRejects('INVALID_FIELD', 'base.fixed');
    given(registerRegion)
      .when(solidarityAgreement({ executionCosts: 'surcharge' }))
      .thenRejects('MISSING_FIELD', 'surchargePct');
    given(registerRegion)
      .when(solidarityAgreement({ surchargePct: '10' }))
      .thenRejects('INVALID_FIELD', 'surchargePct');
    given(registerRegion)
      .when(solidarityAgreement({ weights: { [BETA]: '0' } }))
      .thenRejects('INVALID_FIELD', 'weights.GM0002');
    given(registerRegion)
      .when(solidarityAgreement({ weights: { GM0009: '1' } }))
      .thenRejects('UNKNOWN_MUNICIPALITY', 'weights.GM0009');
    given(registerRegion)
      .when(solidarityAgreement({ ownAccountPct: '100.5' }))
      .thenRejects('INVALID_FIELD', 'ownAccountPct');
    given(registerRegion)
      .when(solidarityAgreement({ ownAccountPctByYear: { '20x5': '10' } }))
      .thenRejects('INVALID_FIELD', 'ownAccountPctByYear.20x5');
  });
});

describe('closed years', () => {
  const history = [registerRegion, ...keys, payment('BW', 'historical', ALPHA, '100.00', 2024, 'iu'), close(2024)];

  it('refuses new facts, budgets and fund movements for a closed year', () => {
    given(...history)
      .when(payment('BW', 'historical', ALPHA, '5.00', 2024, 'late'))
      .thenRejects('YEAR_CLOSED', 'year', /reopen/i);
    given(...history)
      .when(budget('BW', '10.00'))
      .thenRejects('YEAR_CLOSED');
    given(...history)
      .when({
        command: 'RecordFundSpending',
        regionId: R,
        spendingId: 's',
        year: 2024,
        fundId: 'f',
        scheme: 'BW',
        amount: '1.00',
        recipient: BETA,
      })
      .thenRejects('YEAR_CLOSED');
    given(...history)
      .when({ command: 'TransferReserveToFund', regionId: R, transferId: 't', year: 2024, fundId: 'f', amount: '1.00' })
      .thenRejects('YEAR_CLOSED');
  });

  it('keeps identical re-recorded facts no-ops, and accepts facts for other years', () => {
    given(...history)
      .when(payment('BW', 'historical', ALPHA, '100.00', 2024, 'iu'))
      .thenNothing();
    given(...history)
      .when(payment('BW', 'historical', ALPHA, '5.00', 2025, 'next'))
      .then((events) => expect(events).toHaveLength(1));
  });

  it('accepts facts again once the year is reopened', () => {
    given(...history, reopen(2024))
      .when(payment('BW', 'historical', ALPHA, '5.00', 2024, 'late'))
      .then((events) => expect(events).toHaveLength(1));
  });

  it('a run or closing of a closed year changes nothing; reopening an open year neither', () => {
    given(...history)
      .when({ command: 'RunAllocation', regionId: R, year: 2024 })
      .thenNothing();
    given(...history)
      .when(close(2024))
      .thenNothing();
    given(registerRegion).when(reopen(2024)).thenNothing();
    given(...history)
      .when(reopen(2024, 'nacalculatie Rijk'))
      .then(([event], state) => {
        expect(event).toEqual({ type: 'YearReopened', data: { regionId: R, year: 2024, reason: 'nacalculatie Rijk' } });
        expect(state.closedYears.has(2024)).toBe(true);
      });
  });
});
