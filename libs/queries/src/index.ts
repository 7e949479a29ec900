export * from './query-parameters';
export * from './region-queries';
export * from './revisions';
