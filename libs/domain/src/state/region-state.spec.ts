import { Accounts } from '../accounts';
import { InvariantViolation } from '../errors';
import { DomainEvent } from '../events/domain-event';
import { record } from '../testing/decider.spec-helper';
import { ALPHA, budget, close, cost, keys, payment, R, registerRegion } from '../testing/fixtures.spec-helper';
import { encodeRegionState } from './state-snapshot';
import { evolve, initialState } from './evolve';
import { RegionState } from './region-state';

const PROVISIONS = Accounts.provisions(R, 'BW');

/** A region with money in 2024 and 2025, 2024 closed. */
function region(): RegionState {
  const state = initialState();
  record(
    state,
    registerRegion,
    ...keys,
    payment('BW', 'historical', ALPHA, '1000.00', 2024, 'p1'),
    budget('BW', '100.00', {}, 2024),
    cost('BW', '110.00', 2024),
    payment('BW', 'historical', ALPHA, '900.00', 2025, 'p2'),
    close(2024),
  );
  return state;
}

const skim = (amount: bigint): DomainEvent =>
  ({
    type: 'BwHistoricalSkimmed',
    data: {
      regionId: R,
      year: 2025,
      scheme: 'BW',
      rule: 'bw-skim',
      inputs: {},
      postings: [
        { account: Accounts.bwHistorical(R), amount: -amount },
        { account: PROVISIONS, amount },
      ],
    },
  }) as unknown as DomainEvent;

describe('RegionState.planningCopy', () => {
  it('evolves derived events and markers apart from its original, and reads as the original until then', () => {
    const state = region();
    const before = JSON.stringify(encodeRegionState(state));
    const copy = state.planningCopy();
    expect(JSON.stringify(encodeRegionState(copy))).toBe(before);
    evolve(copy, skim(5000n));
    evolve(copy, { type: 'YearClosed', data: { regionId: R, year: 2025 } });
    expect(JSON.stringify(encodeRegionState(state))).toBe(before);
    expect(copy.ledger.balance(2025, PROVISIONS)).toBe(5000n);
    expect([...copy.closedYears]).toEqual([2024, 2025]);
    expect(copy.eventCount).toBe(state.eventCount + 2);
    // the original goes on as if no copy was made
    evolve(state, skim(300n));
    expect(state.ledger.balance(2025, PROVISIONS)).toBe(300n);
    expect(copy.ledger.balance(2025, PROVISIONS)).toBe(5000n);
  });

  it('refuses a fact: it shares the facts with its original', () => {
    const state = region();
    const copy = state.planningCopy();
    const facts = state.facts.size;
    expect(() => record(copy, cost('BW', '1.00', 2025))).toThrow(InvariantViolation);
    expect(state.facts.size).toBe(facts);
  });

  it('a clone is a copy of everything, and takes facts', () => {
    const state = region();
    const copy = state.clone();
    record(copy, cost('BW', '1.00', 2025));
    expect(copy.facts.size).toBe(state.facts.size + 1);
    expect(copy.ledger.balance(2025, PROVISIONS)).not.toBe(state.ledger.balance(2025, PROVISIONS));
  });
});
