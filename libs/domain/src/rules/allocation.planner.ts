import { Cents, formatAmount, Rational } from '@libs/money';
import { Accounts } from '../accounts';
import { DomainError } from '../errors';
import { DomainEvent } from '../events/event.types';
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

function recordedByMember(state: RegionState, year: number, account: (code: string) => string, eventType: string, sign: 1n | -1n): Map<string, Cents> {
  return new Map(state.memberCodes().map((code) => [code, sign * state.ledger.sum(year, account(code), eventType)]));
}

function planBw(state: RegionState, year: number): DomainEvent[] {
  const regionId = state.regionId!;
  const historical = Accounts.bwHistorical(regionId);
  const provisions = Accounts.provisions(regionId, 'BW');
  const memberAccount = (code: string) => Accounts.municipality(code, 'BW');
  const events: DomainEvent[] = [];

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
  const budgetInputs = {
    historicalPayments: formatAmount(payments),
    regionalBudget: formatAmount(budgetCents),
    budgetVersion: budget?.version ?? null,
    objectivePct,
  };

  const skimmedBefore = state.ledger.sum(year, provisions, 'BwHistoricalSkimmed');
  if (skim !== skimmedBefore) {
    events.push({
      type: 'BwHistoricalSkimmed',
      data: {
        regionId,
        year,
        scheme: 'BW',
        rule: 'bw-skim',
        inputs: { ...budgetInputs, formula: 'round(C × (1 − p/100))', target: formatAmount(skim), previouslyRecorded: formatAmount(skimmedBefore) },
        postings: transfer(historical, provisions, skim - skimmedBefore),
      },
    });
  }

  const remainder = payments - skim;
  const distribution = splitByKey(state, KEY_IDS.bwHistorical, year, remainder, recordedByMember(state, year, memberAccount, 'BwHistoricalDistributed', 1n));
  if (anyNonZero(distribution.deltas.values())) {
    events.push({
      type: 'BwHistoricalDistributed',
      data: {
        regionId,
        year,
        scheme: 'BW',
        rule: 'bw-historical-distribution',
        ...(distribution.key ? { key: distribution.key } : {}),
        inputs: { ...budgetInputs, skim: formatAmount(skim), formula: 'H − K split by bw-historical', remainder: formatAmount(remainder) },
        allocation: distribution.trail,
        postings: postings(shareMovements(historical, distribution.deltas, memberAccount)),
      },
    });
  }

  const contribution = budgetCents - skim;
  const contributions = splitByKey(state, KEY_IDS.bwObjective, year, contribution, recordedByMember(state, year, memberAccount, 'BwContributionsCharged', -1n));
  if (anyNonZero(contributions.deltas.values())) {
    const charged = new Map([...contributions.deltas].map(([code, amount]) => [code, -amount]));
    events.push({
      type: 'BwContributionsCharged',
      data: {
        regionId,
        year,
        scheme: 'BW',
        rule: 'bw-objective-contribution',
        ...(contributions.key ? { key: contributions.key } : {}),
        inputs: { ...budgetInputs, skim: formatAmount(skim), formula: 'C − K split by bw-objective', contribution: formatAmount(contribution) },
        allocation: contributions.trail,
        postings: postings(shareMovements(provisions, charged, memberAccount)),
      },
    });
  }
  return events;
}

function planMo(state: RegionState, year: number): DomainEvent[] {
  const regionId = state.regionId!;
  const budgetAccount = Accounts.moBudget(regionId);
  const provisions = Accounts.provisions(regionId, 'MO');
  const memberAccount = (code: string) => Accounts.municipality(code, 'MO');
  const events: DomainEvent[] = [];

  const payments = state.ledger.sum(year, budgetAccount, 'RijkPaymentRecorded');
  const budget = budgetInForce(state, year, 'MO');
  const skim = budget?.amount ?? 0n;
  if (skim > payments) {
    throw new DomainError(
      'SKIM_EXCEEDS_FUNDS',
      `MO skim for ${year} (the regional MO budget of ${formatAmount(skim)}) exceeds the MO payments to the central municipality of ${formatAmount(payments)}`,
    );
  }
  const budgetInputs = { moPayments: formatAmount(payments), regionalBudget: formatAmount(skim), budgetVersion: budget?.version ?? null };

  const skimmedBefore = state.ledger.sum(year, provisions, 'MoBudgetSkimmed');
  if (skim !== skimmedBefore) {
    events.push({
      type: 'MoBudgetSkimmed',
      data: {
        regionId,
        year,
        scheme: 'MO',
        rule: 'mo-skim',
        inputs: { ...budgetInputs, formula: 'C_MO', target: formatAmount(skim), previouslyRecorded: formatAmount(skimmedBefore) },
        postings: transfer(budgetAccount, provisions, skim - skimmedBefore),
      },
    });
  }

  const remainder = payments - skim;
  const distribution = splitByKey(state, KEY_IDS.moObjective, year, remainder, recordedByMember(state, year, memberAccount, 'MoBudgetDistributed', 1n));
  if (anyNonZero(distribution.deltas.values())) {
    events.push({
      type: 'MoBudgetDistributed',
      data: {
        regionId,
        year,
        scheme: 'MO',
        rule: 'mo-distribution',
        ...(distribution.key ? { key: distribution.key } : {}),
        inputs: { ...budgetInputs, formula: 'M − C_MO split by mo-objective', remainder: formatAmount(remainder) },
        allocation: distribution.trail,
        postings: postings(shareMovements(budgetAccount, distribution.deltas, memberAccount)),
      },
    });
  }
  return events;
}
