import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { Logger } from 'pino';
import { Principal } from '@libs/access';

const SANE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

type ContextualRequest = Request & { requestId?: string; principal?: Principal };

export const requestIdOf = (request: Request): string => (request as ContextualRequest).requestId ?? 'unknown';
export const principalOf = (request: Request): Principal | undefined => (request as ContextualRequest).principal;
export const setPrincipal = (request: Request, principal: Principal) => {
  (request as ContextualRequest).principal = principal;
};

/**
 * Gives every request an id (a sane incoming X-Request-Id is kept), returns it in the response, and
 * logs one structured line per request when it finishes.
 */
export function requestContext(logger: Logger) {
  return (request: Request, response: Response, next: NextFunction) => {
    const incoming = request.header('x-request-id');
    const requestId = incoming && SANE_ID.test(incoming) ? incoming : randomUUID();
    (request as ContextualRequest).requestId = requestId;
    response.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      logger.info(
        {
          requestId,
          method: request.method,
          path: request.originalUrl,
          status: response.statusCode,
          durationMs: Number(process.hrtime.bigint() - started) / 1e6,
          actor: principalOf(request)?.actor,
        },
        'request',
      );
    });
    next();
  };
}
