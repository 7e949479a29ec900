import fc from 'fast-check';
import {
  Accounts,
  decide,
  DomainEvent,
  evolve,
  initialState,
  parseCommand,
  postingsOf,
  RegionState,
  reserveAgreementInForce,
  reserveBand,
} from '@libs/domain';
import { formatAmount, parseAmount } from '@libs/money';
import { buildBalances, buildStatement, LedgerEvent } from '@libs/projections';
import { traceViolations } from '../support/trace-properties';

type Raw = Record<string, unknown> & { command: string };
const REGION = 'prop';
const YEARS = [2024, 2025] as const;
const cents = (value: bigint) => formatAmount(value);

/** Random regions and years that respect the preconditions of the rules (skims fit, keys exist). */
const scenarioInput = fc.record({
  members: fc.integer({ min: 2, max: 6 }),
  weights: fc.array(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 6, maxLength: 6 }), {
    minLength: 3,
    maxLength: 3,
  }),
  years: fc.array(
    fc.record({
      historical: fc.array(fc.bigInt({ min: 0n, max: 50_000_000_00n }), { minLength: 1, maxLength: 3 }),
      /** a correction recorded with the payments, before the run */
      earlyCorrection: fc.bigInt({ min: -1_000_000_00n, max: 0n }),
      correction: fc.bigInt({ min: -1_000_000_00n, max: 0n }),
      /** advances per member, BW and MO (+ paid by the municipality) */
      advances: fc.array(fc.bigInt({ min: -500_000_00n, max: 2_000_000_00n }), { minLength: 12, maxLength: 12 }),
      mo: fc.bigInt({ min: 0n, max: 20_000_000_00n }),
      objective: fc.array(fc.bigInt({ min: 0n, max: 2_000_000_00n }), { minLength: 6, maxLength: 6 }),
      bwBudgetShare: fc.integer({ min: 0, max: 100 }),
      objectivePct: fc.integer({ min: 0, max: 300 }),
      moBudgetShare: fc.integer({ min: 0, max: 100 }),
      bwCostShare: fc.integer({ min: 50, max: 150 }),
      moCostShare: fc.integer({ min: 50, max: 150 }),
      coPayment: fc.bigInt({ min: 0n, max: 500_000_00n }),
      care: fc.array(fc.bigInt({ min: 0n, max: 3_000_000_00n }), { minLength: 6, maxLength: 6 }),
      execution: fc.array(fc.bigInt({ min: 0n, max: 300_000_00n }), { minLength: 6, maxLength: 6 }),
      correctionShare: fc.integer({ min: 0, max: 30 }),
      lateCost: fc.bigInt({ min: -100_000_00n, max: 1_000_000_00n }),
    }),
    { minLength: 2, maxLength: 2 },
  ),
  /** a revised bw-historical key for 2024, adopted before 2024 is reopened */
  revisedKey: fc.option(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 6, maxLength: 6 }), {
    nil: undefined,
  }),
  reserve: fc.option(
    fc.record({
      schemes: fc.constantFrom(['BW', 'MO'], ['BW'], ['MO']),
      minPct: fc.integer({ min: 0, max: 10 }),
      extraPct: fc.integer({ min: 0, max: 10 }),
      base: fc.oneof(
        fc.constant<'budget'>('budget'),
        fc.bigInt({ min: 0n, max: 20_000_000_00n }).map((amount) => ({ fixed: cents(amount) })),
      ),
      toReservePct: fc.integer({ min: 0, max: 100 }),
      replenishTo: fc.constantFrom('min', 'max'),
      payoutTo: fc.constantFrom('min', 'max'),
      excessTo: fc.constantFrom('municipalities', 'fund:frictie'),
      opening: fc.bigInt({ min: -1_000_000_00n, max: 5_000_000_00n }),
    }),
    { nil: undefined },
  ),
  solidarity: fc.option(
    fc.record({
      baseline: fc.constantFrom('income', 'regional-average'),
      surchargePct: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
      cap: fc.boolean(),
      weights: fc.option(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 6, maxLength: 6 }), {
        nil: undefined,
      }),
      policyCorrections: fc.boolean(),
      ownAccountPct: fc.integer({ min: 0, max: 100 }),
      override2025: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    }),
    { nil: undefined },
  ),
});
type ScenarioInput = typeof scenarioInput extends fc.Arbitrary<infer T> ? T : never;
type YearInput = ScenarioInput['years'][number];
const scenario = scenarioInput.map(build);

const base = { regionId: REGION };

function build(input: ScenarioInput): Raw[] {
  const codes = Array.from({ length: input.members }, (_, index) => `GM${String(index + 1).padStart(4, '0')}`);
  const commands: Raw[] = [
    {
      command: 'RegisterRegion',
      ...base,
      name: 'Eigenschappenregio',
      centralMunicipality: codes[0],
      municipalities: codes.map((code) => ({ code, name: code })),
    },
  ];
  ['bw-historical', 'bw-objective', 'mo-objective'].forEach((keyId, index) => {
    const weights: number[] = codes.map((_, member) => input.weights[index][member]);
    if (!weights.some((weight) => weight > 0)) weights[0] = 1;
    commands.push({
      command: 'AdoptDistributionKey',
      ...base,
      keyId,
      version: 1,
      validFrom: 2024,
      unit: 'weight',
      basis: 'gegenereerd',
      weights: Object.fromEntries(codes.map((code, member) => [code, String(weights[member])])),
    });
  });
  if (input.reserve) commands.push(...reserveCommands(input.reserve));
  if (input.solidarity) commands.push(solidarityCommand(codes, input.solidarity));
  commands.push(...yearFacts(codes, 2024, input.years[0]), { command: 'CloseYear', ...base, year: 2024 });
  commands.push(...yearFacts(codes, 2025, input.years[1]), { command: 'CloseYear', ...base, year: 2025 });
  if (input.revisedKey) {
    const revisedKey = input.revisedKey;
    const weights: number[] = codes.map((_, member) => revisedKey[member]);
    if (!weights.some((weight) => weight > 0)) weights[0] = 1;
    commands.push({
      command: 'AdoptDistributionKey',
      ...base,
      keyId: 'bw-historical',
      version: 2,
      validFrom: 2024,
      validTo: 2024,
      unit: 'weight',
      basis: 'herzien',
      weights: Object.fromEntries(codes.map((code, member) => [code, String(weights[member])])),
    });
  }
  commands.push({ command: 'ReopenYear', ...base, year: 2024, reason: 'nagekomen kosten' });
  commands.push({
    command: 'RecordRegionalCost',
    ...base,
    costId: 'bw-2024-late',
    year: 2024,
    scheme: 'BW',
    amount: cents(input.years[0].lateCost),
  });
  commands.push({ command: 'CloseYear', ...base, year: 2024 });
  return commands;
}

function reserveCommands(reserve: NonNullable<ScenarioInput['reserve']>): Raw[] {
  return [
    {
      command: 'AdoptReserveAgreement',
      ...base,
      version: 1,
      validFrom: 2024,
      schemes: reserve.schemes,
      minPct: String(reserve.minPct),
      maxPct: String(reserve.minPct + reserve.extraPct),
      base: reserve.base,
      toReservePct: String(reserve.toReservePct),
      replenishTo: reserve.replenishTo,
      payoutTo: reserve.payoutTo,
      excessTo: reserve.excessTo,
    },
    { command: 'RecordReserveOpening', ...base, year: 2024, amount: cents(reserve.opening) },
  ];
}

function solidarityCommand(codes: string[], solidarity: NonNullable<ScenarioInput['solidarity']>): Raw {
  const weights = solidarity.weights;
  return {
    command: 'AdoptSolidarityAgreement',
    ...base,
    version: 1,
    validFrom: 2024,
    baseline: solidarity.baseline,
    executionCosts: solidarity.surchargePct === undefined ? 'actual' : 'surcharge',
    ...(solidarity.surchargePct === undefined ? {} : { surchargePct: String(solidarity.surchargePct) }),
    cap: solidarity.cap,
    ...(weights ? { weights: Object.fromEntries(codes.map((code, member) => [code, String(weights[member])])) } : {}),
    policyCorrections: solidarity.policyCorrections,
    ownAccountPct: String(solidarity.ownAccountPct),
    ...(solidarity.override2025 === undefined
      ? {}
      : { ownAccountPctByYear: { '2025': String(solidarity.override2025) } }),
  };
}

/** A year's facts in the order a region records them: payments, advances, budgets and the run, costs, spending. */
function yearFacts(codes: string[], year: number, facts: YearInput): Raw[] {
  const paid = facts.historical.reduce((sum, amount) => sum + amount, 0n);
  // the early correction never takes more than was paid (the pot would go negative before the run)
  const early = -facts.earlyCorrection > paid ? 0n : facts.earlyCorrection;
  const historical = paid + early;
  // skim K = C × (1 − p/100) must fit in H: C ≤ H × share
  const bwBudget = (historical * BigInt(facts.bwBudgetShare)) / 100n;
  const moBudget = (facts.mo * BigInt(facts.moBudgetShare)) / 100n;
  const payment = (paymentId: string, scheme: 'BW' | 'MO', basis: string, recipient: string, amount: bigint): Raw => ({
    command: 'RecordRijkPayment',
    ...base,
    paymentId,
    year,
    scheme,
    basis,
    recipient,
    amount: cents(amount),
  });
  return [
    ...facts.historical.map((amount, index) => payment(`iu-${year}-${index}`, 'BW', 'historical', codes[0], amount)),
    payment(`iu-${year}-early-correction`, 'BW', 'historical', codes[0], early),
    ...advances(codes, year, facts),
    payment(`du-${year}`, 'MO', 'objective', codes[0], facts.mo),
    ...codes.map((code, member) => payment(`obj-${year}-${code}`, 'BW', 'objective', code, facts.objective[member])),
    {
      command: 'AdoptRegionalBudget',
      ...base,
      version: 1,
      year,
      scheme: 'BW',
      amount: cents(bwBudget),
      objectivePct: String(facts.objectivePct / 10),
    },
    { command: 'AdoptRegionalBudget', ...base, version: 1, year, scheme: 'MO', amount: cents(moBudget) },
    { command: 'RunAllocation', ...base, year },
    ...regionalCosts(year, facts, bwBudget, moBudget),
    ...localSpending(codes, year, facts),
    payment(
      `nacalculatie-${year}`,
      'BW',
      'historical',
      codes[0],
      facts.correction > bwBudget - historical ? facts.correction : 0n,
    ),
  ];
}

/** Per member, an advance for BW and one for MO. */
function advances(codes: string[], year: number, facts: YearInput): Raw[] {
  return codes.flatMap((code, member) =>
    (['BW', 'MO'] as const).map((scheme, index) => ({
      command: 'RecordAdvance',
      ...base,
      advanceId: `vs-${year}-${code}-${scheme}`,
      year,
      scheme,
      municipality: code,
      amount: cents(facts.advances[member * 2 + index]),
    })),
  );
}

/** The region's costs per scheme (a share of the budget) and the co-payments. */
function regionalCosts(year: number, facts: YearInput, bwBudget: bigint, moBudget: bigint): Raw[] {
  return [
    {
      command: 'RecordRegionalCost',
      ...base,
      costId: `bw-${year}`,
      year,
      scheme: 'BW',
      amount: cents((bwBudget * BigInt(facts.bwCostShare)) / 100n),
    },
    {
      command: 'RecordRegionalCost',
      ...base,
      costId: `mo-${year}`,
      year,
      scheme: 'MO',
      amount: cents((moBudget * BigInt(facts.moCostShare)) / 100n),
    },
    {
      command: 'RecordCoPayment',
      ...base,
      coPaymentId: `eb-${year}`,
      year,
      scheme: 'BW',
      amount: cents(facts.coPayment),
    },
  ];
}

/** Per member, its local BW expenditure and a policy correction (a share of its care costs). */
function localSpending(codes: string[], year: number, facts: YearInput): Raw[] {
  return codes.flatMap((code, member) => [
    {
      command: 'RecordLocalExpenditure',
      ...base,
      expenditureId: `le-${year}-${code}`,
      year,
      scheme: 'BW',
      municipality: code,
      careCosts: cents(facts.care[member]),
      executionCosts: cents(facts.execution[member]),
    },
    {
      command: 'RecordPolicyCorrection',
      ...base,
      correctionId: `pc-${year}-${code}`,
      year,
      municipality: code,
      amount: cents((facts.care[member] * BigInt(facts.correctionShare)) / 100n),
      justification: 'eigen beleid',
    },
  ]);
}

function applyAll(state: RegionState, commands: Raw[], onEvents?: (command: Raw, events: DomainEvent[]) => void): void {
  for (const raw of commands) {
    const events = decide(parseCommand(raw), state).map(({ event }) => event);
    for (const event of events) evolve(state, event);
    onEvents?.(raw, events);
  }
}

/** The decided events as the read models see them once recorded. */
function asRecorded(events: readonly DomainEvent[]): LedgerEvent[] {
  return events.map((event, index) => ({
    ...event,
    eventId: `event-${index}`,
    revision: BigInt(index),
    position: BigInt(index + 1),
    metadata: {
      actor: 'property-test',
      recordedAt: '2026-01-01T00:00:00.000Z',
      source: `generated:${index}`,
      commandId: `command-${index}`,
      causationId: `command-${index}`,
      correlationId: `command-${index}`,
      schemaVersion: 1,
    },
  }));
}

const sum = (values: string[]) => values.reduce((total, value) => total + parseAmount(value), 0n);

function checkClosedYear(state: RegionState, year: number): void {
  for (const account of [
    Accounts.provisions(REGION, 'BW'),
    Accounts.provisions(REGION, 'MO'),
    Accounts.bwHistorical(REGION),
    Accounts.moBudget(REGION),
  ]) {
    expect([account, state.ledger.balance(year, account)]).toEqual([account, 0n]);
  }
  const agreement = reserveAgreementInForce(state, year);
  if (agreement) {
    const band = reserveBand(state, agreement, year);
    const reserve = state.ledger.balanceUpTo(year, Accounts.reserve(REGION));
    expect(reserve >= band.min && reserve <= band.max).toBe(true);
  }
}

function checkStatement(state: RegionState, year: number): void {
  const statement = buildStatement(state, year);
  for (const scheme of ['bw', 'mo'] as const) {
    const lines = statement[scheme] as unknown as Record<string, string>;
    const result =
      parseAmount(lines.skimmed) +
      parseAmount(lines.contributions ?? '0') +
      parseAmount(lines.coPayments) -
      parseAmount(lines.costs);
    expect(formatAmount(result)).toBe(lines.result);
    if (statement.closed)
      expect(formatAmount(parseAmount(lines.toReserve) + parseAmount(lines.settledWithMunicipalities))).toBe(
        lines.result,
      );
  }
  for (const municipality of Object.values(statement.municipalities)) {
    for (const scheme of ['bw', 'mo'] as const) {
      const { result, advances, due, ...lines } = municipality[scheme] as unknown as Record<string, string>;
      expect(formatAmount(sum(Object.values(lines)))).toBe(result);
      // due: the regional lines (not the Rijk's objective money, not own spending) plus advances
      const { rijkObjective: _objective, rijk: _rijk, expenditure: _spent, ...regional } = lines;
      expect(formatAmount(sum([...Object.values(regional), advances]))).toBe(due);
    }
    expect(formatAmount(parseAmount(municipality.bw.due) + parseAmount(municipality.mo.due))).toBe(municipality.due);
  }
  if (statement.reserve) {
    const r = statement.reserve;
    expect(
      formatAmount(
        parseAmount(r.opening) +
          parseAmount(r.fromResults) +
          parseAmount(r.replenished) -
          parseAmount(r.paidOut) -
          parseAmount(r.toFunds),
      ),
    ).toBe(r.closing);
  }
  if (statement.solidarity) expect(sum(Object.values(statement.solidarity.transfers))).toBe(0n);
  expect(sum(Object.values(buildBalances(state, year).accounts))).toBe(0n);
}

describe('ledger invariants on generated regions (domain.md §7)', () => {
  it('money is conserved, pots are emptied, the band holds, statements add up, and applying twice changes nothing', () => {
    fc.assert(
      fc.property(scenario, (commands) => {
        const state = initialState();
        const recorded: DomainEvent[] = [];
        applyAll(state, commands, (raw, events) => {
          for (const event of events)
            expect(postingsOf(event).reduce((total, posting) => total + posting.amount, 0n)).toBe(0n);
          if (raw.command === 'CloseYear') checkClosedYear(state, raw.year as number);
          recorded.push(...events);
        });
        expect(traceViolations(REGION, asRecorded(recorded))).toEqual([]);
        for (const year of YEARS) checkStatement(state, year);
        const before = YEARS.map((year) => JSON.stringify([buildStatement(state, year), buildBalances(state, year)]));
        applyAll(state, commands);
        expect(YEARS.map((year) => JSON.stringify([buildStatement(state, year), buildBalances(state, year)]))).toEqual(
          before,
        );
      }),
      { numRuns: 100 },
    );
  });
});
