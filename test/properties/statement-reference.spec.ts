import { decide, evolve, initialState, parseCommand, RegionState } from '@libs/domain';
import { buildStatement } from '@libs/projections';
import { RegionGenerator, YEARS } from '../support/reference/generate';
import { ReferenceRegion } from '../support/reference/region';
import { referenceStatement } from '../support/reference/statement';

/**
 * The product's statement against a reference calculated straight from the spec's formulas
 * (test/support/reference/), on seeded random regions: 3–40 members, weights and percentages whose
 * shares do not divide evenly, several key and agreement versions, negative corrections, reserve
 * band crossings both ways, funds, solidarity on and off, advances, empty years, and years closed,
 * reopened and closed again. GELDSTROOM_REFERENCE_REGIONS runs more regions.
 */
const REGIONS = Number(process.env.GELDSTROOM_REFERENCE_REGIONS ?? 80);
const FIRST = Number(process.env.GELDSTROOM_REFERENCE_SEED ?? 1);

describe('the statement against a reference calculated from the spec', () => {
  it(`agrees to the cent on ${String(REGIONS)} generated regions, every year`, () => {
    let compared = 0;
    for (let seed = FIRST; seed < FIRST + REGIONS; seed++) {
      const commands = new RegionGenerator(seed).generate();
      const state: RegionState = initialState();
      const reference = new ReferenceRegion();
      for (const [line, raw] of commands.entries()) {
        const expected = reference.apply(raw);
        let rejected: string | undefined;
        try {
          for (const { event } of decide(parseCommand(raw), state)) evolve(state, event);
        } catch (error) {
          rejected = (error as { code?: string }).code ?? String(error);
        }
        expect({ seed, line, raw, rejected: rejected !== undefined }).toEqual({
          seed,
          line,
          raw,
          rejected: expected !== undefined,
        });
      }
      for (const year of YEARS) {
        const wanted = referenceStatement(reference, year);
        expect({ seed, year, ...(required(buildStatement(state, year), wanted) as object) }).toEqual({
          seed,
          year,
          ...wanted,
        });
        compared++;
      }
    }
    expect(compared).toBe(REGIONS * YEARS.length);
  });
});

/** the product's statement restricted to the fields the interface requires */
function required(actual: unknown, shape: unknown): unknown {
  if (shape === null || typeof shape !== 'object' || actual === null || typeof actual !== 'object') return actual;
  const a = actual as Record<string, unknown>;
  return Object.fromEntries(Object.keys(shape).map((k) => [k, required(a[k], (shape as Record<string, unknown>)[k])]));
}
