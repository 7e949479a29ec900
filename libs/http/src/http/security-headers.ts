import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_VERSION } from './api-version';

/** API answers load nothing and may be framed by nothing. */
const apiHeaders = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  frameguard: { action: 'deny' },
});

/** Swagger UI (/docs) needs its own scripts, styles and inline images; nothing from elsewhere, no framing. */
const documentationHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: true,
    directives: {
      frameAncestors: ["'none'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      upgradeInsecureRequests: null,
    },
  },
  frameguard: { action: 'deny' },
});

/**
 * The web interface (/ and /ui/…) loads its own stylesheet, script and charts (inline SVG) from this
 * service only, opens its live event stream here, posts its forms here, and may be framed by nothing.
 * Its forms need the Origin header, which browsers send only with a referrer policy other than no-referrer.
 */
const pageHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'same-origin' },
});

const isPage = (path: string) => path === '/' || path === '/ui' || path.startsWith('/ui/');

/**
 * Headers on every answer, errors included: helmet's (nosniff, CSP with frame-ancestors 'none',
 * X-Frame-Options DENY, no referrer, HSTS …), `Cache-Control: no-store` (answers hold ledger data and
 * must not linger in shared or browser caches) and `API-Version`.
 */
export function securityHeaders(): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const headers =
      request.path === '/docs' || request.path.startsWith('/docs/')
        ? documentationHeaders
        : isPage(request.path)
          ? pageHeaders
          : apiHeaders;
    withHeaders(headers, request, response, next);
  };
}

/** The headers of an API answer (not a page, not the documentation), for the statement fast path. */
export function apiSecurityHeaders(
  request: IncomingMessage,
  response: ServerResponse,
  next: (error?: unknown) => void,
): void {
  withHeaders(apiHeaders, request, response, next);
}

function withHeaders(
  headers: typeof apiHeaders,
  request: IncomingMessage,
  response: ServerResponse,
  next: (error?: unknown) => void,
): void {
  response.setHeader('API-Version', API_VERSION);
  response.setHeader('Cache-Control', 'no-store');
  headers(request, response, next);
}
