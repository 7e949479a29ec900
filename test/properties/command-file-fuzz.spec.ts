import fc from 'fast-check';
import { DomainError } from '@libs/domain';
import { MemoryEventStore } from '@libs/event-store';
import { CommandFileError, Ledger, parseCommandLine } from '@libs/ledger';
import { withoutField } from '../support/records';

const REGION = 'fuzz';
const context = { actor: 'fuzz', source: 'fuzz.jsonl:1' };

/** Well-formed commands for a registered region: the fuzzer bends them one field at a time. */
const TEMPLATES: Record<string, unknown>[] = [
  {
    command: 'RecordRijkPayment',
    regionId: REGION,
    paymentId: 'p-1',
    year: 2024,
    scheme: 'BW',
    basis: 'historical',
    recipient: 'GM0001',
    amount: '1000.00',
    reference: 'mei',
  },
  {
    command: 'AdoptRegionalBudget',
    regionId: REGION,
    version: 1,
    year: 2024,
    scheme: 'BW',
    amount: '100.00',
    objectivePct: '10',
  },
  { command: 'RecordRegionalCost', regionId: REGION, costId: 'c-1', year: 2024, scheme: 'MO', amount: '5.00' },
  { command: 'RecordReserveOpening', regionId: REGION, year: 2024, amount: '10.00' },
  {
    command: 'RecordAdvance',
    regionId: REGION,
    advanceId: 'a-1',
    year: 2024,
    scheme: 'BW',
    municipality: 'GM0002',
    amount: '3.00',
    date: '2024-03-15',
  },
  {
    command: 'AdoptDistributionKey',
    regionId: REGION,
    keyId: 'bw-objective',
    version: 2,
    validFrom: 2024,
    unit: 'weight',
    basis: 'b',
    weights: { GM0001: '1', GM0002: '2' },
  },
  {
    command: 'AdoptReserveAgreement',
    regionId: REGION,
    version: 1,
    validFrom: 2024,
    schemes: ['BW', 'MO'],
    minPct: '5',
    maxPct: '10',
    base: { fixed: '100.00' },
  },
  { command: 'RunAllocation', regionId: REGION, year: 2024 },
  { command: 'CloseYear', regionId: REGION, year: 2024 },
];

const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const ODD_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', '', ' amount', 'Amount'];
const ODD_VALUES = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(
    '9'.repeat(400_000),
    `-${'9'.repeat(13)}.00`,
    `0.${'0'.repeat(50_000)}1`,
    '1'.repeat(21),
    '1e400',
    'NaN',
    '-0',
    '\u0000',
    '𝄞'.repeat(50),
    ' 12.00',
    'x'.repeat(101),
  ),
  fc.constantFrom(1e308, -1e-308, 2 ** 53 + 1, 0, -1, 2024.5, 3e3),
  fc.string({ maxLength: 30 }),
);

/** A line that prints short when fast-check reports it (some are 500,000 characters). */
const shown = (text: string) => ({
  text,
  [fc.toStringMethod]: () =>
    JSON.stringify(text.length > 300 ? `${text.slice(0, 297)}... (${text.length} characters)` : text),
});

/** One line of a command file: a bent command, a deep or odd JSON value, or no JSON at all. */
/** Lines that once crashed the parser, or passed where they must be refused. */
const NASTY_LINES = [
  nested(200_000),
  `{"command":${'['.repeat(200_000)}${']'.repeat(200_000)}}`,
  `{"command":"${'X'.repeat(500_000)}"}`,
  `{"command":"RunAllocation","regionId":"${REGION}","year":2024,"extra":${nested(100_000)}}`,
  `{"command":"RecordReserveOpening","regionId":"${REGION}","year":2024,"amount":"10.00","__proto__":{"x":1}}`,
  `{"command":"RunAllocation","regionId":"${REGION}","year":2024,"constructor":{}}`,
  '{"command":"RunAllocation","regionId":"fuzz","year":1e400}',
  `{"command":"RecordRijkPayment","regionId":"${REGION}","paymentId":"big","year":2024,"scheme":"BW","basis":"historical","recipient":"GM0001","amount":"${'9'.repeat(400_000)}"}`,
];

/** Well-formed lines that the rules judge: some recorded, some refused (ids reused, empty years, strangers). */
const RULE_CASES: Record<string, unknown>[] = [
  ...TEMPLATES,
  { ...TEMPLATES[0], amount: '999.00' },
  { ...TEMPLATES[0], paymentId: 'p-2', recipient: 'GM0009' },
  { ...TEMPLATES[1], amount: '-1.00' },
  { ...TEMPLATES[3], year: 2023 },
  { ...TEMPLATES[4], municipality: 'GM0003' },
  { command: 'RunAllocation', regionId: REGION, year: 2062 },
  { command: 'CloseYear', regionId: REGION, year: 2062 },
  { command: 'RunAllocation', regionId: 'elsewhere', year: 2024 },
  { command: 'ReopenYear', regionId: REGION, year: 2024, reason: 'fuzz' },
];

const anyLine = fc.oneof(
  fc.constantFrom(...RULE_CASES).map((command) => JSON.stringify(command)),
  fc
    .tuple(
      fc.constantFrom(...TEMPLATES),
      fc.oneof(fc.constantFrom(...ODD_KEYS), fc.string({ maxLength: 12 })),
      ODD_VALUES,
    )
    .map(([template, key, value]) => {
      const copy: Record<string, unknown> = { ...template };
      const field = Object.keys(template)[Math.abs(JSON.stringify(value)?.length ?? 0) % Object.keys(template).length];
      // replace an existing field, or add a new (possibly inherited-looking) one
      if (key.length % 2 === 0) Object.defineProperty(copy, key, { value, enumerable: true, writable: true });
      else copy[field] = value;
      return JSON.stringify(copy);
    }),
  fc.tuple(fc.constantFrom(...TEMPLATES), fc.integer({ min: 0, max: 8 })).map(([template, drop]) => {
    return JSON.stringify(withoutField(template, Object.keys(template)[drop % Object.keys(template).length]));
  }),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.constantFrom(...NASTY_LINES),

  fc.string({ maxLength: 200 }),
);
const line = anyLine.map(shown);

async function region(dryRun: boolean): Promise<{ ledger: Ledger; store: MemoryEventStore }> {
  const store = new MemoryEventStore();
  const setup = new Ledger(store);
  const setupLines = [
    {
      command: 'RegisterRegion',
      regionId: REGION,
      name: 'Fuzz',
      centralMunicipality: 'GM0001',
      municipalities: [
        { code: 'GM0001', name: 'Een' },
        { code: 'GM0002', name: 'Twee' },
      ],
    },
    ...['bw-historical', 'bw-objective', 'mo-objective'].map((keyId) => ({
      command: 'AdoptDistributionKey',
      regionId: REGION,
      keyId,
      version: 1,
      validFrom: 2020,
      unit: 'weight',
      basis: 'b',
      weights: { GM0001: '1', GM0002: '1' },
    })),
    TEMPLATES[0],
  ];
  for (const raw of setupLines) await setup.execute(parseCommandLine('setup', 1, JSON.stringify(raw)), context);
  return { ledger: new Ledger(store, { dryRun }), store };
}

const count = async (store: MemoryEventStore) => (await store.readAll({ after: -1n, maxCount: 1_000_000 })).length;

describe('command-file lines, fuzzed (domain.md §2, interface.md §1)', () => {
  it.each([
    ['apply', false],
    ['apply --dry-run', true],
  ] as const)(
    '%s: a line is recorded or refused with a located error naming the reason, and a refused line records nothing',
    async (_mode, dryRun) => {
      const { ledger, store } = await region(dryRun);
      const outcomes = { accepted: 0, refusedAtParse: 0, refusedByRule: 0 };
      await fc.assert(
        fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 6 }), async (lines) => {
          for (const { text } of lines) {
            const before = await count(store);
            let refused: unknown;
            try {
              await ledger.execute(parseCommandLine('fuzz.jsonl', 1, text), context);
            } catch (error) {
              refused = error;
            }
            const after = await count(store);
            if (refused !== undefined) {
              if (!(refused instanceof CommandFileError || refused instanceof DomainError))
                throw refused instanceof Error
                  ? refused
                  : new Error(`refused with a non-error: ${JSON.stringify(refused)}`);
              expect(refused.message.length).toBeLessThan(2_000);
              expect(after).toBe(before);
              outcomes[refused instanceof CommandFileError ? 'refusedAtParse' : 'refusedByRule'] += 1;
            } else outcomes.accepted += 1;
            if (dryRun) expect(after).toBe(before);
          }
        }),
        { numRuns: 60 },
      );
      // the fuzzer reached every stage: parsing, the rules, and recording
      expect(outcomes.accepted).toBeGreaterThan(0);
      expect(outcomes.refusedAtParse).toBeGreaterThan(0);
      expect(outcomes.refusedByRule).toBeGreaterThan(0);
    },
  );

  it.each(NASTY_LINES.map((text) => [text.length > 80 ? `${text.slice(0, 77)}...` : text, text]))(
    'refuses %s with a located error and records nothing',
    async (_shown, text) => {
      const { ledger, store } = await region(false);
      const before = await count(store);
      let refused: unknown;
      try {
        await ledger.execute(parseCommandLine('fuzz.jsonl', 7, text), context);
      } catch (error) {
        refused = error;
      }
      expect(refused).toBeInstanceOf(CommandFileError);
      expect((refused as Error).message).toMatch(/^fuzz\.jsonl:7: /);
      expect((refused as Error).message.length).toBeLessThan(600);
      expect(await count(store)).toBe(before);
    },
  );
});
