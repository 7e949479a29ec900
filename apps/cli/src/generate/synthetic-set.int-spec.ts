import { Accounts } from '@libs/domain';
import { MemoryEventStore } from '@libs/event-store';
import { applyCommandFile, Ledger } from '@libs/ledger';
import { buildStatement } from '@libs/projections';
import { NATIONAL_SET, SyntheticSetOptions, syntheticLines } from './synthetic-set';

const context = { actor: 'test', correlationId: 'synthetic-set.int-spec' };

/**
 * Every generated file must apply without a single rejection. The national set is applied by
 * `npm run bench`; here small sets of several seeds (s9 holds every kind of command, as the spec checks).
 */
describe.each(['s9', 's12', 'geldstroom'])('a generated set of 3 regions × 3 years (seed %s)', (seed) => {
  const options: SyntheticSetOptions = { ...NATIONAL_SET, regions: 3, years: 3, seed };

  it('applies without a rejection and closes every year of every region with its pots emptied', async () => {
    const text = [...syntheticLines(options)].join('\n');
    const ledger = new Ledger(new MemoryEventStore());
    const report = await applyCommandFile(ledger, `generated-${seed}.jsonl`, text, context);
    expect(report.commands).toBe(text.split('\n').length - 1);
    expect(report.events).toBeGreaterThan(report.commands);

    const regionIds = await ledger.regionIds();
    expect(regionIds).toHaveLength(3);
    for (const regionId of regionIds) {
      const state = await ledger.regionState(regionId);
      for (const year of [2023, 2024, 2025]) {
        expect(state.closedYears.has(year)).toBe(true);
        for (const scheme of ['BW', 'MO'] as const)
          expect(state.ledger.balance(year, Accounts.provisions(regionId, scheme))).toBe(0n);
        const statement = buildStatement(state, year);
        expect(statement.closed).toBe(true);
        expect(Object.keys(statement.municipalities).length).toBeGreaterThanOrEqual(4);
      }
    }
  });
});
