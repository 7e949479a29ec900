import { unreachable } from './errors';
import { Scheme, schemeSlug } from './scheme';

declare const accountBrand: unique symbol;

/**
 * The name of an account of domain.md §3, e.g. `region:holland-rijnland:bw-historical` or
 * `municipality:GM0546:mo`. A positive balance is money held. Only `accountName` (through `Accounts`)
 * makes one and only `parseAccount` reads one, so a name in a posting is always one of these.
 */
export type Account = string & { readonly [accountBrand]: true };

export const EXTERNAL_PARTIES = ['providers', 'co-payments', 'opening-balances', 'municipal-treasuries'] as const;
export type ExternalParty = (typeof EXTERNAL_PARTIES)[number];

/** The region's own accounts besides its funds: the Rijk pots, the provisions, the reserve, the advances. */
export const REGION_POTS = [
  'bw-historical',
  'mo-budget',
  'bw-provisions',
  'mo-provisions',
  'reserve',
  'advances',
] as const;
export type RegionPot = (typeof REGION_POTS)[number];

/** What an account is. */
export type AccountRef =
  | { readonly kind: 'rijk' }
  | { readonly kind: 'external'; readonly party: ExternalParty }
  | { readonly kind: 'region'; readonly regionId: string; readonly pot: RegionPot }
  | { readonly kind: 'fund'; readonly regionId: string; readonly fundId: string }
  | { readonly kind: 'municipality'; readonly code: string; readonly scheme: Scheme };

/** The one writer of account names. */
export function accountName(ref: AccountRef): Account {
  return brand(nameOf(ref));
}

function nameOf(ref: AccountRef): string {
  switch (ref.kind) {
    case 'rijk':
      return 'rijk';
    case 'external':
      return `external:${ref.party}`;
    case 'region':
      return `region:${ref.regionId}:${ref.pot}`;
    case 'fund':
      return `region:${ref.regionId}:fund:${ref.fundId}`;
    case 'municipality':
      return `municipality:${ref.code}:${schemeSlug(ref.scheme)}`;
    default:
      return unreachable(ref, 'no name for account');
  }
}

// the only place a string becomes an Account: every caller has just built or checked the name
const brand = (name: string) => name as Account;

const EXTERNAL = new RegExp(`^external:(${EXTERNAL_PARTIES.join('|')})$`);
const REGION = new RegExp(`^region:([^:]+):(${REGION_POTS.join('|')})$`);
const FUND = /^region:([^:]+):fund:([^:]+)$/;
const MUNICIPALITY = /^municipality:(GM\d{4}):(bw|mo)$/;

const externalParties: readonly string[] = EXTERNAL_PARTIES;
const regionPots: readonly string[] = REGION_POTS;
const isExternalParty = (text: string): text is ExternalParty => externalParties.includes(text);
const isRegionPot = (text: string): text is RegionPot => regionPots.includes(text);

/** The one reader of account names: what the account is, or undefined for a name that is no account. */
export function parseAccount(name: string): AccountRef | undefined {
  if (name === 'rijk') return { kind: 'rijk' };
  const external = EXTERNAL.exec(name);
  if (external && isExternalParty(external[1])) return { kind: 'external', party: external[1] };
  const pot = REGION.exec(name);
  if (pot && isRegionPot(pot[2])) return { kind: 'region', regionId: pot[1], pot: pot[2] };
  const fund = FUND.exec(name);
  if (fund) return { kind: 'fund', regionId: fund[1], fundId: fund[2] };
  const municipality = MUNICIPALITY.exec(name);
  if (municipality)
    return { kind: 'municipality', code: municipality[1], scheme: municipality[2] === 'bw' ? 'BW' : 'MO' };
  return undefined;
}

/** What decides whether an account is one region's: its id, its members and the funds it has set up. */
export interface AccountOwner {
  readonly regionId: string;
  isMember(code: string): boolean;
  hasFund(fundId: string): boolean;
}

/**
 * Whether an account is one region's ledger can hold: rijk, an external party, the region's own pots, a
 * fund it has set up, or a member's account. Another region's reserve, a fund the region never named or a
 * municipality that is no member is an account name, but none of this region: explained, it would be no
 * postings and a balance of 0,00.
 */
export function isAccountOfRegion(ref: AccountRef, region: AccountOwner): boolean {
  switch (ref.kind) {
    case 'rijk':
    case 'external':
      return true;
    case 'region':
      return ref.regionId === region.regionId;
    case 'fund':
      return ref.regionId === region.regionId && region.hasFund(ref.fundId);
    case 'municipality':
      return region.isMember(ref.code);
  }
}

/** Whether a name read from outside (a stored posting) is an account. */
export function isAccount(name: string): name is Account {
  if (knownAccounts.has(name)) return true;
  if (parseAccount(name) === undefined) return false;
  if (knownAccounts.size >= MAX_KNOWN_ACCOUNTS) knownAccounts.clear();
  knownAccounts.add(name);
  return true;
}

/**
 * Names found to be accounts: every posting read from a store names one, and a region has a few dozen,
 * so each is parsed once rather than per posting (bounded: the set starts over when it is full).
 */
const knownAccounts = new Set<string>();
const MAX_KNOWN_ACCOUNTS = 10_000;

const rijk = accountName({ kind: 'rijk' });
const external = (party: ExternalParty) => accountName({ kind: 'external', party });

/**
 * Account names by their two parts, each written once: every command, posting and statement line asks
 * for a few dozen names, and a name made again is a new string that a ledger lookup must hash again
 * (bounded: a table starts over when it is full, as the known names above).
 */
type NameTable = Map<string, Map<string, Account>>;
const MAX_NAMED = 10_000;

function named(table: NameTable, first: string, second: string): Account | undefined {
  return table.get(first)?.get(second);
}

function remember(table: NameTable, first: string, second: string, name: Account): Account {
  let inner = table.get(first);
  if (inner === undefined) {
    if (table.size >= MAX_NAMED) table.clear();
    table.set(first, (inner = new Map<string, Account>()));
  } else if (inner.size >= MAX_NAMED) inner.clear();
  inner.set(second, name);
  return name;
}

const regionNames: NameTable = new Map();
const fundNames: NameTable = new Map();
const municipalityNames: NameTable = new Map();

const regionPot = (regionId: string, pot: RegionPot) =>
  named(regionNames, regionId, pot) ??
  remember(regionNames, regionId, pot, accountName({ kind: 'region', regionId, pot }));

const fund = (regionId: string, fundId: string) =>
  named(fundNames, regionId, fundId) ??
  remember(fundNames, regionId, fundId, accountName({ kind: 'fund', regionId, fundId }));

const municipality = (code: string, scheme: Scheme) =>
  named(municipalityNames, code, scheme) ??
  remember(municipalityNames, code, scheme, accountName({ kind: 'municipality', code, scheme }));

/** The accounts of domain.md §3 by role. */
export const Accounts = {
  rijk,
  providers: external('providers'),
  coPayments: external('co-payments'),
  openingBalances: external('opening-balances'),
  municipalTreasuries: external('municipal-treasuries'),
  bwHistorical: (regionId: string) => regionPot(regionId, 'bw-historical'),
  moBudget: (regionId: string) => regionPot(regionId, 'mo-budget'),
  provisions: (regionId: string, scheme: Scheme) =>
    regionPot(regionId, scheme === 'BW' ? 'bw-provisions' : 'mo-provisions'),
  reserve: (regionId: string) => regionPot(regionId, 'reserve'),
  /** advances between the municipalities and the central municipality, on account of the settlement */
  advances: (regionId: string) => regionPot(regionId, 'advances'),
  fund,
  municipality,
} as const;
