import { given, RawCommand } from '../testing/decider.spec-helper';
import {
  ALPHA,
  BETA,
  budget,
  close,
  coPayment,
  cost,
  expenditure,
  keys,
  payment,
  R,
  registerRegion,
  reopen,
  reserveAgreement,
  run,
} from '../testing/fixtures.spec-helper';

/** A region with a reserve far above its band in 2023: closing an empty year would pay it all out. */
const history: RawCommand[] = [
  registerRegion,
  ...keys,
  reserveAgreement({ base: { fixed: '1000.00' } }),
  { command: 'RecordReserveOpening', regionId: R, year: 2023, amount: '5000.00' },
  payment('BW', 'historical', ALPHA, '1000.00', 2023, 'iu-2023'),
  budget('BW', '100.00', {}, 2023),
  cost('BW', '100.00', 2023, 'bw-2023'),
];

describe('YEAR_EMPTY (domain.md §4): a run or closing of a year with nothing recorded', () => {
  it.each([
    ['RunAllocation', run(2062)],
    ['CloseYear', close(2062)],
  ])('%s of a mistyped year is refused, naming the year, and records nothing', (_name, command) => {
    given(...history)
      .when(command)
      .thenThrows('YEAR_EMPTY', 'year', /nothing is recorded for 2062 in region "test-region"/);
  });

  it('a year with only a policy correction, keys or agreements is still empty', () => {
    given(...history, {
      command: 'RecordPolicyCorrection',
      regionId: R,
      correctionId: 'pc',
      year: 2062,
      municipality: BETA,
      amount: '5.00',
      justification: 'eigen beleid',
    })
      .when(close(2062))
      .thenThrows('YEAR_EMPTY', 'year');
  });

  const FIRST_FACTS: [string, RawCommand][] = [
    ['a Rijk payment', payment('MO', 'objective', BETA, '10.00', 2062, 'du-2062')],
    ['a regional budget', budget('MO', '0.00', {}, 2062)],
    ['a regional cost', cost('MO', '0.00', 2062, 'mo-2062')],
    ['a co-payment', coPayment('BW', '0.00', 2062)],
    ['local expenditure', expenditure(BETA, '0.00', '0.00', 2062)],
    [
      'an advance',
      {
        command: 'RecordAdvance',
        regionId: R,
        advanceId: 'vs-2062',
        year: 2062,
        scheme: 'BW',
        municipality: BETA,
        amount: '1.00',
      },
    ],
    [
      'a reserve movement',
      { command: 'TransferReserveToFund', regionId: R, transferId: 't', year: 2062, fundId: 'f', amount: '1.00' },
    ],
    [
      'a fund movement',
      {
        command: 'RecordFundSpending',
        regionId: R,
        spendingId: 's',
        year: 2062,
        fundId: 'f',
        scheme: 'BW',
        amount: '0.00',
        recipient: 'providers',
      },
    ],
  ];

  it.each(FIRST_FACTS)('a year with %s (even of 0.00) can be run and closed', (_what, fact) => {
    // none of these facts gives the run anything to allocate: it records only that it ran
    given(...history, fact)
      .when(run(2062))
      .then([{ type: 'AllocationRunCompleted', data: { regionId: R, year: 2062 } }]);
    given(...history, fact)
      .when(close(2062))
      .thenState((after) => expect(after.closedYears.has(2062)).toBe(true));
  });

  it('a year with a reserve opening can be closed', () => {
    given(registerRegion, ...keys, { command: 'RecordReserveOpening', regionId: R, year: 2030, amount: '0.00' })
      .when(close(2030))
      .then([{ type: 'YearClosed', data: { regionId: R, year: 2030 } }]);
  });

  it('closing or running a closed year stays a no-op, and a reopened year closes again', () => {
    given(...history, close(2023))
      .when(close(2023))
      .thenNothing();
    given(...history, close(2023))
      .when(run(2023))
      .thenNothing();
    given(...history, close(2023), reopen(2023))
      .when(close(2023))
      .then([{ type: 'YearClosed', data: { regionId: R, year: 2023 } }]);
  });
});
