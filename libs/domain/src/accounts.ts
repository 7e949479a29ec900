import { Scheme } from './commands/command.types';

/** Account names of domain.md §3. A positive balance is money held. */
export const Accounts = {
  rijk: 'rijk',
  providers: 'external:providers',
  coPayments: 'external:co-payments',
  openingBalances: 'external:opening-balances',
  municipalTreasuries: 'external:municipal-treasuries',
  bwHistorical: (regionId: string) => `region:${regionId}:bw-historical`,
  moBudget: (regionId: string) => `region:${regionId}:mo-budget`,
  provisions: (regionId: string, scheme: Scheme) => `region:${regionId}:${schemeSlug(scheme)}-provisions`,
  reserve: (regionId: string) => `region:${regionId}:reserve`,
  /** advances between the municipalities and the central municipality, on account of the settlement */
  advances: (regionId: string) => `region:${regionId}:advances`,
  fund: (regionId: string, fundId: string) => `region:${regionId}:fund:${fundId}`,
  municipality: (code: string, scheme: Scheme) => `municipality:${code}:${schemeSlug(scheme)}`,
} as const;

export function schemeSlug(scheme: Scheme): 'bw' | 'mo' {
  return scheme === 'BW' ? 'bw' : 'mo';
}

export function fundIdOf(account: string, regionId: string): string | undefined {
  const prefix = `region:${regionId}:fund:`;
  return account.startsWith(prefix) ? account.slice(prefix.length) : undefined;
}
