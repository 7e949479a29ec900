export * from './event-lines';
export * from './copy-events';
export * from './verify-stores';
