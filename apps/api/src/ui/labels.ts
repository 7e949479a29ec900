import { RegionInfo } from '@libs/domain';

/** Dutch names of the event types, as a controller reads them next to an amount. */
export const EVENT_LABELS: Record<string, string> = {
  RijkPaymentRecorded: 'Rijksbetaling',
  RegionalCostRecorded: 'Kosten regionale voorzieningen',
  CoPaymentRecorded: 'Eigen bijdragen cliënten',
  LocalExpenditureRecorded: 'Lokale uitgaven',
  ReserveOpeningRecorded: 'Beginstand reserve',
  AdvanceRecorded: 'Voorschot',
  ReserveTransferredToFund: 'Overheveling reserve naar fonds',
  FundSpendingRecorded: 'Besteding uit fonds',
  BwHistoricalSkimmed: 'Afroming historisch BW-budget',
  BwHistoricalDistributed: 'Verdeling historisch BW-budget',
  BwContributionsCharged: 'Bijdragen gemeenten (objectieve sleutel)',
  MoBudgetSkimmed: 'Afroming MO-budget',
  MoBudgetDistributed: 'Verdeling MO-budget',
  RegionalResultTransferred: 'Resultaat naar/uit reserve',
  RegionalResultSettled: 'Resultaat verrekend met gemeenten',
  ReserveReplenished: 'Aanvulling reserve door gemeenten',
  ReservePaidOut: 'Uitkering uit reserve',
  ReserveExcessTransferredToFund: 'Overschot reserve naar fonds',
  SolidarityTransferred: 'Onderlinge solidariteit',
};

export const eventLabel = (type: string) => EVENT_LABELS[type] ?? type;

/** Dutch names of the rules recorded on derived amounts. */
export const RULE_LABELS: Record<string, string> = {
  'bw-skim': 'afroming BW',
  'bw-historical-distribution': 'verdeling historisch BW-budget',
  'bw-objective-contribution': 'bijdrage objectieve sleutel',
  'mo-skim': 'afroming MO',
  'mo-distribution': 'verdeling MO-budget',
  'result-to-reserve': 'resultaat naar reserve',
  'result-settlement': 'verrekening resultaat',
  'reserve-replenishment': 'aanvulling reserve',
  'reserve-payout': 'uitkering reserve',
  'reserve-excess-to-fund': 'overschot naar fonds',
  solidarity: 'solidariteit',
};

export const YEAR_STATE_LABELS = { open: 'open', closed: 'afgesloten', reopened: 'heropend' } as const;
export type YearState = keyof typeof YEAR_STATE_LABELS;

/** Names a member by its CBS code and name. */
export function memberName(region: RegionInfo | undefined, code: string): string {
  const member = region?.municipalities.find((candidate) => candidate.code === code);
  return member ? member.name : code;
}

/**
 * A Dutch label for an account of the chart of accounts (domain.md §3), with the member's name
 * where the account belongs to a municipality.
 */
export function accountLabel(account: string, region: RegionInfo | undefined): string {
  const central = region ? memberName(region, region.centralMunicipality) : 'centrumgemeente';
  const municipality = /^municipality:(GM\d{4}):(bw|mo)$/.exec(account);
  if (municipality) return `${memberName(region, municipality[1])} (${municipality[2].toUpperCase()})`;
  const regional = /^region:[^:]+:(.+)$/.exec(account);
  if (regional) {
    const [, part] = regional;
    if (part === 'bw-historical') return `Historisch BW-budget (${central})`;
    if (part === 'mo-budget') return `MO-budget (${central})`;
    if (part === 'bw-provisions') return 'Regionale voorzieningen BW';
    if (part === 'mo-provisions') return 'Regionale voorzieningen MO';
    if (part === 'reserve') return 'Regionale reserve';
    if (part === 'advances') return 'Voorschotten';
    if (part.startsWith('fund:')) return `Fonds ${part.slice(5)}`;
  }
  const pool = /^pool:(.+)$/.exec(account);
  if (pool) return eventLabel(pool[1]);
  switch (account) {
    case 'rijk':
      return 'Rijk';
    case 'external:providers':
      return 'Zorgaanbieders';
    case 'external:co-payments':
      return 'Cliënten (eigen bijdragen)';
    case 'external:opening-balances':
      return 'Beginbalans';
    case 'external:municipal-treasuries':
      return 'Gemeentekassen';
    default:
      return account;
  }
}
