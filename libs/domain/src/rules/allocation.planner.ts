import { Cents, formatAmount, Rational } from '@libs/money';
import { Account, Accounts } from '../accounts';
import { DomainError } from '../errors';
import { AllocationTrail, BwAllocationInputs, DerivedEvent, KeyReference } from '../events/derived.events';
import { DomainEventType } from '../events/domain-event';
import { Postings } from '../events/posting';
import { Scheme } from '../scheme';
import { membersInCodeOrder, RegisteredRegionView } from '../state/region-state';
import { budgetInForce, KEY_IDS } from './in-force';
import { splitChanges } from './key-split';
import { postings, shareMovements, transfer } from './postings';
import { PLAN_EVERY_SCHEME, PlanScope } from './scheme-scope';

// Note: the planners write each event's data out member by member instead of spreading shared parts
// into it (`{ ...base, rule, ...split }`): on Node 20 an object spread followed by more members cost
// 0.5–3 µs each (measured), a dozen of them per run or closing, and the what-if plans thousands. The
// members stay in the order the spreads gave them.

/**
 * The allocation run of domain.md §5 for one region and year: computes the targets from the facts
 * and agreements in force and returns events for the difference with what earlier runs recorded —
 * so a run is idempotent, and a new circulaire, budget revision or key version yields corrections.
 */
export function planAllocationRun(
  state: RegisteredRegionView,
  year: number,
  scope: PlanScope = PLAN_EVERY_SCHEME,
): DerivedEvent[] {
  return [
    ...(scope.asRecorded('BW', RUN_EVENTS.BW) ?? planBw(state, year)),
    ...(scope.asRecorded('MO', RUN_EVENTS.MO) ?? planMo(state, year)),
  ];
}

/** What each scheme's part of a run records, in the order planBw and planMo record it. */
const RUN_EVENTS: Readonly<Record<Scheme, readonly DerivedEvent['type'][]>> = {
  BW: ['BwHistoricalSkimmed', 'BwHistoricalDistributed', 'BwContributionsCharged'],
  MO: ['MoBudgetSkimmed', 'MoBudgetDistributed'],
};

/** A split's part of a derived event: the key, the trail and the postings of the deltas. */
interface SplitPart {
  readonly key: KeyReference | undefined;
  readonly allocation: AllocationTrail;
  readonly postings: Postings;
}

/**
 * Splits `total` over the members by key between `pool` and their scheme accounts — to the members
 * (`+1`: a distribution) or from them (`-1`: a contribution) — as far as `type` events did not split
 * it so before; undefined when nothing changes.
 */
function splitDelta(
  state: RegisteredRegionView,
  year: number,
  scheme: Scheme,
  type: DomainEventType,
  split: { keyId: string; pool: Account; total: Cents; direction: 1n | -1n },
): SplitPart | undefined {
  const memberAccount = (code: string) => Accounts.municipality(code, scheme);
  const previous = new Map<string, Cents>();
  for (const code of membersInCodeOrder(state))
    previous.set(code, split.direction * state.ledger.sum(year, memberAccount(code), type));
  const result = splitChanges(state, split.keyId, year, split.total, previous);
  if (!result) return undefined;
  const moves = new Map<string, Cents>();
  for (const [code, delta] of result.deltas) moves.set(code, split.direction * delta);
  return {
    key: result.key,
    allocation: result.trail,
    postings: postings(shareMovements(split.pool, moves, memberAccount)),
  };
}

/** What a skim moves now: its target less what earlier runs moved, or undefined when that is nothing. */
function skimDelta(
  state: RegisteredRegionView,
  year: number,
  move: { from: Account; to: Account; type: DomainEventType; target: Cents },
) {
  const previouslyRecorded = state.ledger.sum(year, move.to, move.type);
  if (move.target === previouslyRecorded) return undefined;
  return {
    target: move.target,
    previouslyRecorded,
    postings: transfer(move.from, move.to, move.target - previouslyRecorded),
  };
}

/**
 * The BW skim: the part of the regional BW budget not financed from the objective budgets, rounded to
 * cents; it cannot exceed what the Rijk paid into the historical pot. With the inputs every BW event of
 * the run records.
 */
function bwSkim(state: RegisteredRegionView, year: number, payments: Cents) {
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
    historicalPayments: payments,
    regionalBudget: budgetCents,
    budgetVersion: budget?.version ?? null,
    objectivePct,
  };
  return { budgetCents, skim, inputs };
}

function bwSkimmed(
  regionId: string,
  year: number,
  inputs: BwAllocationInputs,
  skimmed: { readonly target: Cents; readonly previouslyRecorded: Cents; readonly postings: Postings },
): DerivedEvent {
  const { historicalPayments, regionalBudget, budgetVersion, objectivePct } = inputs;
  const { target, previouslyRecorded } = skimmed;
  const formula = 'round(C × (1 − p/100))';
  return {
    type: 'BwHistoricalSkimmed',
    data: {
      regionId,
      year,
      scheme: 'BW',
      rule: 'bw-skim',
      inputs: { historicalPayments, regionalBudget, budgetVersion, objectivePct, formula, target, previouslyRecorded },
      postings: skimmed.postings,
    },
  };
}

function planBw(state: RegisteredRegionView, year: number): DerivedEvent[] {
  const regionId = state.region.regionId;
  const historical = Accounts.bwHistorical(regionId);
  const provisions = Accounts.provisions(regionId, 'BW');
  const payments = state.ledger.sum(year, historical, 'RijkPaymentRecorded');
  const { budgetCents, skim, inputs } = bwSkim(state, year, payments);
  const { historicalPayments, regionalBudget, budgetVersion, objectivePct } = inputs;
  const remainder = payments - skim;
  const contribution = budgetCents - skim;
  const events: DerivedEvent[] = [];
  // the events' data written out member by member, in the order a spread gave (see the file's note)
  const skimmed = skimDelta(state, year, {
    from: historical,
    to: provisions,
    type: 'BwHistoricalSkimmed',
    target: skim,
  });
  if (skimmed) events.push(bwSkimmed(regionId, year, inputs, skimmed));
  const distributed = splitDelta(state, year, 'BW', 'BwHistoricalDistributed', {
    keyId: KEY_IDS.bwHistorical,
    pool: historical,
    total: remainder,
    direction: 1n,
  });
  if (distributed) {
    const formula = 'H − K split by bw-historical';
    events.push({
      type: 'BwHistoricalDistributed',
      data: {
        regionId,
        year,
        scheme: 'BW',
        rule: 'bw-historical-distribution',
        key: distributed.key,
        allocation: distributed.allocation,
        postings: distributed.postings,
        inputs: { historicalPayments, regionalBudget, budgetVersion, objectivePct, skim, formula, remainder },
      },
    });
  }
  const charged = splitDelta(state, year, 'BW', 'BwContributionsCharged', {
    keyId: KEY_IDS.bwObjective,
    pool: provisions,
    total: contribution,
    direction: -1n,
  });
  if (charged) {
    const formula = 'C − K split by bw-objective';
    events.push({
      type: 'BwContributionsCharged',
      data: {
        regionId,
        year,
        scheme: 'BW',
        rule: 'bw-objective-contribution',
        key: charged.key,
        allocation: charged.allocation,
        postings: charged.postings,
        inputs: { historicalPayments, regionalBudget, budgetVersion, objectivePct, skim, formula, contribution },
      },
    });
  }
  return events;
}

function planMo(state: RegisteredRegionView, year: number): DerivedEvent[] {
  const regionId = state.region.regionId;
  const moBudget = Accounts.moBudget(regionId);
  const provisions = Accounts.provisions(regionId, 'MO');
  const payments = state.ledger.sum(year, moBudget, 'RijkPaymentRecorded');
  const budget = budgetInForce(state, year, 'MO');
  const skim = budget?.amount ?? 0n;
  if (skim > payments) {
    throw new DomainError(
      'SKIM_EXCEEDS_FUNDS',
      `MO skim for ${year} (the regional MO budget of ${formatAmount(skim)}) exceeds the MO payments to the central municipality of ${formatAmount(payments)}`,
    );
  }
  const moPayments = payments;
  const regionalBudget = skim;
  const budgetVersion = budget?.version ?? null;
  const remainder = payments - skim;
  const events: DerivedEvent[] = [];
  const skimmed = skimDelta(state, year, { from: moBudget, to: provisions, type: 'MoBudgetSkimmed', target: skim });
  if (skimmed) {
    const formula = 'C_MO';
    const { target, previouslyRecorded } = skimmed;
    events.push({
      type: 'MoBudgetSkimmed',
      data: {
        regionId,
        year,
        scheme: 'MO',
        rule: 'mo-skim',
        inputs: { moPayments, regionalBudget, budgetVersion, formula, target, previouslyRecorded },
        postings: skimmed.postings,
      },
    });
  }
  const distributed = splitDelta(state, year, 'MO', 'MoBudgetDistributed', {
    keyId: KEY_IDS.moObjective,
    pool: moBudget,
    total: remainder,
    direction: 1n,
  });
  if (distributed) {
    const formula = 'M − C_MO split by mo-objective';
    events.push({
      type: 'MoBudgetDistributed',
      data: {
        regionId,
        year,
        scheme: 'MO',
        rule: 'mo-distribution',
        key: distributed.key,
        allocation: distributed.allocation,
        postings: distributed.postings,
        inputs: { moPayments, regionalBudget, budgetVersion, formula, remainder },
      },
    });
  }
  return events;
}
