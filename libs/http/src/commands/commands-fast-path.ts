import { Principal, TokenStore } from '@libs/access';
import type { Express, Request, Response } from 'express';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { Logger } from 'pino';
import { bearerTokenOf } from '../auth/bearer-auth.guard';
import { JsonBodies } from '../http/json-body';
import { sendProblem } from '../http/problem-details.filter';
import { jsonDepth, MAX_JSON_DEPTH } from '../http/request-body';
import { requestIdOf, setPrincipal } from '../http/request-context';
import { logRequest } from '../http/request-logging';
import { apiSecurityHeaders } from '../http/security-headers';
import { recordCommands, RecordingServices } from './record-commands';

const COMMANDS_PATH = '/api/v1/commands';

/** The media types taken here: JSON in UTF-8, as Express's charset check, body parser and JSON-only check all pass it. */
const PLAIN_JSON = new Set(['application/json', 'application/json; charset=utf-8']);

export interface CommandsFastPathOptions {
  readonly tokens: TokenStore;
  readonly services: RecordingServices;
  /** the service's JSON body parser, the one Express runs (json-body.ts) */
  readonly bodies: JsonBodies;
  /** the Express application, whose request and response the answer is made with */
  readonly express: Express;
  readonly logger: Logger;
}

/**
 * POST /api/v1/commands answered before Express's router and Nest's guards, pipes and handler wrappers,
 * which cost more than recording a small fact. Only when everything is ordinary: a POST of the exact path
 * with a JSON body of a known length sent as is, read by the service's own body parser, nested no deeper
 * than the limit, with a bearer token the token store accepts. Anything else goes to `express` — before
 * the body is read untouched, after it with the body (or the parser's error) where Express's parser would
 * have left it (json-body.ts), so Express answers it as it would have.
 *
 * A request taken is answered by the controller's own code (record-commands.ts: the same checks of the
 * body and the token's role and region, the same idempotency handling and group-committed write) with
 * Express's own request and response (so the same bytes and headers), after the same request id and
 * access line (request-logging.ts) and the API's security headers (security-headers.ts); a refusal is sent
 * by the problem filter's own function (problem-details.filter.ts).
 */
export function commandsFastPath(options: CommandsFastPathOptions, next: RequestListener): RequestListener {
  return (request: IncomingMessage, response: ServerResponse) => {
    if (!ordinaryPost(request)) {
      next(request, response);
      return;
    }
    const started = Date.now();
    void options.bodies
      .read(request, response)
      .then((read) => {
        // the token is checked after the body is read, as Nest's guard does
        const principal = read ? verified(request, options.tokens) : undefined;
        if (!principal || response.destroyed || jsonDepth(bodyOf(request), MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
          next(request, response);
          return;
        }
        answer(options, request, response, principal, started);
      })
      // a fault of this code must not end the service: the request is dropped, as a crashed connection, and logged
      .catch((error: unknown) => {
        options.logger.error({ err: error }, 'the commands fast path failed; the connection was closed');
        response.destroy();
      });
  };
}

/** A POST of the commands path (no query string) with a JSON body of a known length, no encoding, and a bearer token. */
function ordinaryPost(request: IncomingMessage): boolean {
  const { method, url, headers } = request;
  const type = headers['content-type'];
  return (
    method === 'POST' &&
    url === COMMANDS_PATH &&
    type !== undefined &&
    PLAIN_JSON.has(type.toLowerCase()) &&
    headers['content-length'] !== undefined &&
    headers['transfer-encoding'] === undefined &&
    headers['content-encoding'] === undefined &&
    bearerTokenOf(request) !== undefined
  );
}

/** The principal of the request's bearer token; undefined when the store refuses it or cannot be read (Nest says why). */
function verified(request: IncomingMessage, tokens: TokenStore): Principal | undefined {
  const token = bearerTokenOf(request);
  try {
    return token === undefined ? undefined : tokens.verify(token);
  } catch {
    return undefined;
  }
}

const bodyOf = (request: IncomingMessage): unknown => (request as IncomingMessage & { body?: unknown }).body;

/** The answer, as Express and Nest would have made it from here on. */
function answer(
  { services, express, logger }: CommandsFastPathOptions,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  principal: Principal,
  started: number,
): void {
  const { request, response } = asExpress(express, incoming, outgoing);
  logRequest(logger, request, response, request.originalUrl, started);
  setPrincipal(request, principal);
  apiSecurityHeaders(request, response, () => {
    recordCommands(services, { principal, requestId: requestIdOf(request), request, response, body: request.body })
      // as Nest replies with a handler's object
      .then((body) => response.json(body))
      .catch((error: unknown) => sendProblem(logger, error, request, response));
  });
}

/** The request and response as Express's application and router make them before the first middleware. */
function asExpress(
  app: Express,
  request: IncomingMessage,
  response: ServerResponse,
): { request: Request; response: Response } {
  const req = request as Request;
  const res = response as Response;
  req.res = res;
  res.req = req;
  Object.setPrototypeOf(req, app.request);
  Object.setPrototypeOf(res, app.response);
  res.locals ??= Object.create(null) as Response['locals'];
  req.baseUrl = '';
  req.originalUrl = req.url;
  return { request: req, response: res };
}
