/** The application: the ledger, command files, integrity and transfer between stores (only what other packages use). */
export { applyCommandFile } from './apply-command-file';
export { CommandFileError, parseCommandFile, parseCommandLine } from './command-file';
export { newCommandId } from './event-id';
export { ChainCheck } from './integrity/chain-check';
export { GENESIS_HASH, HASH_PATTERN, eventHash } from './integrity/event-hash';
export { HistoryBrokenError, describeProblem } from './integrity/history-broken.error';
export { regionOfStream, verifyStore } from './integrity/verify-chain';
export { KeyedLock } from './keyed-lock';
export { Ledger } from './ledger';
export type { CommandContext, RegionView } from './ledger';
export { UnreadableEventError, toDomainEvent } from './to-domain-event';
export { TargetNotEmptyError, allEvents, appendInOrder, streamLengths } from './transfer/copy-events';
export { EventLineError, importableEvents, parseEventLines, toEventLine } from './transfer/event-lines';
export { verifyStores } from './transfer/verify-stores';
