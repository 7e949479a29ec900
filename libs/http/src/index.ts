/** The HTTP application, as `serve` and the tests start it (only what other packages use). */
export { ConfigError, loadApiConfig } from './api.config';
export type { ApiConfig } from './api.config';
export { createApp } from './create-app';
export type { CreatedApp } from './create-app';
export { boundAddress } from './http/bound-address';
export { IdempotencyStore } from './idempotency/idempotency.store';
