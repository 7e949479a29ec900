import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger } from 'pino';
import { principalOf, setRequestId } from './request-context';

/** An incoming X-Request-Id is kept when it is this sane; otherwise the service makes one. */
const SANE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Every request gets an id (a sane incoming X-Request-Id is kept) that comes back in X-Request-Id, and
 * one line when it finishes (or its connection closes first): the id, method, path, the token's actor,
 * status and duration — never a header (Authorization holds the token) or a body. The first Express
 * middleware, so that a request refused before Nest routes it (a 415, a body too large) is logged too.
 *
 * One object per request and no child logger, no per-request context: a line logged while a request
 * runs names it itself (`requestId`, as the problem filter does). The logger writes asynchronously
 * (see ServiceModule), so a line costs no system call of its own.
 */
export function requestLogging(logger: Logger): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    logRequest(logger, request, response, request.originalUrl, Date.now());
    next();
  };
}

/**
 * Gives the request its id and logs its line when it finishes: the middleware above, and the statement
 * fast path, which answers before Express (`path` is then the raw URL, which Express calls originalUrl).
 */
export function logRequest(
  logger: Logger,
  request: IncomingMessage,
  response: ServerResponse,
  path: string | undefined,
  started: number,
): void {
  const incoming = request.headers['x-request-id'];
  const requestId = typeof incoming === 'string' && SANE_ID.test(incoming) ? incoming : randomUUID();
  setRequestId(request, requestId);
  response.setHeader('X-Request-Id', requestId);
  const finished = () => {
    response.removeListener('finish', finished);
    response.removeListener('close', finished);
    const actor = principalOf(request)?.actor;
    logger.info(
      {
        requestId,
        req: { method: request.method, path },
        ...(actor === undefined ? {} : { actor }),
        res: { status: response.statusCode },
        durationMs: Date.now() - started,
      },
      'request',
    );
  };
  response.on('finish', finished);
  response.on('close', finished);
}
