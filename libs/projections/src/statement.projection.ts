import {
  Account,
  Accounts,
  DomainError,
  DomainEventType,
  dueFor,
  isRegistered,
  parseAccount,
  RegionView,
  RegisteredRegionView,
  reserveAgreementInForce,
  reserveBand,
  solidarityAgreementInForce,
} from '@libs/domain/model';
import { Cents, formatAmount } from '@libs/money';
import {
  Balances,
  FundLines,
  MunicipalityStatement,
  ReserveLines,
  SolidarityLines,
  Statement,
} from './statement.types';
import { reserveMovements } from './reserve-movements';

const f = formatAmount;

/**
 * The year statement of a region (interface.md §3), read off the folded postings: each line is the
 * sum of the year's postings of one kind of event on one account, signed from the point of view of
 * whoever the line is about.
 */
export function buildStatement(state: RegionView, year: number): Statement {
  if (!isRegistered(state)) throw new DomainError('UNKNOWN_REGION', 'region is not registered', 'regionId');
  const region = state.region;
  const municipalities: Record<string, MunicipalityStatement> = {};
  for (const member of [...region.municipalities].sort((a, b) => (a.code < b.code ? -1 : 1)))
    municipalities[member.code] = municipalityStatement(state, year, member);
  return {
    regionId: region.regionId,
    regionName: region.name,
    year,
    closed: state.closedYears.has(year),
    ...regionalLines(state, year),
    reserve: reserveLines(state, year),
    solidarity: solidarityLines(state, year),
    funds: fundLines(state, year),
    municipalities,
  };
}

/** The year's sum of one kind of event (all kinds when none is named) on an account. */
const sumOf =
  (state: RegisteredRegionView, year: number) =>
  (account: Account, ...types: DomainEventType[]) =>
    state.ledger.sumOver(year, account, types);

/** The region's own lines per scheme: what the Rijk paid, what was skimmed and distributed, the result. */
function regionalLines(state: RegisteredRegionView, year: number): Pick<Statement, 'bw' | 'mo'> {
  const L = sumOf(state, year);
  const regionId = state.region.regionId;
  const bwHistorical = Accounts.bwHistorical(regionId);
  const bwProvisions = Accounts.provisions(regionId, 'BW');
  const moBudget = Accounts.moBudget(regionId);
  const moProvisions = Accounts.provisions(regionId, 'MO');

  const bwSkimmed = L(bwProvisions, 'BwHistoricalSkimmed');
  const bwContributions = L(bwProvisions, 'BwContributionsCharged');
  const bwCoPayments = L(bwProvisions, 'CoPaymentRecorded');
  const bwCosts = -L(bwProvisions, 'RegionalCostRecorded');
  const moSkimmed = L(moProvisions, 'MoBudgetSkimmed');
  const moCoPayments = L(moProvisions, 'CoPaymentRecorded');
  const moCosts = -L(moProvisions, 'RegionalCostRecorded');
  return {
    bw: {
      rijkHistorical: f(L(bwHistorical, 'RijkPaymentRecorded')),
      skimmed: f(bwSkimmed),
      distributed: f(-L(bwHistorical, 'BwHistoricalDistributed')),
      contributions: f(bwContributions),
      coPayments: f(bwCoPayments),
      costs: f(bwCosts),
      result: f(bwSkimmed + bwContributions + bwCoPayments - bwCosts),
      toReserve: f(-L(bwProvisions, 'RegionalResultTransferred')),
      settledWithMunicipalities: f(-L(bwProvisions, 'RegionalResultSettled')),
    },
    mo: {
      rijkRegional: f(L(moBudget, 'RijkPaymentRecorded')),
      skimmed: f(moSkimmed),
      distributed: f(-L(moBudget, 'MoBudgetDistributed')),
      coPayments: f(moCoPayments),
      costs: f(moCosts),
      result: f(moSkimmed + moCoPayments - moCosts),
      toReserve: f(-L(moProvisions, 'RegionalResultTransferred')),
      settledWithMunicipalities: f(-L(moProvisions, 'RegionalResultSettled')),
    },
  };
}

/** A member's lines per scheme, signed from the municipality's point of view, and what it receives or pays. */
function municipalityStatement(
  state: RegisteredRegionView,
  year: number,
  member: { readonly code: string; readonly name: string },
): MunicipalityStatement {
  const L = sumOf(state, year);
  const bw = Accounts.municipality(member.code, 'BW');
  const mo = Accounts.municipality(member.code, 'MO');
  const bwDue = dueFor(state, year, member.code, 'BW');
  const moDue = dueFor(state, year, member.code, 'MO');
  return {
    name: member.name,
    due: f(bwDue.due + moDue.due),
    bw: {
      rijkObjective: f(L(bw, 'RijkPaymentRecorded')),
      historicalShare: f(L(bw, 'BwHistoricalDistributed')),
      regionalContribution: f(L(bw, 'BwContributionsCharged')),
      regionalSettlement: f(L(bw, 'RegionalResultSettled')),
      reserve: f(L(bw, 'ReserveReplenished', 'ReservePaidOut')),
      funds: f(L(bw, 'FundSpendingRecorded')),
      solidarity: f(L(bw, 'SolidarityTransferred')),
      expenditure: f(L(bw, 'LocalExpenditureRecorded')),
      result: f(L(bw)),
      advances: f(bwDue.advances),
      due: f(bwDue.due),
    },
    mo: {
      rijk: f(L(mo, 'RijkPaymentRecorded')),
      regionalShare: f(L(mo, 'MoBudgetDistributed')),
      regionalSettlement: f(L(mo, 'RegionalResultSettled')),
      reserve: f(L(mo, 'ReserveReplenished', 'ReservePaidOut')),
      funds: f(L(mo, 'FundSpendingRecorded')),
      expenditure: f(L(mo, 'LocalExpenditureRecorded')),
      result: f(L(mo)),
      advances: f(moDue.advances),
      due: f(moDue.due),
    },
  };
}

/**
 * The reserve's statement of movements, or null when no reserve agreement is in force for the year and
 * the reserve has no opening, no movement and no closing balance in it (interface.md §3): a reserve
 * that was emptied in an earlier year does not reappear as a block of zeros.
 */
function reserveLines(state: RegisteredRegionView, year: number): ReserveLines | null {
  const reserve = Accounts.reserve(state.region.regionId);
  const agreement = reserveAgreementInForce(state, year);
  const L = (...types: DomainEventType[]) => state.ledger.sum(year, reserve, ...types);
  const opening = state.ledger.balanceUpTo(year - 1, reserve) + L('ReserveOpeningRecorded');
  const closing = state.ledger.balanceUpTo(year, reserve);
  const hasOpening = opening !== 0n || state.reserveOpeningYears.has(year);
  if (!agreement && !hasOpening && !state.ledger.touchedIn(year, reserve) && closing === 0n) return null;
  const band = agreement ? reserveBand(state, agreement, year) : undefined;
  return {
    opening: f(opening),
    fromResults: f(L('RegionalResultTransferred')),
    replenished: f(L('ReserveReplenished')),
    paidOut: f(-L('ReservePaidOut')),
    toFunds: f(-L('ReserveTransferredToFund', 'ReserveExcessTransferredToFund')),
    closing: f(closing),
    min: band ? f(band.min) : null,
    max: band ? f(band.max) : null,
    ...reserveMovements(state, year),
  };
}

function solidarityLines(state: RegionView, year: number): SolidarityLines | null {
  if (!state.everClosedYears.has(year) || !solidarityAgreementInForce(state, year)) return null;
  const transfers: Record<string, string> = {};
  let volume: Cents = 0n;
  for (const code of state.memberCodes()) {
    const amount = state.ledger.sum(year, Accounts.municipality(code, 'BW'), 'SolidarityTransferred');
    transfers[code] = f(amount);
    if (amount < 0n) volume -= amount;
  }
  return { volume: f(volume), transfers };
}

function fundLines(state: RegisteredRegionView, year: number): Record<string, FundLines> {
  const regionId = state.region.regionId;
  // only a name that starts so can be one of the region's funds: the others are not parsed
  const fundPrefix = `region:${regionId}:fund:`;
  const fundIds = new Set<string>();
  for (const each of state.ledger.years()) {
    if (each > year) continue;
    for (const account of state.ledger.accounts(each)) {
      if (!account.startsWith(fundPrefix)) continue;
      const ref = parseAccount(account);
      if (ref?.kind === 'fund' && ref.regionId === regionId) fundIds.add(ref.fundId);
    }
  }
  const lines: Record<string, FundLines> = {};
  for (const fundId of [...fundIds].sort()) {
    const account = Accounts.fund(regionId, fundId);
    lines[fundId] = {
      opening: f(state.ledger.balanceUpTo(year - 1, account)),
      fromReserve: f(state.ledger.sum(year, account, 'ReserveTransferredToFund', 'ReserveExcessTransferredToFund')),
      spent: f(-state.ledger.sum(year, account, 'FundSpendingRecorded')),
      closing: f(state.ledger.balanceUpTo(year, account)),
    };
  }
  return lines;
}

/**
 * Every account with a non-zero balance for the year, in name order; and for the accounts that run on
 * over the years (the reserve, the funds) their opening, the year's movement and their closing.
 */
export function buildBalances(state: RegionView, year: number): Balances {
  if (!isRegistered(state)) throw new DomainError('UNKNOWN_REGION', 'region is not registered', 'regionId');
  const regionId = state.region.regionId;
  const accounts: Record<string, string> = {};
  for (const account of state.ledger.accounts(year).sort()) {
    const balance = state.ledger.balance(year, account);
    if (balance !== 0n) accounts[account] = f(balance);
  }
  const carried: Balances['carried'] = {};
  const candidates = [
    Accounts.reserve(regionId),
    ...Object.keys(fundLines(state, year)).map((id) => Accounts.fund(regionId, id)),
  ];
  for (const account of candidates.sort()) {
    const openingInYear = state.ledger.sum(year, account, 'ReserveOpeningRecorded');
    const opening = state.ledger.balanceUpTo(year - 1, account) + openingInYear;
    const closing = state.ledger.balanceUpTo(year, account);
    if (opening === 0n && closing === 0n && !state.ledger.touchedIn(year, account)) continue;
    carried[account] = { opening: f(opening), movement: f(closing - opening), closing: f(closing) };
  }
  return { regionId, year, accounts, carried };
}
