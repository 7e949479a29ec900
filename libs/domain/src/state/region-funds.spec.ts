import { record } from '../testing/decider.spec-helper';
import { R, registerRegion, reserveAgreement } from '../testing/fixtures.spec-helper';
import { initialState } from './evolve';
import { hasFund } from './region-funds';

describe('hasFund', () => {
  const opening = { command: 'RecordReserveOpening', regionId: R, year: 2023, amount: '1000.00' };
  const transfer = (fundId: string, amount = '400.00') => ({
    command: 'TransferReserveToFund',
    regionId: R,
    transferId: `t-${fundId}`,
    year: 2023,
    fundId,
    amount,
  });
  const spending = {
    command: 'RecordFundSpending',
    regionId: R,
    spendingId: 's',
    year: 2024,
    fundId: 'spent',
    scheme: 'BW',
    amount: '10.00',
    recipient: 'providers',
  };

  it('knows a fund money moved on, in any year, or that a reserve agreement sends the excess to', () => {
    const state = initialState();
    expect(hasFund(state, 'friction')).toBe(false);
    record(state, registerRegion, opening, transfer('friction'), spending, reserveAgreement({ excessTo: 'fund:band' }));
    for (const fundId of ['friction', 'spent', 'band'])
      expect([fundId, hasFund(state, fundId)]).toEqual([fundId, true]);
  });

  it('knows no fund the region never named', () => {
    const state = initialState();
    record(state, registerRegion, opening, transfer('friction'), reserveAgreement({ excessTo: 'municipalities' }));
    for (const fundId of ['frictie', 'municipalities', 'reserve'])
      expect([fundId, hasFund(state, fundId)]).toEqual([fundId, false]);
  });
});
