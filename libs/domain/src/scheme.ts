/** The two schemes: BW (beschermd wonen, sheltered housing) and MO (maatschappelijke opvang, shelter). */
export const SCHEMES = ['BW', 'MO'] as const;
export type Scheme = (typeof SCHEMES)[number];

/** How a scheme appears in account names. */
export function schemeSlug(scheme: Scheme): 'bw' | 'mo' {
  return scheme === 'BW' ? 'bw' : 'mo';
}
