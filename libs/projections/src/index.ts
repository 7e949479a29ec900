export * from './statement.types';
export * from './statement.projection';
