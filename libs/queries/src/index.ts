/** The questions both edges answer and the rules of their parameters (only what other packages use). */
export {
  accountParameter,
  csvLocaleParameter,
  ledgerHashParameter,
  localeParameter,
  momentParameter,
  municipalityParameter,
  paymentIdParameter,
  refusalOf,
  regionIdParameter,
  schemeParameter,
  versionParameter,
  yearParameter,
  yearRangeParameter,
} from './query-parameters';
export type { YearRange } from './query-parameters';
export { RegionQueries, regionNotRegistered, yearHasData } from './region-queries';
export type { ReadCheck, YearQuestion } from './region-queries';
export { isRevision, revisionRefusal } from './revisions';
