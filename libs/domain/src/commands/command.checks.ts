import { Cents, formatAmount, Rational } from '@libs/money';
import {
  AdoptDistributionKey,
  AdoptRegionalBudget,
  AdoptReserveAgreement,
  AdoptSolidarityAgreement,
  RecordInhabitants,
} from './command.types';
import { DomainError, invalidField } from '../errors';
import { RegisteredRegionView } from '../state/region-state';

/** Checks a command can only make against the recorded region: membership, key sums, agreement coherence. */
export function requireMember(state: RegisteredRegionView, code: string, field: string): void {
  if (!state.isMember(code)) {
    throw new DomainError(
      'UNKNOWN_MUNICIPALITY',
      `${code} is not a municipality of region "${state.region.regionId}"`,
      field,
    );
  }
}

export function checkMemberWeights(
  weights: Readonly<Record<string, string>>,
  state: RegisteredRegionView,
  field: string,
): void {
  for (const code of Object.keys(weights)) {
    if (!state.isMember(code))
      throw new DomainError(
        'UNKNOWN_MUNICIPALITY',
        `${code} is not a municipality of region "${state.region.regionId}"`,
        `${field}.${code}`,
      );
  }
}

export function checkKey(command: AdoptDistributionKey, state: RegisteredRegionView): void {
  checkMemberWeights(command.weights, state, 'weights');
  const missing = state.memberCodes().filter((code) => command.weights[code] === undefined);
  if (missing.length > 0)
    throw new DomainError(
      'INVALID_KEY',
      `must list every member of the region; missing ${missing.join(', ')}`,
      'weights',
    );
  const sum = Object.values(command.weights).reduce(
    (acc, weight) => acc.add(Rational.fromDecimal(weight)),
    Rational.ZERO,
  );
  if (!sum.isPositive()) throw new DomainError('INVALID_KEY', 'the weights must sum to more than zero', 'weights');
  if (command.unit === 'percent' && sum.sub(Rational.HUNDRED).abs().compare(Rational.ONE) > 0) {
    throw new DomainError(
      'INVALID_KEY',
      `a key in percent must sum to 100 ± 1, these sum to ${sum.toDecimalString(6)}`,
      'weights',
    );
  }
  if (command.validTo !== undefined && command.validTo < command.validFrom) {
    throw invalidField('validTo', `must not be before validFrom (${command.validFrom})`);
  }
}

export function normaliseBudget(command: AdoptRegionalBudget): AdoptRegionalBudget {
  // refused here, not at closing: a negative budget turns a budget-based reserve band upside down
  if (command.amount < 0n) {
    throw invalidField(
      'amount',
      `a regional budget is the net amount the regional provisions need and must not be negative, got ${formatAmount(command.amount)} (a component such as co-payments may be negative)`,
    );
  }
  if (command.components) {
    const sum = command.components.reduce<Cents>((acc, component) => acc + component.amount, 0n);
    if (sum !== command.amount) {
      throw new DomainError(
        'COMPONENTS_MISMATCH',
        `components sum to ${formatAmount(sum)}, not to the amount ${formatAmount(command.amount)}`,
        'components',
      );
    }
  }
  if (command.scheme === 'BW') return { ...command, objectivePct: command.objectivePct ?? '0' };
  if (command.objectivePct !== undefined && command.objectivePct !== '0') {
    throw invalidField('objectivePct', 'applies to BW budgets only (MO has no objective share)');
  }
  return { ...command, objectivePct: undefined };
}

export function checkReserveAgreement(command: AdoptReserveAgreement): void {
  if (new Set(command.schemes).size !== command.schemes.length) throw invalidField('schemes', 'lists a scheme twice');
  if (Rational.fromDecimal(command.minPct).compare(Rational.fromDecimal(command.maxPct)) > 0) {
    throw invalidField('minPct', `must not exceed maxPct (${command.minPct} > ${command.maxPct})`);
  }
}

export function checkSolidarityAgreement(command: AdoptSolidarityAgreement, state: RegisteredRegionView): void {
  if (command.executionCosts === 'surcharge' && command.surchargePct === undefined) {
    throw new DomainError('MISSING_FIELD', 'is required when executionCosts is "surcharge"', 'surchargePct');
  }
  if (command.executionCosts === 'actual' && command.surchargePct !== undefined) {
    throw invalidField('surchargePct', 'applies only when executionCosts is "surcharge"');
  }
  if (command.weights) {
    checkMemberWeights(command.weights, state, 'weights');
    for (const [code, weight] of Object.entries(command.weights)) {
      if (!Rational.fromDecimal(weight).isPositive())
        throw invalidField(`weights.${code}`, 'must be greater than zero');
    }
  }
}

export function checkCounts(command: RecordInhabitants, state: RegisteredRegionView): void {
  checkMemberWeights(command.counts, state, 'counts');
  const missing = state.memberCodes().filter((code) => command.counts[code] === undefined);
  if (missing.length > 0)
    throw new DomainError(
      'INVALID_KEY',
      `must list every member of the region; missing ${missing.join(', ')}`,
      'counts',
    );
}
