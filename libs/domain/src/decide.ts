import { formatAmount } from '@libs/money';
import { Account, Accounts } from './accounts';
import {
  checkCounts,
  checkKey,
  checkReserveAgreement,
  checkSolidarityAgreement,
  normaliseBudget,
  requireMember,
} from './commands/command.checks';
import type {
  CloseYear,
  Command,
  RecordFundSpending,
  RecordReserveOpening,
  RecordRijkPayment,
  RegisterRegion,
  ReopenYear,
  RunAllocation,
} from './commands/command.types';
import * as fact from './decide/fact-of-command';
import { recordOnce, sameContent } from './decide/record-once';
import { DomainError, invalidField, unreachable } from './errors';
import { DecidedEvent } from './events/domain-event';
import { planAllocationRun } from './rules/allocation.planner';
import { planClosing } from './rules/closing.planner';
import { transfer } from './rules/postings';
import { PLAN_EVERY_SCHEME, PlanScope } from './rules/scheme-scope';
import { requireMoneyInYear } from './rules/year-empty';
import { isRegistered, RegionView, RegisteredRegionView } from './state/region-state';

/**
 * The decider's decide: given a read-only view of a region and a validated command, the events that
 * record it — or a DomainError, in which case nothing is recorded. Pure: no clock, no I/O; the same
 * state and command always give the same events. Every command but RegisterRegion needs the region
 * registered, and is decided on a `RegisteredRegionView` from there on. `scope` says which schemes a run or
 * closing plans (see PlanScope: a what-if may give one scheme's events as recorded); every scheme unless told.
 */
export function decide(command: Command, state: RegionView, scope: PlanScope = PLAN_EVERY_SCHEME): DecidedEvent[] {
  if (command.type === 'RegisterRegion') return registerRegion(byCode(command), state);
  if (!isRegistered(state))
    throw new DomainError(
      'UNKNOWN_REGION',
      `region "${command.regionId}" is not registered (RegisterRegion first)`,
      'regionId',
    );
  switch (command.type) {
    case 'RunAllocation':
    case 'CloseYear':
    case 'ReopenYear':
      return decideRun(command, state, scope);
    case 'AdoptDistributionKey':
      checkKey(command, state);
      return recordOnce(state, fact.distributionKeyAdopted(command), undefined);
    case 'AdoptRegionalBudget':
      return recordOnce(state, fact.regionalBudgetAdopted(normaliseBudget(command)), command.year);
    case 'AdoptReserveAgreement':
      checkReserveAgreement(command);
      // the same schemes in another order are the same agreement
      return recordOnce(
        state,
        fact.reserveAgreementAdopted({ ...command, schemes: [...command.schemes].sort() }),
        undefined,
      );
    case 'AdoptSolidarityAgreement':
      checkSolidarityAgreement(command, state);
      return recordOnce(state, fact.solidarityAgreementAdopted(command), undefined);
    case 'RecordInhabitants':
      checkCounts(command, state);
      return recordOnce(state, fact.inhabitantsRecorded(command), undefined);
    default:
      return recordMoneyFact(command, state);
  }
}

type MoneyFactCommand = Extract<
  Command,
  {
    type:
      | 'RecordRijkPayment'
      | 'RecordRegionalCost'
      | 'RecordCoPayment'
      | 'RecordLocalExpenditure'
      | 'RecordPolicyCorrection'
      | 'RecordReserveOpening'
      | 'RecordAdvance'
      | 'TransferReserveToFund'
      | 'RecordFundSpending';
  }
>;

/** An id-carrying fact with the postings of domain.md §4: identical again is a no-op, other content is refused. */
function recordMoneyFact(command: MoneyFactCommand, state: RegisteredRegionView): DecidedEvent[] {
  const regionId = command.regionId;
  switch (command.type) {
    case 'RecordRijkPayment': {
      requireMember(state, command.recipient, 'recipient');
      const postings = transfer(Accounts.rijk, paymentDestination(command, state), command.amount);
      return recordOnce(state, fact.rijkPaymentRecorded(command, postings), command.year);
    }
    case 'RecordRegionalCost': {
      const postings = transfer(Accounts.provisions(regionId, command.scheme), Accounts.providers, command.amount);
      return recordOnce(state, fact.regionalCostRecorded(command, postings), command.year);
    }
    case 'RecordCoPayment': {
      const postings = transfer(Accounts.coPayments, Accounts.provisions(regionId, command.scheme), command.amount);
      return recordOnce(state, fact.coPaymentRecorded(command, postings), command.year);
    }
    case 'RecordLocalExpenditure': {
      requireMember(state, command.municipality, 'municipality');
      const spent = command.careCosts + command.executionCosts;
      const postings = transfer(Accounts.municipality(command.municipality, command.scheme), Accounts.providers, spent);
      return recordOnce(state, fact.localExpenditureRecorded(command, postings), command.year);
    }
    case 'RecordPolicyCorrection':
      requireMember(state, command.municipality, 'municipality');
      return recordOnce(state, fact.policyCorrectionRecorded(command), command.year);
    case 'RecordReserveOpening':
      return recordReserveOpening(state, command);
    case 'RecordAdvance': {
      requireMember(state, command.municipality, 'municipality');
      const postings = transfer(Accounts.municipalTreasuries, Accounts.advances(regionId), command.amount);
      return recordOnce(state, fact.advanceRecorded(command, postings), command.year);
    }
    case 'TransferReserveToFund': {
      const postings = transfer(Accounts.reserve(regionId), Accounts.fund(regionId, command.fundId), command.amount);
      return recordOnce(state, fact.reserveTransferredToFund(command, postings), command.year);
    }
    case 'RecordFundSpending': {
      const from = Accounts.fund(regionId, command.fundId);
      const postings = transfer(from, fundSpendingDestination(command, state), command.amount);
      return recordOnce(state, fact.fundSpendingRecorded(command, postings), command.year);
    }
    default:
      return unreachable(command, 'no rule for command');
  }
}

/** Runs and closings: a closed year is neither run nor closed again, an open year is not reopened. */
function decideRun(
  command: RunAllocation | CloseYear | ReopenYear,
  state: RegisteredRegionView,
  scope: PlanScope,
): DecidedEvent[] {
  const { regionId, year } = command;
  switch (command.type) {
    case 'RunAllocation':
      if (state.closedYears.has(year)) return [];
      requireMoneyInYear(state, year);
      return [
        ...planAllocationRun(state, year, scope),
        { type: 'AllocationRunCompleted' as const, data: { regionId, year } },
      ].map((event) => ({ event }));
    case 'CloseYear':
      if (state.closedYears.has(year)) return [];
      requireMoneyInYear(state, year);
      return planClosing(state, year, scope).map((event) => ({ event }));
    case 'ReopenYear':
      if (!state.closedYears.has(year)) return [];
      return [{ event: { type: 'YearReopened', data: { regionId, year, reason: command.reason } } }];
    default:
      return unreachable(command, 'no rule for command');
  }
}

/** Members in code order, so that the same region listed in another order is the same content. */
function byCode(command: RegisterRegion): RegisterRegion {
  return {
    ...command,
    municipalities: [...command.municipalities].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)),
  };
}

function registerRegion(command: RegisterRegion, state: RegionView): DecidedEvent[] {
  const codes = new Set<string>();
  command.municipalities.forEach((member, index) => {
    if (codes.has(member.code)) throw invalidField(`municipalities[${index}].code`, `${member.code} is listed twice`);
    codes.add(member.code);
  });
  if (!codes.has(command.centralMunicipality)) {
    throw invalidField(
      'centralMunicipality',
      `${command.centralMunicipality} is not one of the region's municipalities`,
    );
  }
  const event = fact.regionRegistered(command);
  if (isRegistered(state)) {
    const recorded = state.facts.get('region');
    if (recorded !== undefined && sameContent(recorded, event)) return [];
    throw new DomainError(
      'REGION_CONFLICT',
      `region "${command.regionId}" is already registered with other content`,
      'regionId',
    );
  }
  return [{ event, idHint: `${command.regionId}/region` }];
}

/**
 * The reserve opening is the balance brought in when the ledger starts: one per region. Again with the
 * same content it changes nothing; another year or amount is refused — a second opening would bring
 * the same money in twice.
 */
function recordReserveOpening(state: RegisteredRegionView, command: RecordReserveOpening): DecidedEvent[] {
  const postings = transfer(Accounts.openingBalances, Accounts.reserve(command.regionId), command.amount);
  const event = fact.reserveOpeningRecorded(command, postings);
  const recorded = state.facts.get('reserve-opening');
  const before = state.reserveOpening;
  if (recorded !== undefined && before !== undefined && !sameContent(recorded, event)) {
    const field =
      (['year', 'amount', 'reference'] as const).find((name) => before[name] !== event.data[name]) ?? 'year';
    throw new DomainError(
      'ID_REUSED',
      `region "${command.regionId}" already has its reserve opening (${before.year}: ${formatAmount(before.amount)}); a region has one opening, so another ${field} is refused`,
      field,
    );
  }
  return recordOnce(state, event, command.year);
}

/** domain.md §4: where a Rijk payment lands. */
function paymentDestination(command: RecordRijkPayment, state: RegisteredRegionView): Account {
  if (command.scheme === 'BW' && command.basis === 'historical') return Accounts.bwHistorical(command.regionId);
  if (command.scheme === 'MO' && command.recipient === state.region.centralMunicipality)
    return Accounts.moBudget(command.regionId);
  return Accounts.municipality(command.recipient, command.scheme);
}

function fundSpendingDestination(command: RecordFundSpending, state: RegisteredRegionView): Account {
  if (command.recipient === 'providers') return Accounts.providers;
  requireMember(state, command.recipient, 'recipient');
  return Accounts.municipality(command.recipient, command.scheme);
}
