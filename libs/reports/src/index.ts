export * from './text-table';
export * from './labels';
export * from './statement.table';
export * from './statement.csv';
export * from './balances.table';
