/** Injection token of the service's pino logger, for the few providers that log outside a request. */
export const APP_LOGGER = Symbol('APP_LOGGER');
