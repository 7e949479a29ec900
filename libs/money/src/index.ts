export * from './amount';
export * from './rational';
export * from './allocate';
export * from './nl-format';
