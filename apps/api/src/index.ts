export * from './api.config';
export * from './create-app';
export * from './auth/token-store';
export * from './idempotency/idempotency.store';
