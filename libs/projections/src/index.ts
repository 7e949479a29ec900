export * from './statement.types';
export * from './statement.projection';
export * from './recorded-events';
export * from './explain.projection';
export * from './trace.projection';
export * from './replay';
export * from './compare-keys.projection';
export * from './region-overview.projection';
export { pairwise, Flow as PostingFlow } from './trace/pot-flows';
