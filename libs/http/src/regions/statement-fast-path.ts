import { Principal, TokenStore } from '@libs/access';
import { RegionQueries, regionIdParameter, yearParameter, YearQuestion } from '@libs/queries';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { Logger } from 'pino';
import { bearerTokenOf } from '../auth/bearer-auth.guard';
import { readableBy } from '../auth/region-access';
import { logRequest } from '../http/request-logging';
import { setPrincipal } from '../http/request-context';
import { apiSecurityHeaders } from '../http/security-headers';
import { sendStatement, statementKey } from './statement-answer';
import { RenderedStatement, StatementCache } from './statement-cache';

/** The one route shape answered here: a JSON statement, no query string, nothing encoded, no trailing slash. */
const STATEMENT_PATH = /^\/api\/v1\/regions\/([^/?%]+)\/statements\/([^/?%]+)$/;

export interface StatementFastPathOptions {
  readonly tokens: TokenStore;
  readonly queries: RegionQueries;
  /** the controller's own cache (one instance, provided by the app module) */
  readonly cache: StatementCache;
  readonly logger: Logger;
}

/**
 * The most asked question — the JSON statement of a region's year, again — answered before Express and
 * Nest, whose routers, middleware, guards, pipes and filter cost several times the answer itself. Only
 * when everything is ordinary: a GET of the route's shape without a body, with valid parameters, a bearer
 * token the token store accepts (the guard's parsing and store), a region and year the token may read and
 * that have data (the controller's own query and read rule), and the statement of the current history
 * already kept in the controller's cache. Any doubt — and every refusal, which Nest words — goes to
 * `express` untouched. The answer is made by the same functions as the slow path's: the request id and
 * access line (request-logging.ts), the API's security and API-Version headers (security-headers.ts) and
 * the controller's send (statement-answer.ts), so it is the same answer byte for byte.
 */
export function statementFastPath(options: StatementFastPathOptions, express: RequestListener): RequestListener {
  return (request: IncomingMessage, response: ServerResponse) => {
    const started = Date.now();
    const match = ordinaryRequest(request) ? STATEMENT_PATH.exec(request.url ?? '') : null;
    if (!match) {
      express(request, response);
      return;
    }
    void keptAnswer(request, match[1], match[2], options).then((answer) => {
      // the connection may have closed while the ledger was read: Express then logs it as it would
      if (!answer || response.destroyed) {
        express(request, response);
        return;
      }
      logRequest(options.logger, request, response, request.url, started);
      setPrincipal(request, answer.principal);
      apiSecurityHeaders(request, response, () => sendStatement(request, response, answer.rendered));
    });
  };
}

/** A GET without a body: the body and media-type checks of the slow path have nothing to check. */
const ordinaryRequest = ({ method, headers }: IncomingMessage): boolean =>
  method === 'GET' &&
  headers['content-type'] === undefined &&
  headers['transfer-encoding'] === undefined &&
  (headers['content-length'] === undefined || headers['content-length'] === '0');

/** The kept statement for this request, or undefined when anything is not ordinary. Never throws. */
async function keptAnswer(
  request: IncomingMessage,
  regionId: string,
  year: string,
  { tokens, queries, cache }: StatementFastPathOptions,
): Promise<{ readonly principal: Principal; readonly rendered: RenderedStatement } | undefined> {
  try {
    const token = bearerTokenOf(request);
    const principal = token === undefined ? undefined : tokens.verify(token);
    if (!principal) return undefined;
    const question: YearQuestion = {
      regionId: regionIdParameter(regionId, 'regionId'),
      year: yearParameter(year, 'year'),
    };
    const view = await queries.yearView(question, readableBy(principal));
    const rendered = cache.peek(statementKey(question, 'json', view));
    return rendered && { principal, rendered };
  } catch {
    return undefined;
  }
}
