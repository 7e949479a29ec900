import { AccountRef, ExternalParty, parseAccount, RegionInfo, RegionPot, unreachable } from '@libs/domain';
import { eventLabel, fundLabel } from '@libs/reports';

// the Dutch names of event types, rules and funds are the reports' (one place for every text a controller reads)
export { EVENT_LABELS, eventLabel, keyLabel, RULE_LABELS } from '@libs/reports';

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
  const pool = /^pool:(.+)$/.exec(account);
  if (pool) return eventLabel(pool[1]);
  const ref = parseAccount(account);
  return ref ? refLabel(ref, region) : account;
}

function refLabel(ref: AccountRef, region: RegionInfo | undefined): string {
  const central = region ? memberName(region, region.centralMunicipality) : 'centrumgemeente';
  switch (ref.kind) {
    case 'rijk':
      return 'Rijk';
    case 'external':
      return EXTERNAL_LABELS[ref.party];
    case 'municipality':
      return `${memberName(region, ref.code)} (${ref.scheme})`;
    case 'fund':
      return fundLabel(ref.fundId);
    case 'region':
      return regionPotLabel(ref.pot, central);
    default:
      return unreachable(ref, 'no label for account');
  }
}

const EXTERNAL_LABELS: Record<ExternalParty, string> = {
  providers: 'Zorgaanbieders',
  'co-payments': 'Cliënten (eigen bijdragen)',
  'opening-balances': 'Beginbalans',
  'municipal-treasuries': 'Gemeentekassen',
};

function regionPotLabel(pot: RegionPot, central: string): string {
  switch (pot) {
    case 'bw-historical':
      return `Historisch BW-budget (${central})`;
    case 'mo-budget':
      return `MO-budget (${central})`;
    case 'bw-provisions':
      return 'Regionale voorzieningen BW';
    case 'mo-provisions':
      return 'Regionale voorzieningen MO';
    case 'reserve':
      return 'Regionale reserve';
    case 'advances':
      return 'Voorschotten';
    default:
      return unreachable(pot, 'no label for pot');
  }
}
