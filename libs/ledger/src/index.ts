export * from './ledger';
export * from './keyed-lock';
export * from './event-id';
export * from './to-domain-event';
export * from './command-file';
export * from './apply-command-file';
export * from './transfer';
export * from './integrity';
