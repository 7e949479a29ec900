export * from './event-hash';
export * from './chain-check';
export * from './verify-chain';
export * from './history-broken.error';
