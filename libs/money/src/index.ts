export * from './amount';
export * from './rational';
export * from './allocate';
