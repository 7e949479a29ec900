/** Injection token of the service's settings (ApiConfig), read and checked once at start-up. */
export const API_CONFIG = Symbol('API_CONFIG');

/**
 * Injection token of the event store the service runs over. The caller opens it (serve waits for it
 * and seeds it before the service listens); the service closes it when it shuts down.
 */
export const EVENT_STORE = Symbol('EVENT_STORE');
