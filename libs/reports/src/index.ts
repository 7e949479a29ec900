/** The renderers and the Dutch labels (only what other packages use). */
export { renderBalancesTable } from './balances.table';
export { CSV_LOCALES, CSV_MEDIA_TYPE } from './csv';
export type { CsvLocale } from './csv';
export { EVENT_LABELS, RULE_LABELS, eventLabel, fundLabel, keyLabel } from './event-labels';
export { derivationText, withDerivations } from './derivation/derivation';
export { INPUT_LABELS, inputLabelNl, inputValueNl } from './derivation/inputs.nl';
export type { InputField } from './derivation/inputs.nl';
export { renderExplanationText } from './explain.text';
export { renderHledgerJournal } from './hledger-journal';
export {
  JournalMappingError,
  defaultJournalMapping,
  parseJournalMapping,
  renderJournalCsv,
  renderJournalMapping,
} from './journal.csv';
export type { JournalMapping } from './journal.csv';
export {
  BW_LABELS,
  MO_LABELS,
  MUNICIPALITY_BW_LABELS,
  MUNICIPALITY_DUE_LABEL,
  MUNICIPALITY_MO_LABELS,
  RESERVE_LABELS,
} from './labels';
export { renderRegionsTable } from './regions.table';
export { renderKeyComparisonText, renderReplayText, revisionLabel } from './replay.text';
export { buildSettlementLetter } from './settlement-letter.model';
export { renderSettlementLetterPdf, renderSettlementLettersPdf } from './settlement-letter.pdf';
export { renderStatementCsv } from './statement.csv';
export { renderStatementTable, reserveStatementRows } from './statement.table';
export { renderStatementXlsx } from './statement.xlsx';
export { textTable } from './text-table';
export { LOCALES } from './locale';
export type { Locale } from './locale';
export { renderTraceText, viaText, withViaText } from './trace.text';
