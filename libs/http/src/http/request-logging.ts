import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { Logger } from 'pino';
import { Options } from 'pino-http';
import { principalOf } from './request-context';

/** An incoming X-Request-Id is kept when it is this sane; otherwise the service makes one. */
const SANE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** What the request line says of a request and its answer: never a header (Authorization holds the token) or a body. */
const serializers = {
  req: (request: { method: string; url: string }) => ({ method: request.method, path: request.url }),
  res: (response: { statusCode: number }) => ({ status: response.statusCode }),
};

/** pino-http attaches a made-up error with a stack trace to a 5xx line; the problem filter logs the real cause. */
function withoutMadeUpError(value: Record<string, unknown>): Record<string, unknown> {
  const { err: _ignored, ...line } = value;
  return line;
}

/**
 * pino-http's options for the service: every request gets an id (a sane incoming X-Request-Id is
 * kept) that comes back in X-Request-Id and is on every line logged while it runs (`requestId`), and
 * one line when it finishes: method, path, status, duration and the token's actor.
 */
export function requestLogging(logger: Logger): Options {
  return {
    logger,
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
    genReqId: (request, response) => {
      const incoming = request.headers['x-request-id'];
      const requestId = typeof incoming === 'string' && SANE_ID.test(incoming) ? incoming : randomUUID();
      response.setHeader('X-Request-Id', requestId);
      return requestId;
    },
    serializers,
    customProps: (request) => {
      const actor = principalOf(request as Request)?.actor;
      return actor === undefined ? {} : { actor };
    },
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request',
    customErrorObject: (_request, _response, _error, value: Record<string, unknown>) => withoutMadeUpError(value),
  };
}
