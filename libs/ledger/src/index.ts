/** The application: the ledger, command files, integrity and transfer between stores (only what other packages use). */
export { applyCommandFile } from './apply-command-file';
export {
  CommandFileError,
  commandFileInputs,
  commandFileText,
  parseCommandFile,
  parseCommandLine,
} from './command-file';
export type { FilePlace } from './command-file';
export {
  applyCommands,
  BatchNotRecorded,
  checkCommands,
  CommandRejected,
  CommandsRefused,
  runCommands,
} from './apply-commands';
export type {
  AppliedCommand,
  CheckedCommand,
  CheckOptions,
  CommandInput,
  CommandIssue,
  RunOptions,
  RunReport,
} from './apply-commands';
export { newCommandId } from './event-id';
export { duplicateJsonKey } from './json-duplicate-key';
export { ChainCheck } from './integrity/chain-check';
export { GENESIS_HASH, HASH_PATTERN, eventHash } from './integrity/event-hash';
export { HistoryBrokenError, describeProblem } from './integrity/history-broken.error';
export { regionOfStream, verifyStore } from './integrity/verify-chain';
export type { ChainReport } from './integrity/verify-chain';
export { locateHash, verifyContains } from './integrity/chain-contains';
export type { ChainPoint, ContainsReport } from './integrity/chain-contains';
export { KeyedLock } from './keyed-lock';
export { Ledger } from './ledger';
export { currentReadModel } from './current-read-model';
export type { CurrentReadModel, YearReadModelKind } from './current-read-model';
export { READ_MODEL_KINDS, ReadModels } from './read-models';
export { recordedStatementTexts, replayJson } from './replay-json';
export type { WhatIfRevisions } from './replay-json';
export type { CatchUpReport } from './read-models';
export type { CommandContext, CommandOutcome, RecordedSummary, RegionView } from './ledger';
export { UnreadableEventError, toDomainEvent } from './to-domain-event';
export { TargetNotEmptyError, allEvents, appendInOrder, streamLengths } from './transfer/copy-events';
export { EventLineError, importableEvents, parseEventLines, toEventLine } from './transfer/event-lines';
export { verifyStores } from './transfer/verify-stores';
