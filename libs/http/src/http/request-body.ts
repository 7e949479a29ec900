import type { NextFunction, Request, Response } from 'express';
import { problem, ProblemException } from './problem';

/** Far deeper than any command (a region's member list is 3 levels) and shallow enough for every recursive reader. */
export const MAX_JSON_DEPTH = 32;

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** The route that takes a file upload (multipart/form-data, read by multer in its controller). */
const UPLOAD_ROUTE = /^\/api\/v1\/regions\/[^/]+\/imports$/;

/** The nesting depth of a parsed JSON value, measured without recursion (a deep body must not overflow the stack here). */
export function jsonDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [current, depth] = next;
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * Before the JSON body parser: JSON is UTF-8 (RFC 8259 §8.1). The parser would also decode UTF-16,
 * UTF-7 and the like; any charset but UTF-8 is refused instead (415).
 */
export function requireUtf8() {
  return (request: Request, _response: Response, next: NextFunction) => {
    const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(request.header('content-type') ?? '')?.[1];
    if (charset !== undefined && charset.toLowerCase() !== 'utf-8') {
      next(
        new ProblemException(
          problem(415, 'UNSUPPORTED_MEDIA_TYPE', `unsupported charset "${charset}"; send application/json in UTF-8`, {
            field: 'Content-Type',
          }),
        ),
      );
      return;
    }
    next();
  };
}

/**
 * After the JSON body parser: a request that sends a body must send JSON (415 otherwise), and no
 * body may nest deeper than MAX_JSON_DEPTH (400) — JSON.parse manages depths that later recursive
 * readers (hashing, validation, logging) would overflow on.
 */
export function requireJsonBody() {
  return (request: Request, _response: Response, next: NextFunction) => {
    const upload = UPLOAD_ROUTE.test(request.path) && request.is('multipart/form-data');
    if (WITH_BODY.has(request.method) && !upload && !request.is(['application/json', 'application/*+json'])) {
      next(
        new ProblemException(
          problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json (UTF-8)', {
            field: 'Content-Type',
          }),
        ),
      );
      return;
    }
    if (request.body !== undefined && jsonDepth(request.body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      next(
        new ProblemException(
          problem(400, 'BODY_TOO_DEEP', `the request body nests deeper than ${MAX_JSON_DEPTH} levels`, {
            field: '(body)',
          }),
        ),
      );
      return;
    }
    next();
  };
}
