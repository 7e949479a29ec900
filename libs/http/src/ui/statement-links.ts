import { Accounts, invariant, Scheme } from '@libs/domain';

/**
 * Where each statement line comes from: the account and the event types whose postings on it make
 * the line (as statement.projection.ts sums them). The explanation of a line lists exactly those
 * postings; `negated` lines are shown from the region's side, the opposite sign of the account's.
 */
export interface LineSource {
  readonly account: string;
  readonly types: readonly string[];
  readonly negated?: boolean;
}

const MEMBER_BW_TYPES: Record<string, readonly string[]> = {
  rijkObjective: ['RijkPaymentRecorded'],
  historicalShare: ['BwHistoricalDistributed'],
  regionalContribution: ['BwContributionsCharged'],
  regionalSettlement: ['RegionalResultSettled'],
  reserve: ['ReserveReplenished', 'ReservePaidOut'],
  funds: ['FundSpendingRecorded'],
  solidarity: ['SolidarityTransferred'],
  expenditure: ['LocalExpenditureRecorded'],
  result: [],
};

const MEMBER_MO_TYPES: Record<string, readonly string[]> = {
  rijk: ['RijkPaymentRecorded'],
  regionalShare: ['MoBudgetDistributed'],
  regionalSettlement: ['RegionalResultSettled'],
  reserve: ['ReserveReplenished', 'ReservePaidOut'],
  funds: ['FundSpendingRecorded'],
  expenditure: ['LocalExpenditureRecorded'],
  result: [],
};

/** A municipality's line of one scheme; advances and due have explanations of their own. */
export function memberLineSource(code: string, scheme: Scheme, line: string): LineSource | undefined {
  const types = (scheme === 'BW' ? MEMBER_BW_TYPES : MEMBER_MO_TYPES)[line];
  return types ? { account: Accounts.municipality(code, scheme), types } : undefined;
}

/** The lines of a municipality that make up what is due (besides its advances), per scheme. */
export const DUE_LINES: Record<Scheme, readonly string[]> = {
  BW: ['historicalShare', 'regionalContribution', 'regionalSettlement', 'reserve', 'funds', 'solidarity'],
  MO: ['regionalShare', 'regionalSettlement', 'reserve', 'funds'],
};

/** A regional line of the statement (bw, mo or reserve block). */
export function regionLineSource(
  regionId: string,
  block: 'bw' | 'mo' | 'reserve',
  line: string,
): LineSource | undefined {
  if (block === 'reserve') {
    const reserve = Accounts.reserve(regionId);
    const sources: Record<string, LineSource> = {
      fromResults: { account: reserve, types: ['RegionalResultTransferred'] },
      replenished: { account: reserve, types: ['ReserveReplenished'] },
      paidOut: { account: reserve, types: ['ReservePaidOut'], negated: true },
      toFunds: {
        account: reserve,
        types: ['ReserveTransferredToFund', 'ReserveExcessTransferredToFund'],
        negated: true,
      },
      closing: { account: reserve, types: [] },
    };
    return sources[line];
  }
  const scheme: Scheme = block === 'bw' ? 'BW' : 'MO';
  const pot = block === 'bw' ? Accounts.bwHistorical(regionId) : Accounts.moBudget(regionId);
  const provisions = Accounts.provisions(regionId, scheme);
  const skim = block === 'bw' ? 'BwHistoricalSkimmed' : 'MoBudgetSkimmed';
  const distributed = block === 'bw' ? 'BwHistoricalDistributed' : 'MoBudgetDistributed';
  const sources: Record<string, LineSource> = {
    rijkHistorical: { account: pot, types: ['RijkPaymentRecorded'] },
    rijkRegional: { account: pot, types: ['RijkPaymentRecorded'] },
    skimmed: { account: provisions, types: [skim] },
    distributed: { account: pot, types: [distributed], negated: true },
    contributions: { account: provisions, types: ['BwContributionsCharged'] },
    coPayments: { account: provisions, types: ['CoPaymentRecorded'] },
    costs: { account: provisions, types: ['RegionalCostRecorded'], negated: true },
    result: {
      account: provisions,
      types: [skim, 'BwContributionsCharged', 'CoPaymentRecorded', 'RegionalCostRecorded'],
    },
    toReserve: { account: provisions, types: ['RegionalResultTransferred'], negated: true },
    settledWithMunicipalities: { account: provisions, types: ['RegionalResultSettled'], negated: true },
  };
  return sources[line];
}

/** A line a page names itself (a result, a due line): it has a source, or the page and this file disagree — a bug. */
function known(source: LineSource | undefined, line: string): LineSource {
  invariant(source !== undefined, () => `statement line "${line}" has no source`);
  return source;
}

export const knownMemberLineSource = (code: string, scheme: Scheme, line: string): LineSource =>
  known(memberLineSource(code, scheme, line), `${scheme} ${line}`);

export const knownRegionLineSource = (regionId: string, block: 'bw' | 'mo' | 'reserve', line: string): LineSource =>
  known(regionLineSource(regionId, block, line), `${block} ${line}`);
