import { Account, Accounts } from './accounts';
import {
  Command,
  RecordFundSpending,
  RecordReserveOpening,
  RecordRijkPayment,
  RegisterRegion,
} from './commands/command.types';
import { DomainError, DomainErrorCode, invalidField } from './errors';
import { DecidedEvent, Posting } from './events/event.types';
import { FACT_EVENT_OF, FactCommand, factContent, toFactData } from './events/fact-data';
import { planAllocationRun } from './rules/allocation.planner';
import { planClosing } from './rules/closing.planner';
import { transfer } from './rules/postings';
import { requireMoneyInYear } from './rules/year-empty';
import {
  checkCounts,
  checkKey,
  checkReserveAgreement,
  checkSolidarityAgreement,
  normaliseBudget,
  requireMember,
} from './commands/command.checks';
import { canonicalJson } from './state/canonical-json';
import { FACT_IDENTITY, RegionState, versionIdentity } from './state/region-state';

/**
 * The decider: given a region's state and a validated command, the events that record it — or a
 * DomainError, in which case nothing is recorded. Pure: no clock, no I/O; the same state and command
 * always give the same events.
 */
export function decide(command: Command, state: RegionState): DecidedEvent[] {
  if (command.type === 'RegisterRegion') return registerRegion(byCode(command), state);
  if (!state.region)
    throw new DomainError(
      'UNKNOWN_REGION',
      `region "${command.regionId}" is not registered (RegisterRegion first)`,
      'regionId',
    );
  const regionId = command.regionId;

  switch (command.type) {
    case 'AdoptDistributionKey':
      checkKey(command, state);
      return recordVersion(state, command, versionIdentity.key(command));
    case 'RecordRijkPayment':
      requireMember(state, command.recipient, 'recipient');
      return recordFact(
        state,
        command,
        command.year,
        transfer(Accounts.rijk, paymentDestination(command, state), command.amount),
      );
    case 'AdoptRegionalBudget':
      return recordVersion(state, normaliseBudget(command), versionIdentity.budget(command), command.year);
    case 'RecordRegionalCost':
      return recordFact(
        state,
        command,
        command.year,
        transfer(Accounts.provisions(regionId, command.scheme), Accounts.providers, command.amount),
      );
    case 'RecordCoPayment':
      return recordFact(
        state,
        command,
        command.year,
        transfer(Accounts.coPayments, Accounts.provisions(regionId, command.scheme), command.amount),
      );
    case 'RecordLocalExpenditure':
      requireMember(state, command.municipality, 'municipality');
      return recordFact(
        state,
        command,
        command.year,
        transfer(
          Accounts.municipality(command.municipality, command.scheme),
          Accounts.providers,
          command.careCosts + command.executionCosts,
        ),
      );
    case 'RecordPolicyCorrection':
      requireMember(state, command.municipality, 'municipality');
      return recordFact(state, command, command.year);
    case 'AdoptReserveAgreement':
      checkReserveAgreement(command);
      // the same schemes in another order are the same agreement
      return recordVersion(
        state,
        { ...command, schemes: [...command.schemes].sort() },
        versionIdentity.reserveAgreement(command),
      );
    case 'RecordReserveOpening':
      return recordReserveOpening(state, command);
    case 'RecordAdvance':
      requireMember(state, command.municipality, 'municipality');
      return recordFact(
        state,
        command,
        command.year,
        transfer(Accounts.municipalTreasuries, Accounts.advances(regionId), command.amount),
      );
    case 'TransferReserveToFund':
      return recordFact(
        state,
        command,
        command.year,
        transfer(Accounts.reserve(regionId), Accounts.fund(regionId, command.fundId), command.amount),
      );
    case 'RecordFundSpending':
      return recordFact(
        state,
        command,
        command.year,
        transfer(Accounts.fund(regionId, command.fundId), fundSpendingDestination(command, state), command.amount),
      );
    case 'AdoptSolidarityAgreement':
      checkSolidarityAgreement(command, state);
      return recordVersion(state, command, versionIdentity.solidarityAgreement(command));
    case 'RecordInhabitants':
      checkCounts(command, state);
      return recordVersion(state, command, versionIdentity.inhabitants(command));
    case 'RunAllocation':
      if (state.closedYears.has(command.year)) return [];
      requireMoneyInYear(state, command.year);
      return [
        ...planAllocationRun(state, command.year),
        { type: 'AllocationRunCompleted' as const, data: { regionId, year: command.year } },
      ].map((event) => ({ event }));
    case 'CloseYear':
      if (state.closedYears.has(command.year)) return [];
      requireMoneyInYear(state, command.year);
      return planClosing(state, command.year).map((event) => ({ event }));
    case 'ReopenYear':
      if (!state.closedYears.has(command.year)) return [];
      return [{ event: { type: 'YearReopened', data: { regionId, year: command.year, reason: command.reason } } }];
    default: {
      const unknown: never = command;
      throw new Error(`no rule for command ${JSON.stringify(unknown)}`);
    }
  }
}

/** Members in code order, so that the same region listed in another order is the same content. */
function byCode(command: RegisterRegion): RegisterRegion {
  return {
    ...command,
    municipalities: [...command.municipalities].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)),
  };
}

function registerRegion(command: RegisterRegion, state: RegionState): DecidedEvent[] {
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
  const data = toFactData(command);
  if (state.region) {
    if (state.contents.get('region') === canonicalJson(factContent(data))) return [];
    throw new DomainError(
      'REGION_CONFLICT',
      `region "${command.regionId}" is already registered with other content`,
      'regionId',
    );
  }
  return [{ event: { type: 'RegionRegistered', data }, idHint: `${command.regionId}/region` }];
}

const CONFLICT_LABEL: Record<string, string> = {
  payment: 'paymentId',
  cost: 'costId',
  'co-payment': 'coPaymentId',
  expenditure: 'expenditureId',
  correction: 'correctionId',
  advance: 'advanceId',
  'fund-transfer': 'transferId',
  'fund-spending': 'spendingId',
};

/** An id-carrying fact: identical again is a no-op (also in a closed year), other content is refused. */
function recordFact(state: RegionState, command: FactCommand, year: number, postings?: Posting[]): DecidedEvent[] {
  const type = FACT_EVENT_OF[command.type];
  const data = toFactData(command, postings);
  const identity = FACT_IDENTITY[type as keyof typeof FACT_IDENTITY](data);
  const kind = identity.slice(0, identity.indexOf(':'));
  const field = CONFLICT_LABEL[kind] ?? 'id';
  return recordOnce(
    state,
    type,
    data,
    identity,
    'ID_REUSED',
    `${field} ${JSON.stringify(identity.slice(kind.length + 1))} is already recorded with other content`,
    field,
    year,
  );
}

/**
 * The reserve opening is the balance brought in when the ledger starts: one per region. Again with the
 * same content it changes nothing; another year or amount is refused — a second opening would bring
 * the same money in twice.
 */
function recordReserveOpening(state: RegionState, command: RecordReserveOpening): DecidedEvent[] {
  const postings = transfer(Accounts.openingBalances, Accounts.reserve(command.regionId), command.amount);
  const data = toFactData(command, postings);
  const recorded = state.contents.get('reserve-opening');
  if (recorded !== undefined && recorded !== canonicalJson(factContent(data))) {
    const before = JSON.parse(recorded) as Record<string, unknown>;
    const content = factContent(data);
    const field = ['year', 'amount', 'reference'].find((name) => before[name] !== content[name]) ?? 'year';
    throw new DomainError(
      'ID_REUSED',
      `region "${command.regionId}" already has its reserve opening (${before.year}: ${before.amount}); a region has one opening, so another ${field} is refused`,
      field,
    );
  }
  return recordFact(state, command, command.year, postings);
}

/** A versioned thing (key, budget, agreement): a version is immutable; a revision is a new version. */
function recordVersion(state: RegionState, command: FactCommand, identity: string, year?: number): DecidedEvent[] {
  const type = FACT_EVENT_OF[command.type];
  const data = toFactData(command);
  return recordOnce(
    state,
    type,
    data,
    identity,
    'VERSION_CONFLICT',
    `${identity.replace(/:v(\d+)$/, ' version $1')} is already adopted with other content; adopt a new version instead`,
    'version',
    year,
  );
}

function recordOnce(
  state: RegionState,
  type: (typeof FACT_EVENT_OF)[keyof typeof FACT_EVENT_OF],
  data: ReturnType<typeof toFactData>,
  identity: string,
  conflictCode: DomainErrorCode,
  conflictMessage: string,
  conflictField: string,
  year: number | undefined,
): DecidedEvent[] {
  const existing = state.contents.get(identity);
  if (existing !== undefined) {
    if (existing === canonicalJson(factContent(data))) return [];
    throw new DomainError(conflictCode, conflictMessage, conflictField);
  }
  if (year !== undefined && state.closedYears.has(year)) {
    throw new DomainError(
      'YEAR_CLOSED',
      `${year} is closed; reopen it (ReopenYear with a reason) before recording new facts for it`,
      'year',
    );
  }
  return [{ event: { type, data } as DecidedEvent['event'], idHint: `${data.regionId}/${identity}` }];
}

/** domain.md §4: where a Rijk payment lands. */
function paymentDestination(command: RecordRijkPayment, state: RegionState): Account {
  if (command.scheme === 'BW' && command.basis === 'historical') return Accounts.bwHistorical(command.regionId);
  if (command.scheme === 'MO' && command.recipient === state.region!.centralMunicipality)
    return Accounts.moBudget(command.regionId);
  return Accounts.municipality(command.recipient, command.scheme);
}

function fundSpendingDestination(command: RecordFundSpending, state: RegionState): Account {
  if (command.recipient === 'providers') return Accounts.providers;
  requireMember(state, command.recipient, 'recipient');
  return Accounts.municipality(command.recipient, command.scheme);
}
