export * from './token-store';
export * from './permissions';
