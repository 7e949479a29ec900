import { Accounts } from '../accounts';
import { InvariantViolation } from '../errors';
import { DomainEvent } from '../events/domain-event';
import { record } from '../testing/decider.spec-helper';
import {
  ALPHA,
  budget,
  close,
  coPayment,
  cost,
  expenditure,
  keys,
  payment,
  R,
  registerRegion,
} from '../testing/fixtures.spec-helper';
import { encodeRegionState } from './state-snapshot';
import { evolve, evolveUnremembered, initialState } from './evolve';
import { isFactEvent } from '../events/domain-event';
import { factIdentity } from './fact-identity';
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

describe('evolveUnremembered', () => {
  it('folds a fact as evolve does, but for remembering its identity and content', () => {
    const events = record(
      initialState(),
      registerRegion,
      ...keys,
      payment('BW', 'historical', ALPHA, '1000.00', 2024, 'p1'),
      budget('BW', '100.00', {}, 2024),
      cost('BW', '110.00', 2024),
      coPayment('BW', '10.00', 2024),
      expenditure(ALPHA, '20.00', '5.00', 2024),
      close(2024),
    );
    const money = new Set([
      'RijkPaymentRecorded',
      'RegionalCostRecorded',
      'CoPaymentRecorded',
      'LocalExpenditureRecorded',
    ]);
    const remembered = initialState();
    const unremembered = initialState();
    for (const event of events) {
      evolve(remembered, event);
      if (isFactEvent(event) && money.has(event.type)) evolveUnremembered(unremembered, event);
      else evolve(unremembered, event);
    }
    const forgotten = events.filter((event) => isFactEvent(event) && money.has(event.type));
    expect(forgotten).toHaveLength(4);
    for (const event of forgotten) {
      if (!isFactEvent(event)) continue;
      expect(remembered.facts.has(factIdentity(event))).toBe(true);
      expect(unremembered.facts.has(factIdentity(event))).toBe(false);
    }
    // everything else the same
    const { facts: _all, ...rest } = encodeRegionState(remembered);
    const { facts: _some, ...restUnremembered } = encodeRegionState(unremembered);
    expect(JSON.stringify(restUnremembered)).toBe(JSON.stringify(rest));
    expect([...unremembered.facts]).toEqual(
      [...remembered.facts].filter(
        ([identity]) => !forgotten.some((event) => isFactEvent(event) && factIdentity(event) === identity),
      ),
    );
  });
});
