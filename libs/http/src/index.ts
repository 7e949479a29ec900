export * from './api.config';
export * from './create-app';
export * from './idempotency/idempotency.store';
export * from './http/bound-address';
