import fc from 'fast-check';
import { commandsOf, startApi, TestApi } from '../support/api';
import { withoutField } from '../support/records';

/**
 * Property-based fuzzing of POST /api/v1/commands: random bodies — commands of the examples with
 * fields mutated, dropped, added or retyped, huge strings, nested arrays, random JSON and bytes that
 * are no JSON at all — never get a 5xx, and a refused body records nothing (for an array: only the
 * commands before the refused one, which the problem lists under `recorded`); a body with a field
 * named like the object machinery (`__proto__`, `constructor`, …) anywhere is refused.
 * GELDSTROOM_FUZZ_RUNS sets the number of bodies (a few dozen in `npm test`, more in `npm run stress`).
 */
const RUNS = Number(process.env.GELDSTROOM_FUZZ_RUNS || 40);

const templates = [...commandsOf('holland-rijnland.jsonl'), ...commandsOf('aef-solidarity.jsonl')];
const FIELD_NAMES = [...new Set(templates.flatMap((command) => Object.keys(command)))];

const HOSTILE_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', ''];
const hostileName = fc.constantFrom(...HOSTILE_NAMES);

/** Whether a JSON text holds an object with one of the hostile names as a key, at any depth. */
function holdsHostileName(text: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  const pending = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (current === null || typeof current !== 'object') continue;
    if (!Array.isArray(current) && Object.keys(current).some((key) => HOSTILE_NAMES.includes(key))) return true;
    pending.push(...Object.values(current));
  }
  return false;
}

const nestedArrays = fc
  .integer({ min: 1, max: 60 })
  .map((depth) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`));
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    null,
    true,
    false,
    '',
    ' ',
    '0x7e8',
    '2024.0',
    '1e400',
    '-0',
    'NaN',
    '9'.repeat(400),
    '1'.repeat(20) + '.00',
  ),
  fc.integer({ min: 1_000, max: 200_000 }).map((length) => 'x'.repeat(length)),
  nestedArrays,
);

/** A command of the examples with one to three changes. */
const mutatedCommand = fc
  .tuple(
    fc.constantFrom(...templates),
    fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant('set'), name: fc.constantFrom(...FIELD_NAMES), value: oddValue }),
        fc.record({ kind: fc.constant('drop'), name: fc.constantFrom(...FIELD_NAMES), value: fc.constant(null) }),
        fc.record({
          kind: fc.constant('add'),
          name: fc.oneof(hostileName, fc.string({ maxLength: 12 })),
          value: oddValue,
        }),
        fc.record({ kind: fc.constant('fresh-id'), name: fc.constant(''), value: fc.uuid() }),
      ),
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map(([template, changes]) => {
    let command: Record<string, unknown> = { ...template };
    for (const change of changes) {
      if (change.kind === 'drop') command = withoutField(command, change.name);
      else if (change.kind === 'fresh-id') {
        // a new id makes a fact command acceptable again, so accepted and refused bodies both occur
        for (const key of Object.keys(command))
          if (key.endsWith('Id') && key !== 'regionId') command[key] = change.value;
      } else
        Object.defineProperty(command, change.name, {
          value: change.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
    return command;
  });

const body: fc.Arbitrary<{ text: string; idempotencyKey?: string }> = fc
  .tuple(
    fc.oneof(
      { weight: 5, arbitrary: mutatedCommand.map((command) => JSON.stringify(command)) },
      {
        weight: 2,
        arbitrary: fc.array(mutatedCommand, { minLength: 1, maxLength: 4 }).map((items) => JSON.stringify(items)),
      },
      { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 6 }).map((value) => JSON.stringify(value) ?? 'null') },
      { weight: 1, arbitrary: nestedArrays.map((value) => JSON.stringify([value])) },
      { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
      {
        weight: 1,
        arbitrary: fc.integer({ min: 1, max: 20_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
      },
    ),
    fc.option(fc.constantFrom('k-1', 'k-2', 'k-3', 'bad key!', 'x'.repeat(300)), { nil: undefined }),
  )
  .map(([text, idempotencyKey]) => ({ text, idempotencyKey }));

describe('POST /api/v1/commands under random bodies', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi(['holland-rijnland.jsonl']);
  });
  afterAll(() => api.close());

  it(`never answers 5xx, refuses machinery names, and a refused body records nothing (${RUNS} bodies)`, async () => {
    await fc.assert(
      fc.asyncProperty(body, async ({ text, idempotencyKey }) => {
        const before = await api.eventCount();
        const call = api.http.post('/api/v1/commands').set(api.as('admin')).set('Content-Type', 'application/json');
        if (idempotencyKey !== undefined) call.set('Idempotency-Key', idempotencyKey);
        const response = await call.send(text);
        expect(response.status).toBeLessThan(500);
        const after = await api.eventCount();
        // no command knows such a field, so a body that has one anywhere is refused, however valid the rest
        if (holdsHostileName(text)) expect(response.status).toBeGreaterThanOrEqual(400);
        if (response.status >= 400) {
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          const recorded = (response.body.recorded ?? []) as { events: unknown[] }[];
          expect(after - before).toBe(recorded.reduce((sum, result) => sum + result.events.length, 0));
        } else {
          const results = (response.body.results ?? []) as { events: unknown[] }[];
          const replayed = response.headers['idempotent-replayed'] === 'true';
          expect(after - before).toBe(replayed ? 0 : results.reduce((sum, result) => sum + result.events.length, 0));
        }
      }),
      { numRuns: RUNS, seed: process.env.GELDSTROOM_FUZZ_SEED ? Number(process.env.GELDSTROOM_FUZZ_SEED) : undefined },
    );
  });
});
