import { Cents, formatAmount, Rational } from '@libs/money';
import { Account, Accounts } from '../accounts';
import { Scheme } from '../commands/command.types';
import { DomainError } from '../errors';
import { DerivedEventType, DerivedMoneyData, DomainEvent, RuleId } from '../events/event.types';
import { RegionState } from '../state/region-state';
import { budgetInForce, KEY_IDS } from './in-force';
import { splitByKey } from './key-split';
import { anyNonZero, postings, shareMovements, transfer } from './postings';

/**
 * The allocation run of domain.md §5 for one region and year: computes the targets from the facts
 * and agreements in force and returns events for the difference with what earlier runs recorded —
 * so a run is idempotent, and a new circulaire, budget revision or key version yields corrections.
 */
export function planAllocationRun(state: RegionState, year: number): DomainEvent[] {
  return [...planBw(state, year), ...planMo(state, year)];
}

type Inputs = DerivedMoneyData['inputs'];
type AllocationEventType = Exclude<DerivedEventType, 'SolidarityTransferred'>;

interface Step {
  readonly state: RegionState;
  readonly year: number;
  readonly scheme: Scheme;
  readonly type: AllocationEventType;
  readonly rule: RuleId;
}

/** Moves the skim from the pot the Rijk paid into to the provisions, as far as not moved before. */
function skimStep(step: Step, from: Account, to: Account, target: Cents, inputs: Inputs): DomainEvent[] {
  const before = step.state.ledger.sum(step.year, to, step.type);
  if (target === before) return [];
  return [
    {
      type: step.type,
      data: {
        regionId: step.state.regionId!,
        year: step.year,
        scheme: step.scheme,
        rule: step.rule,
        inputs: { ...inputs, target: formatAmount(target), previouslyRecorded: formatAmount(before) },
        postings: transfer(from, to, target - before),
      },
    },
  ];
}

/**
 * Splits `total` over the members by key between `pool` and their scheme accounts — to the members
 * (`+1`: a distribution) or from them (`-1`: a contribution) — as far as not split so before.
 */
function splitStep(
  step: Step,
  keyId: string,
  pool: Account,
  total: Cents,
  direction: 1n | -1n,
  inputs: Inputs,
): DomainEvent[] {
  const { state, year, scheme, type } = step;
  const memberAccount = (code: string) => Accounts.municipality(code, scheme);
  const previous = new Map(
    state.memberCodes().map((code) => [code, direction * state.ledger.sum(year, memberAccount(code), type)]),
  );
  const split = splitByKey(state, keyId, year, total, previous);
  if (!anyNonZero(split.deltas.values())) return [];
  const moves = new Map([...split.deltas].map(([code, delta]) => [code, direction * delta]));
  return [
    {
      type,
      data: {
        regionId: state.regionId!,
        year,
        scheme,
        rule: step.rule,
        ...(split.key ? { key: split.key } : {}),
        inputs,
        allocation: split.trail,
        postings: postings(shareMovements(pool, moves, memberAccount)),
      },
    },
  ];
}

function planBw(state: RegionState, year: number): DomainEvent[] {
  const regionId = state.regionId!;
  const historical = Accounts.bwHistorical(regionId);
  const provisions = Accounts.provisions(regionId, 'BW');
  const step = (type: AllocationEventType, rule: RuleId): Step => ({ state, year, scheme: 'BW', type, rule });

  const payments = state.ledger.sum(year, historical, 'RijkPaymentRecorded');
  const budget = budgetInForce(state, year, 'BW');
  const budgetCents = budget?.amount ?? 0n;
  const objectivePct = budget?.objectivePct ?? '0';
  const skimShare = Rational.ONE.sub(Rational.fromDecimal(objectivePct).div(Rational.HUNDRED));
  const skim = Rational.fromCents(budgetCents).mul(skimShare).toCentsRounded();
  if (skim > payments) {
    throw new DomainError(
      'SKIM_EXCEEDS_FUNDS',
      `BW skim for ${year} (${formatAmount(skim)} = ${formatAmount(budgetCents)} × (1 − ${objectivePct}/100)) exceeds the historical BW payments of ${formatAmount(payments)}`,
    );
  }
  const inputs = {
    historicalPayments: formatAmount(payments),
    regionalBudget: formatAmount(budgetCents),
    budgetVersion: budget?.version ?? null,
    objectivePct,
  };
  const remainder = payments - skim;
  const contribution = budgetCents - skim;
  return [
    ...skimStep(step('BwHistoricalSkimmed', 'bw-skim'), historical, provisions, skim, {
      ...inputs,
      formula: 'round(C × (1 − p/100))',
    }),
    ...splitStep(
      step('BwHistoricalDistributed', 'bw-historical-distribution'),
      KEY_IDS.bwHistorical,
      historical,
      remainder,
      1n,
      {
        ...inputs,
        skim: formatAmount(skim),
        formula: 'H − K split by bw-historical',
        remainder: formatAmount(remainder),
      },
    ),
    ...splitStep(
      step('BwContributionsCharged', 'bw-objective-contribution'),
      KEY_IDS.bwObjective,
      provisions,
      contribution,
      -1n,
      {
        ...inputs,
        skim: formatAmount(skim),
        formula: 'C − K split by bw-objective',
        contribution: formatAmount(contribution),
      },
    ),
  ];
}

function planMo(state: RegionState, year: number): DomainEvent[] {
  const regionId = state.regionId!;
  const moBudget = Accounts.moBudget(regionId);
  const provisions = Accounts.provisions(regionId, 'MO');
  const step = (type: AllocationEventType, rule: RuleId): Step => ({ state, year, scheme: 'MO', type, rule });

  const payments = state.ledger.sum(year, moBudget, 'RijkPaymentRecorded');
  const budget = budgetInForce(state, year, 'MO');
  const skim = budget?.amount ?? 0n;
  if (skim > payments) {
    throw new DomainError(
      'SKIM_EXCEEDS_FUNDS',
      `MO skim for ${year} (the regional MO budget of ${formatAmount(skim)}) exceeds the MO payments to the central municipality of ${formatAmount(payments)}`,
    );
  }
  const inputs = {
    moPayments: formatAmount(payments),
    regionalBudget: formatAmount(skim),
    budgetVersion: budget?.version ?? null,
  };
  const remainder = payments - skim;
  return [
    ...skimStep(step('MoBudgetSkimmed', 'mo-skim'), moBudget, provisions, skim, { ...inputs, formula: 'C_MO' }),
    ...splitStep(step('MoBudgetDistributed', 'mo-distribution'), KEY_IDS.moObjective, moBudget, remainder, 1n, {
      ...inputs,
      formula: 'M − C_MO split by mo-objective',
      remainder: formatAmount(remainder),
    }),
  ];
}
