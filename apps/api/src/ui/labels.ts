import { RegionInfo } from '@libs/domain';
import { eventLabel, fundLabel } from '@libs/reports';

// the Dutch names of event types, rules and funds are the reports' (one place for every text a controller reads)
export { EVENT_LABELS, eventLabel, RULE_LABELS } from '@libs/reports';

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
    if (part.startsWith('fund:')) return fundLabel(part.slice(5));
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
