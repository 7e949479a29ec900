import { Accounts } from './accounts';
import { DomainEvent } from './events/domain-event';
import { eur, given, posting } from './testing/decider.spec-helper';
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
  regionRegistered,
  registerRegion,
  reopen,
  reserveAgreement,
  solidarityAgreement,
} from './testing/fixtures.spec-helper';

describe('RegisterRegion', () => {
  it('registers a region once, its members in code order; the same content again is a no-op', () => {
    given()
      .when({
        ...registerRegion,
        municipalities: [
          { code: GAMMA, name: 'Gamma' },
          { code: ALPHA, name: 'Alpha' },
          { code: BETA, name: 'Beta' },
        ],
      })
      .then([regionRegistered]);
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
      .thenThrows('REGION_CONFLICT', 'regionId');
  });

  it('refuses a central municipality that is not a member and duplicate members', () => {
    given()
      .when({ ...registerRegion, centralMunicipality: 'GM0009' })
      .thenThrows('INVALID_FIELD', 'centralMunicipality');
    given()
      .when({
        ...registerRegion,
        municipalities: [
          { code: ALPHA, name: 'A' },
          { code: ALPHA, name: 'B' },
        ],
      })
      .thenThrows('INVALID_FIELD', 'municipalities[1].code');
  });

  it('refuses every other command for a region that is not registered', () => {
    given()
      .when(payment('BW', 'historical', ALPHA, '10.00'))
      .thenThrows('UNKNOWN_REGION', 'regionId');
  });
});

describe('RecordRijkPayment', () => {
  const recorded = (
    scheme: 'BW' | 'MO',
    basis: 'historical' | 'objective',
    recipient: string,
    amount: string,
    destination = account.bwHistorical,
  ): DomainEvent => ({
    type: 'RijkPaymentRecorded',
    data: {
      regionId: R,
      paymentId: 'iu-1',
      year: 2024,
      scheme,
      basis,
      recipient,
      amount: eur(amount),
      postings: amount.startsWith('-')
        ? [posting(Accounts.rijk, amount.slice(1)), posting(destination, amount)]
        : [posting(Accounts.rijk, `-${amount}`), posting(destination, amount)],
    },
  });

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
      .when(payment(scheme, basis, recipient, '1000.50', 2024, 'iu-1'))
      .then([recorded(scheme, basis, recipient, '1000.50', destination)]);
  });

  it('records a negative payment (a nacalculatie) as money flowing back', () => {
    given(registerRegion)
      .when(payment('BW', 'historical', ALPHA, '-250.00', 2024, 'iu-1'))
      .then([recorded('BW', 'historical', ALPHA, '-250.00')]);
  });

  it('keeps the reference and book date as given', () => {
    given(registerRegion)
      .when({
        ...payment('MO', 'objective', BETA, '7.00', 2024, 'du-1'),
        reference: 'meicirculaire',
        bookDate: '2024-06-14',
      })
      .then([
        {
          type: 'RijkPaymentRecorded',
          data: {
            regionId: R,
            paymentId: 'du-1',
            year: 2024,
            scheme: 'MO',
            basis: 'objective',
            recipient: BETA,
            amount: eur('7.00'),
            reference: 'meicirculaire',
            bookDate: '2024-06-14',
            postings: [posting(Accounts.rijk, '-7.00'), posting(account.mo(BETA), '7.00')],
          },
        },
      ]);
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
      .thenThrows('ID_REUSED', 'paymentId', /^paymentId: paymentId "iu-1" is already recorded with other content$/);
  });

  it('scopes ids per kind of fact: a cost may share an id with a payment', () => {
    given(registerRegion, payment('BW', 'historical', ALPHA, '100', 2024, 'x'))
      .when({ command: 'RecordRegionalCost', regionId: R, costId: 'x', year: 2024, scheme: 'BW', amount: '5' })
      .then([
        {
          type: 'RegionalCostRecorded',
          data: {
            regionId: R,
            costId: 'x',
            year: 2024,
            scheme: 'BW',
            amount: eur('5.00'),
            postings: [posting(account.bwProvisions, '-5.00'), posting(Accounts.providers, '5.00')],
          },
        },
      ]);
  });

  it('refuses a recipient outside the region', () => {
    given(registerRegion)
      .when(payment('BW', 'objective', 'GM0999', '1'))
      .thenThrows('UNKNOWN_MUNICIPALITY', 'recipient');
  });
});

describe('other money facts', () => {
  it('posts regional costs to the provisions, with what was given about them', () => {
    given(registerRegion)
      .when({
        command: 'RecordRegionalCost',
        regionId: R,
        costId: 'c',
        year: 2024,
        scheme: 'BW',
        amount: '700.00',
        category: 'care',
        provider: 'Stichting Zorg',
        description: 'nachtopvang',
      })
      .then([
        {
          type: 'RegionalCostRecorded',
          data: {
            regionId: R,
            costId: 'c',
            year: 2024,
            scheme: 'BW',
            amount: eur('700.00'),
            category: 'care',
            provider: 'Stichting Zorg',
            description: 'nachtopvang',
            postings: [posting(account.bwProvisions, '-700.00'), posting(Accounts.providers, '700.00')],
          },
        },
      ]);
  });

  it('posts co-payments into the provisions', () => {
    given(registerRegion)
      .when({ command: 'RecordCoPayment', regionId: R, coPaymentId: 'cp', year: 2024, scheme: 'MO', amount: '30.00' })
      .then([
        {
          type: 'CoPaymentRecorded',
          data: {
            regionId: R,
            coPaymentId: 'cp',
            year: 2024,
            scheme: 'MO',
            amount: eur('30.00'),
            postings: [posting(Accounts.coPayments, '-30.00'), posting(account.moProvisions, '30.00')],
          },
        },
      ]);
  });

  it('posts local expenditure (care + execution) from the municipality to the providers', () => {
    given(registerRegion)
      .when({
        command: 'RecordLocalExpenditure',
        regionId: R,
        expenditureId: 'e',
        year: 2024,
        scheme: 'BW',
        municipality: BETA,
        careCosts: '90.00',
        executionCosts: '10.00',
      })
      .then([
        {
          type: 'LocalExpenditureRecorded',
          data: {
            regionId: R,
            expenditureId: 'e',
            year: 2024,
            scheme: 'BW',
            municipality: BETA,
            careCosts: eur('90.00'),
            executionCosts: eur('10.00'),
            postings: [posting(account.bw(BETA), '-100.00'), posting(Accounts.providers, '100.00')],
          },
        },
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
      .then([
        {
          type: 'PolicyCorrectionRecorded',
          data: {
            regionId: R,
            correctionId: 'pc',
            year: 2024,
            municipality: BETA,
            amount: eur('5.00'),
            justification: 'eigen beleid',
          },
        },
      ]);
  });

  const opening = { command: 'RecordReserveOpening', regionId: R, year: 2023, amount: '1000.00' };
  const transfer = {
    command: 'TransferReserveToFund',
    regionId: R,
    transferId: 't',
    year: 2023,
    fundId: 'friction',
    amount: '400.00',
  };

  it('moves the reserve opening into the reserve', () => {
    given(registerRegion)
      .when({ ...opening, reference: 'stand 31-12-2022' })
      .then([
        {
          type: 'ReserveOpeningRecorded',
          data: {
            regionId: R,
            year: 2023,
            amount: eur('1000.00'),
            reference: 'stand 31-12-2022',
            postings: [posting(Accounts.openingBalances, '-1000.00'), posting(account.reserve, '1000.00')],
          },
        },
      ]);
  });

  it('moves a transfer from the reserve into a fund', () => {
    given(registerRegion, opening)
      .when(transfer)
      .then([
        {
          type: 'ReserveTransferredToFund',
          data: {
            regionId: R,
            transferId: 't',
            year: 2023,
            fundId: 'friction',
            amount: eur('400.00'),
            postings: [posting(account.reserve, '-400.00'), posting(account.fund('friction'), '400.00')],
          },
        },
      ]);
  });

  it('spends a fund on a member or on the providers', () => {
    const spending = (spendingId: string, scheme: 'BW' | 'MO', amount: string, recipient: string) => ({
      command: 'RecordFundSpending',
      regionId: R,
      spendingId,
      year: 2024,
      fundId: 'friction',
      scheme,
      amount,
      recipient,
    });
    const spent = (spendingId: string, scheme: 'BW' | 'MO', amount: string, recipient: string): DomainEvent => ({
      type: 'FundSpendingRecorded',
      data: {
        regionId: R,
        spendingId,
        year: 2024,
        fundId: 'friction',
        scheme,
        amount: eur(amount),
        recipient,
        postings: [
          posting(account.fund('friction'), `-${amount}`),
          posting(recipient === 'providers' ? Accounts.providers : account.bw(recipient), amount),
        ],
      },
    });
    given(registerRegion, opening, transfer)
      .when(spending('s1', 'BW', '150.00', GAMMA))
      .then([spent('s1', 'BW', '150.00', GAMMA)]);
    given(registerRegion, opening, transfer)
      .when(spending('s2', 'MO', '50.00', 'providers'))
      .then([spent('s2', 'MO', '50.00', 'providers')]);
    given(registerRegion)
      .when(spending('s3', 'BW', '1.00', 'GM0999'))
      .thenThrows('UNKNOWN_MUNICIPALITY', 'recipient');
  });

  it('keeps one reserve opening per region: the same again is a no-op, another amount or year is refused', () => {
    given(registerRegion, opening).when(opening).thenNothing();
    given(registerRegion, opening)
      .when({ ...opening, amount: '1000' })
      .thenNothing();
    given(registerRegion, opening)
      .when({ ...opening, amount: '999.00' })
      .thenThrows(
        'ID_REUSED',
        'amount',
        /already has its reserve opening \(2023: 1000\.00\); a region has one opening/,
      );
    given(registerRegion, opening)
      .when({ ...opening, year: 2024 })
      .thenThrows('ID_REUSED', 'year', /one opening/);
    given(registerRegion, opening)
      .when({ ...opening, year: 2024, amount: '5.00' })
      .thenThrows('ID_REUSED', 'year');
    given(registerRegion, opening)
      .when({ ...opening, reference: 'stand 31-12-2022' })
      .thenThrows('ID_REUSED', 'reference');
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
      .then([
        {
          type: 'AdvanceRecorded',
          data: {
            regionId: R,
            advanceId: 'vs-2024-q1-beta',
            year: 2024,
            scheme: 'BW',
            municipality: BETA,
            amount: eur('2030.81'),
            date: '2024-03-15',
            reference: 'Voorschot bijdrage BW 2024, kwartaal 1',
            postings: [posting(Accounts.municipalTreasuries, '-2030.81'), posting(Accounts.advances(R), '2030.81')],
          },
        },
      ]);
  });

  it('reverses the postings for a negative advance (paid to the municipality)', () => {
    given(registerRegion)
      .when(advance({ amount: '-500.00', scheme: 'MO', date: undefined, reference: undefined }))
      .then([
        {
          type: 'AdvanceRecorded',
          data: {
            regionId: R,
            advanceId: 'vs-2024-q1-beta',
            year: 2024,
            scheme: 'MO',
            municipality: BETA,
            amount: eur('-500.00'),
            postings: [posting(Accounts.municipalTreasuries, '500.00'), posting(Accounts.advances(R), '-500.00')],
          },
        },
      ]);
  });

  it('is idempotent on identical content and refuses the same advanceId with other content', () => {
    given(registerRegion, advance())
      .when(advance({ amount: '02030.81' }))
      .thenNothing();
    given(registerRegion, advance())
      .when(advance({ amount: '2030.82' }))
      .thenThrows('ID_REUSED', 'advanceId', /vs-2024-q1-beta/);
  });

  it('refuses a municipality outside the region and a closed year; identical again stays a no-op there', () => {
    given(registerRegion)
      .when(advance({ municipality: 'GM0999' }))
      .thenThrows('UNKNOWN_MUNICIPALITY', 'municipality');
    const closed = [registerRegion, ...keys, advance(), close(2024)];
    given(...closed)
      .when(advance({ advanceId: 'vs-2024-q2-beta' }))
      .thenThrows('YEAR_CLOSED', 'year');
    given(...closed)
      .when(advance())
      .thenNothing();
    given(...closed, reopen(2024))
      .when(advance({ advanceId: 'vs-2024-q2-beta', date: undefined, reference: undefined }))
      .then([
        {
          type: 'AdvanceRecorded',
          data: {
            regionId: R,
            advanceId: 'vs-2024-q2-beta',
            year: 2024,
            scheme: 'BW',
            municipality: BETA,
            amount: eur('2030.81'),
            postings: [posting(Accounts.municipalTreasuries, '-2030.81'), posting(Accounts.advances(R), '2030.81')],
          },
        },
      ]);
  });
});

describe('AdoptRegionalBudget', () => {
  it('refuses a negative amount when adopted, naming the field (not at closing with a confusing message)', () => {
    given(registerRegion)
      .when(budget('BW', '-100.00'))
      .thenThrows('INVALID_FIELD', 'amount', /must not be negative, got -100\.00/);
    given(registerRegion)
      .when(budget('MO', '-0.01', { components: [{ label: 'eigen bijdragen', amount: '-0.01' }] }))
      .thenThrows('INVALID_FIELD', 'amount');
  });

  it('records a BW budget with its objective share ("0" when not given) and an MO budget without one', () => {
    given(registerRegion)
      .when(budget('BW', '0.00'))
      .then([
        {
          type: 'RegionalBudgetAdopted',
          data: { regionId: R, version: 1, year: 2024, scheme: 'BW', amount: 0n, objectivePct: '0' },
        },
      ]);
    given(registerRegion)
      .when(
        budget('MO', '1000.00', {
          components: [
            { label: 'nachtopvang', amount: '1100.00' },
            { label: 'eigen bijdrage', amount: '-100.00' },
          ],
        }),
      )
      .then([
        {
          type: 'RegionalBudgetAdopted',
          data: {
            regionId: R,
            version: 1,
            year: 2024,
            scheme: 'MO',
            amount: eur('1000.00'),
            components: [
              { label: 'nachtopvang', amount: eur('1100.00') },
              { label: 'eigen bijdrage', amount: eur('-100.00') },
            ],
          },
        },
      ]);
  });
});

describe('versioned things', () => {
  const adopted = (weights: [string, string, string], version = 1, validFrom = 2023): DomainEvent => ({
    type: 'DistributionKeyAdopted',
    data: {
      regionId: R,
      keyId: 'bw-historical',
      version,
      validFrom,
      unit: 'percent',
      basis: 'basis of bw-historical',
      weights: { [ALPHA]: weights[0], [BETA]: weights[1], [GAMMA]: weights[2] },
    },
  });

  it('a key version is immutable: identical again is a no-op, other content is refused', () => {
    const v1 = key('bw-historical', ['50', '30', '20']);
    given(registerRegion)
      .when(key('bw-historical', ['50.0', '30', '20.00']))
      .then([adopted(['50', '30', '20'])]);
    given(registerRegion, v1).when(v1).thenNothing();
    given(registerRegion, v1)
      .when(key('bw-historical', ['50', '30.00', '20']))
      .thenNothing();
    given(registerRegion, v1)
      .when(key('bw-historical', ['50', '25', '25']))
      .thenThrows(
        'VERSION_CONFLICT',
        'version',
        /^version: key:bw-historical version 1 is already adopted with other content; adopt a new version instead$/,
      );
    given(registerRegion, v1)
      .when(key('bw-historical', ['50', '25', '25'], { version: 2, validFrom: 2025 }))
      .then([adopted(['50', '25', '25'], 2, 2025)]);
  });

  it('validates keys against the region', () => {
    given(registerRegion)
      .when({ ...key('bw-historical', ['50', '30', '20']), weights: { [ALPHA]: '50', [BETA]: '50' } })
      .thenThrows('INVALID_KEY', 'weights', /GM0003/);
    given(registerRegion)
      .when({
        ...key('bw-historical', ['50', '30', '20']),
        weights: { [ALPHA]: '50', [BETA]: '30', [GAMMA]: '20', GM0009: '0' },
      })
      .thenThrows('UNKNOWN_MUNICIPALITY', 'weights.GM0009');
    given(registerRegion)
      .when(key('bw-historical', ['50', '30', '-20']))
      .thenThrows('INVALID_FIELD', 'weights.GM0003', /negative/);
    given(registerRegion)
      .when(key('bw-historical', ['50', '30', '21.01']))
      .thenThrows('INVALID_KEY', 'weights', /100 ± 1/);
    given(registerRegion)
      .when(key('bw-historical', ['0', '0', '0'], { unit: 'weight' }))
      .thenThrows('INVALID_KEY', 'weights', /more than zero/);
    given(registerRegion)
      .when(key('bw-historical', ['50', '30', '20'], { validTo: 2022 }))
      .thenThrows('INVALID_FIELD', 'validTo');
  });

  it('accepts percent keys within 100 ± 1 (the memo keys sum to 100.1 and 99.9) and weights of any sum', () => {
    const objective = (weights: [string, string, string], unit: 'percent' | 'weight' = 'percent'): DomainEvent => ({
      type: 'DistributionKeyAdopted',
      data: {
        regionId: R,
        keyId: 'bw-objective',
        version: 1,
        validFrom: 2023,
        unit,
        basis: 'basis of bw-objective',
        weights: { [ALPHA]: weights[0], [BETA]: weights[1], [GAMMA]: weights[2] },
      },
    });
    given(registerRegion)
      .when(key('bw-objective', ['50', '30', '21']))
      .then([objective(['50', '30', '21'])]);
    given(registerRegion)
      .when(key('bw-objective', ['50', '29', '20']))
      .then([objective(['50', '29', '20'])]);
    given(registerRegion)
      .when(key('bw-objective', ['1200', '800', '0'], { unit: 'weight' }))
      .then([objective(['1200', '800', '0'], 'weight')]);
  });

  it('a budget version is immutable; components must sum to the amount; objectivePct belongs to BW', () => {
    const v1 = budget('BW', '1000.00', { objectivePct: '10' });
    given(registerRegion, v1).when(v1).thenNothing();
    given(registerRegion, budget('BW', '1000.00'))
      .when(budget('BW', '1000.00', { objectivePct: '0' }))
      .thenNothing();
    given(registerRegion, v1)
      .when(budget('BW', '1000.00', { objectivePct: '11' }))
      .thenThrows('VERSION_CONFLICT', 'version', /budget:2024:BW version 1 is already adopted/);
    given(registerRegion)
      .when(
        budget('BW', '1000.00', {
          components: [
            { label: 'a', amount: '900.00' },
            { label: 'b', amount: '99.99' },
          ],
        }),
      )
      .thenThrows('COMPONENTS_MISMATCH', 'components');
    given(registerRegion)
      .when(budget('MO', '1000.00', { objectivePct: '5' }))
      .thenThrows('INVALID_FIELD', 'objectivePct');
  });

  it('records a reserve agreement with its defaults filled in and its schemes in order', () => {
    given(registerRegion)
      .when(reserveAgreement({ schemes: ['MO', 'BW'], base: 'budget', excessTo: 'fund:frictie' }))
      .then([
        {
          type: 'ReserveAgreementAdopted',
          data: {
            regionId: R,
            version: 1,
            validFrom: 2023,
            schemes: ['BW', 'MO'],
            minPct: '5',
            maxPct: '10',
            base: { kind: 'budget' },
            toReservePct: '100',
            replenishTo: 'min',
            payoutTo: 'max',
            excessTo: { kind: 'fund', fundId: 'frictie' },
          },
        },
      ]);
  });

  it('records a solidarity agreement as given', () => {
    given(registerRegion)
      .when(
        solidarityAgreement({
          executionCosts: 'surcharge',
          surchargePct: '12.5',
          weights: { [BETA]: '2' },
          ownAccountPctByYear: { '2026': '25' },
        }),
      )
      .then([
        {
          type: 'SolidarityAgreementAdopted',
          data: {
            regionId: R,
            version: 1,
            validFrom: 2023,
            baseline: 'income',
            executionCosts: 'surcharge',
            surchargePct: '12.5',
            cap: false,
            weights: { [BETA]: '2' },
            policyCorrections: false,
            ownAccountPct: '0',
            ownAccountPctByYear: { '2026': '25' },
          },
        },
      ]);
  });

  it('records inhabitants once per year; every member must be counted', () => {
    const counts = { [ALPHA]: '125000', [BETA]: '27000', [GAMMA]: '19500' };
    const inhabitants = { command: 'RecordInhabitants', regionId: R, year: 2024, counts, source: 'CBS' };
    given(registerRegion)
      .when(inhabitants)
      .then([{ type: 'InhabitantsRecorded', data: { regionId: R, year: 2024, counts, source: 'CBS' } }]);
    given(registerRegion, inhabitants).when(inhabitants).thenNothing();
    given(registerRegion)
      .when({ ...inhabitants, counts: { [ALPHA]: '1' } })
      .thenThrows('INVALID_KEY', 'counts', /missing GM0002, GM0003/);
  });

  it('agreements are versioned and validated', () => {
    given(registerRegion, reserveAgreement()).when(reserveAgreement()).thenNothing();
    given(registerRegion, reserveAgreement())
      .when(reserveAgreement({ maxPct: '12' }))
      .thenThrows('VERSION_CONFLICT', 'version', /reserve-agreement version 1/);
    given(registerRegion)
      .when(reserveAgreement({ minPct: '11' }))
      .thenThrows('INVALID_FIELD', 'minPct');
    given(registerRegion)
      .when(reserveAgreement({ schemes: ['BW', 'BW'] }))
      .thenThrows('INVALID_FIELD', 'schemes');
    given(registerRegion)
      .when(reserveAgreement({ excessTo: 'elsewhere' }))
      .thenThrows('INVALID_FIELD', 'excessTo');
    given(registerRegion)
      .when(reserveAgreement({ base: { fixed: '-1.00' } }))
      .thenThrows('INVALID_FIELD', 'base.fixed');
    given(registerRegion)
      .when(solidarityAgreement({ executionCosts: 'surcharge' }))
      .thenThrows('MISSING_FIELD', 'surchargePct');
    given(registerRegion)
      .when(solidarityAgreement({ surchargePct: '10' }))
      .thenThrows('INVALID_FIELD', 'surchargePct');
    given(registerRegion)
      .when(solidarityAgreement({ weights: { [BETA]: '0' } }))
      .thenThrows('INVALID_FIELD', 'weights.GM0002');
    given(registerRegion)
      .when(solidarityAgreement({ weights: { GM0009: '1' } }))
      .thenThrows('UNKNOWN_MUNICIPALITY', 'weights.GM0009');
    given(registerRegion)
      .when(solidarityAgreement({ ownAccountPct: '100.5' }))
      .thenThrows('INVALID_FIELD', 'ownAccountPct');
    given(registerRegion)
      .when(solidarityAgreement({ ownAccountPctByYear: { '20x5': '10' } }))
      .thenThrows('INVALID_FIELD', 'ownAccountPctByYear.20x5');
  });
});

describe('closed years', () => {
  const history = [registerRegion, ...keys, payment('BW', 'historical', ALPHA, '100.00', 2024, 'iu'), close(2024)];
  const late = (amount: string, year: number, paymentId: string): DomainEvent => ({
    type: 'RijkPaymentRecorded',
    data: {
      regionId: R,
      paymentId,
      year,
      scheme: 'BW',
      basis: 'historical',
      recipient: ALPHA,
      amount: eur(amount),
      postings: [posting(Accounts.rijk, `-${amount}`), posting(account.bwHistorical, amount)],
    },
  });

  it('refuses new facts, budgets and fund movements for a closed year', () => {
    given(...history)
      .when(payment('BW', 'historical', ALPHA, '5.00', 2024, 'late'))
      .thenThrows('YEAR_CLOSED', 'year', /^year: 2024 is closed; reopen it \(ReopenYear with a reason\)/);
    given(...history)
      .when(budget('BW', '10.00'))
      .thenThrows('YEAR_CLOSED');
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
      .thenThrows('YEAR_CLOSED');
    given(...history)
      .when({ command: 'TransferReserveToFund', regionId: R, transferId: 't', year: 2024, fundId: 'f', amount: '1.00' })
      .thenThrows('YEAR_CLOSED');
  });

  it('keeps identical re-recorded facts no-ops, and accepts facts for other years', () => {
    given(...history)
      .when(payment('BW', 'historical', ALPHA, '100.00', 2024, 'iu'))
      .thenNothing();
    given(...history)
      .when(payment('BW', 'historical', ALPHA, '5.00', 2025, 'next'))
      .then([late('5.00', 2025, 'next')]);
  });

  it('accepts facts again once the year is reopened', () => {
    given(...history, reopen(2024))
      .when(payment('BW', 'historical', ALPHA, '5.00', 2024, 'late'))
      .then([late('5.00', 2024, 'late')]);
  });

  it('a run or closing of a closed year changes nothing; reopening an open year neither', () => {
    given(...history)
      .when({ command: 'RunAllocation', regionId: R, year: 2024 })
      .thenNothing();
    given(...history)
      .when(close(2024))
      .thenNothing();
    given(registerRegion).when(reopen(2024)).thenNothing();
  });

  it('reopening a closed year records why, and leaves the year open', () => {
    given(...history)
      .when(reopen(2024, 'nacalculatie Rijk'))
      .then([{ type: 'YearReopened', data: { regionId: R, year: 2024, reason: 'nacalculatie Rijk' } }]);
    given(...history)
      .when(reopen(2024, 'nacalculatie Rijk'))
      .thenState((after) => {
        expect(after.closedYears.has(2024)).toBe(false);
        expect(after.everClosedYears.has(2024)).toBe(true);
      });
  });
});
