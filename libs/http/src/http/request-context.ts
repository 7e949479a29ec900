import type { IncomingMessage } from 'node:http';
import { Principal } from '@libs/access';

type ContextualRequest = IncomingMessage & { principal?: Principal };

/** The request's id, given before anything else runs (request-logging.ts). */
export const requestIdOf = (request: IncomingMessage): string =>
  typeof request.id === 'string' ? request.id : 'unknown';

export const setRequestId = (request: IncomingMessage, requestId: string): void => {
  request.id = requestId;
};

/** The token's principal, once the bearer guard has checked the token. */
export const principalOf = (request: IncomingMessage): Principal | undefined =>
  (request as ContextualRequest).principal;

export const setPrincipal = (request: IncomingMessage, principal: Principal): void => {
  (request as ContextualRequest).principal = principal;
};
