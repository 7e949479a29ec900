import { Scheme } from '../scheme';

/*
 * The keys of a region's maps by year (RegionView.expenditures, advances, policyCorrections, budgets),
 * each text written once: a fold adds every advance and expenditure by its key, and every closing and
 * statement reads them member by member. A key written again is a new string that the map must hash
 * again; the same string is hashed once. Bounded like the account names: a table starts over when full.
 */

type KeyTable = Map<number, Map<string, string>>;
const MAX_KEYS = 10_000;

function keyed(table: KeyTable, year: number, part: string, write: () => string): string {
  let keys = table.get(year);
  if (keys === undefined) {
    if (table.size >= MAX_KEYS) table.clear();
    table.set(year, (keys = new Map<string, string>()));
  }
  let key = keys.get(part);
  if (key === undefined) {
    if (keys.size >= MAX_KEYS) keys.clear();
    keys.set(part, (key = write()));
  }
  return key;
}

const byMemberAndScheme: Record<Scheme, KeyTable> = { BW: new Map(), MO: new Map() };
const byMember: KeyTable = new Map();
const byScheme: KeyTable = new Map();

/** `${year}:${code}:${scheme}`: a member's local expenditure and advances in a year and scheme. */
export function memberSchemeSlot(year: number, code: string, scheme: Scheme): string {
  return keyed(byMemberAndScheme[scheme], year, code, () => `${year}:${code}:${scheme}`);
}

/** `${year}:${code}`: a member's policy corrections in a year. */
export function memberSlot(year: number, code: string): string {
  return keyed(byMember, year, code, () => `${year}:${code}`);
}

/** `${year}:${scheme}`: the regional budget versions of a year and scheme. */
export function schemeSlot(year: number, scheme: Scheme): string {
  return keyed(byScheme, year, scheme, () => `${year}:${scheme}`);
}
