import { RegionState } from '@libs/domain';
import { buildStatement, buildYearContext, Statement, YearContext } from '@libs/projections';
import { RawCommand, record } from '../../../domain/src/testing/decider.spec-helper';
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
  reserveAgreement,
} from '../../../domain/src/testing/fixtures.spec-helper';

export { ALPHA, BETA, GAMMA, R };

const advance = (advanceId: string, municipality: string, scheme: 'BW' | 'MO', amount: string): RawCommand => ({
  command: 'RecordAdvance',
  regionId: R,
  advanceId,
  year: 2024,
  scheme,
  municipality,
  amount,
});

/**
 * Issue 12's example as a closed year of the test region: a BW result of −100.000 taken from the
 * reserve and an MO result of +100.000 added to it; with advances such that Alpha has nothing to
 * settle (due 0,00), Beta receives € 700.000,00 and Gamma pays € 310.000,00. The statement (with a
 * ledger hash), the context and the state of 2024.
 */
export function reserveBothWays(...more: RawCommand[]): {
  state: RegionState;
  statement: Statement;
  context: YearContext;
} {
  const state = new RegionState();
  record(
    state,
    registerRegion,
    ...keys,
    reserveAgreement({ base: { fixed: '10000000.00' }, minPct: '0', maxPct: '100' }),
    { command: 'RecordReserveOpening', regionId: R, year: 2024, amount: '500000.00' },
    payment('BW', 'historical', ALPHA, '1000000.00'),
    budget('BW', '500000.00'),
    cost('BW', '600000.00'),
    payment('MO', 'objective', ALPHA, '1000000.00'),
    budget('MO', '400000.00'),
    cost('MO', '300000.00'),
    advance('v-alpha-bw', ALPHA, 'BW', '-250000.00'),
    advance('v-alpha-mo', ALPHA, 'MO', '-360000.00'),
    advance('v-beta', BETA, 'BW', '400000.00'),
    advance('v-gamma', GAMMA, 'BW', '-500000.00'),
    ...more,
    close(),
  );
  const statement = { ...buildStatement(state, 2024), ledgerHash: 'ab'.repeat(32) };
  return { state, statement, context: buildYearContext(state, 2024) };
}
