import { Principal, TokenStore } from '@libs/access';
import { RegionQueries, regionIdParameter, yearParameter, YearQuestion } from '@libs/queries';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { bearerTokenOf } from '../auth/bearer-auth.guard';
import { readableBy } from '../auth/region-access';
import { setPrincipal } from '../http/request-context';
import { sendStatement, statementKey } from './statement-answer';
import { RenderedStatement, StatementCache } from './statement-cache';

/** The one route shape answered here: a JSON statement, no query string, nothing encoded, no trailing slash. */
const STATEMENT_PATH = /^\/api\/v1\/regions\/([^/?%]+)\/statements\/([^/?%]+)$/;

export interface StatementFastPathOptions {
  readonly tokens: TokenStore;
  readonly queries: RegionQueries;
  /** the controller's own cache (one instance, provided by the app module) */
  readonly cache: StatementCache;
}

/**
 * The most asked question — the JSON statement of a region's year, again — answered before Nest's
 * router, guards, pipes and filter, which cost more than the answer itself. Only when everything is
 * ordinary: a GET of the route's shape with valid parameters, a bearer token the token store accepts
 * (the guard's parsing and store), a region and year the token may read and that have data (the
 * controller's own query and read rule), and the statement of the current history already kept in the
 * controller's cache. Any doubt — and every refusal, which Nest words — goes on to Nest untouched. The
 * answer is sent by the controller's own function, after the same middleware (request id, access line,
 * security and API-Version headers), so it is the same answer byte for byte.
 */
export function statementFastPath(options: StatementFastPathOptions): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET') {
      next();
      return;
    }
    const match = STATEMENT_PATH.exec(request.url);
    if (!match) {
      next();
      return;
    }
    keptAnswer(request, match[1], match[2], options)
      .then((answer) => {
        if (!answer) {
          next();
          return;
        }
        setPrincipal(request, answer.principal);
        sendStatement(request, response, answer.rendered);
      })
      .catch(next);
  };
}

/** The kept statement for this request, or undefined when anything is not ordinary. Never throws. */
async function keptAnswer(
  request: Request,
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
