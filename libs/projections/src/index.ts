/** The read models (only what other packages use). */
export { KEY_OPTIONS, compareKeys } from './compare-keys.projection';
export type { KeyComparison, KeyOption } from './compare-keys.projection';
export { explainAccount } from './explain.projection';
export type { ExplainedPosting, Explanation, PostingBasis } from './explain.projection';
export type { LedgerEvent } from './recorded-events';
export { buildRegionOverview } from './region-overview.projection';
export type { RegionOverview, YearState } from './region-overview.projection';
export {
  REVISABLE_COMMANDS,
  replayedFromHistory,
  replayAsksContent,
  replayFromHistory,
  replayReportOf,
  replayWithRevisions,
} from './replay';
export type { HistorySource, Replayed, ReplayReport, ReplayRevisions, Revision } from './replay';
export { replayReportJson } from './replay-report-json';
export type { RecordedSide } from './replay-report-json';
export {
  historyEntries,
  historyPart,
  isMoneyRun,
  itemPart,
  outlineOf,
  readFor,
  selectInMemory,
} from './replay-history';
export type {
  HistoryEntry,
  HistoryItem,
  HistoryOutline,
  HistoryPart,
  MoneyRun,
  Reach,
  SelectedHistory,
} from './replay-history';
export { withMoneyRuns } from './replay-money-runs';
export type { ReserveMovementKind } from './reserve-movements';
export { buildBalances, buildStatement } from './statement.projection';
export type { Balances, ReserveLines, Statement } from './statement.types';
export { traceLeaves, tracePayment } from './trace.projection';
export type { Trace, TraceFlow } from './trace.projection';
export { pairwise } from './trace/pot-flows';
export { buildYearContext } from './year-context.projection';
export type { YearContext } from './year-context.projection';
