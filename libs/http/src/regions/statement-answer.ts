import type { RegionView } from '@libs/ledger';
import type { YearQuestion } from '@libs/queries';
import fresh from 'fresh';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RenderedStatement, StatementKey } from './statement-cache';

export const JSON_MEDIA_TYPE = 'application/json; charset=utf-8';

/** What names a statement's rendering in `form` for a view of the region (the controller and the fast path alike). */
export const statementKey = (question: YearQuestion, form: string, view: RegionView): StatementKey => ({
  regionId: question.regionId,
  year: question.year,
  asOf: question.asOf,
  form,
  ledgerHash: view.ledgerHash ?? '',
});

/**
 * Sends a rendered statement: a 304 when If-None-Match names it, else its bytes (none to HEAD). `download`
 * is the file name a CSV is saved under.
 */
export function sendStatement(
  request: IncomingMessage,
  response: ServerResponse,
  rendered: RenderedStatement,
  download?: string,
): void {
  // the answer holds ledger data: kept by the asker only, and checked with the ETag before each use
  response.setHeader('Cache-Control', 'private, no-cache');
  response.setHeader('ETag', rendered.etag);
  if (download) response.setHeader('Content-Disposition', `attachment; filename="${download}"`);
  // as Express decides it (req.fresh), with Node's own response: the fast path answers before Express
  if (fresh(request.headers, { etag: rendered.etag })) {
    response.statusCode = 304;
    response.end();
    return;
  }
  response.setHeader('Content-Type', rendered.type);
  response.setHeader('Content-Length', rendered.body.length);
  response.end(request.method === 'HEAD' ? undefined : rendered.body);
}
