import { HttpException } from '@nestjs/common';
import { CONFLICT_CODES, DomainError, InvariantViolation, RULE_CODES } from '@libs/domain';
import { ConcurrencyConflictError, EventStoreError } from '@libs/event-store';
import { HistoryBrokenError, UnreadableEventError } from '@libs/ledger';
import { KEY_GIVEN_TWICE, NOT_UTF8 } from './json-body';

/** One invalid parameter or body field (the NL API Design Rules' `invalidParams` extension). */
export interface InvalidParam {
  name: string;
  code: string;
  reason: string;
}

/**
 * An RFC 9457 problem document, with the domain's stable code and the field to blame where there is
 * one; `invalidParams` lists every invalid field of the request, the first of them being `field`.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  field?: string;
  index?: number;
  invalidParams?: InvalidParam[];
  requestId?: string;
  /** POST /commands: what the commands before the refused one recorded */
  recorded?: readonly unknown[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(
  status: number,
  code: string,
  detail: string,
  extra: { field?: string; index?: number; invalidParams?: InvalidParam[] } = {},
): Problem {
  return {
    type: `urn:geldstroom:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(extra.field !== undefined ? { field: extra.field } : {}),
    ...(extra.index !== undefined ? { index: extra.index } : {}),
    ...(extra.invalidParams?.length ? { invalidParams: extra.invalidParams } : {}),
  };
}

/** Thrown by controllers and guards for a problem they already know the status of. */
export class ProblemException extends HttpException {
  constructor(readonly problem: Problem) {
    super(problem, problem.status);
  }
}

export const notFound = (detail: string, field?: string) =>
  new ProblemException(problem(404, 'NOT_FOUND', detail, { field }));
export const forbidden = (detail: string) => new ProblemException(problem(403, 'FORBIDDEN', detail));
export const badRequest = (detail: string, field?: string, code = 'INVALID_FIELD') =>
  new ProblemException(problem(400, code, detail, { field }));

/** The status a domain error stands for at the HTTP edge. */
export function statusOfDomainError(error: DomainError): number {
  if (error.code === 'UNKNOWN_REGION' || error.code === 'NOT_FOUND') return 404;
  if (CONFLICT_CODES.has(error.code)) return 409;
  if (RULE_CODES.has(error.code)) return 422;
  return 400;
}

/** A DomainError's field problems as invalidParams (every issue a parser found, or the error itself). */
function invalidParamsOf(error: DomainError, prefix = ''): InvalidParam[] {
  return (error.issues.length > 0 ? error.issues : [error])
    .filter((issue) => issue.field !== undefined)
    .map((issue) => ({ name: `${prefix}${issue.field}`, code: issue.code, reason: issue.reason }));
}

/** A domain error as a problem; a 400 lists every invalid field (names prefixed, e.g. "[2]." for an array item). */
export function domainProblem(error: DomainError, paramPrefix = ''): Problem {
  const status = statusOfDomainError(error);
  // what is not found names itself ("region … has nothing recorded for 2031"): the detail is the reason, as on the CLI
  const detail = error.field && status !== 404 ? `${error.field}: ${error.reason}` : error.reason;
  return problem(status, error.code, detail, {
    field: error.field,
    invalidParams: status === 400 ? invalidParamsOf(error, paramPrefix) : undefined,
  });
}

/**
 * What the body reader (body-parser, raw-body, zlib) reports, by its error type: the client sent a
 * body that cannot be read. Its own messages are kept where they say something useful.
 */
function bodyReadProblem(error: {
  type?: string;
  status?: number;
  message?: string;
  limit?: number;
  key?: string;
}): Problem {
  switch (error.type) {
    case 'entity.too.large':
      return problem(
        413,
        'BODY_TOO_LARGE',
        `the request body is larger than the limit of ${error.limit ?? 'the service'} bytes`,
      );
    case 'entity.parse.failed':
      return problem(400, 'INVALID_JSON', `the request body is not valid JSON: ${error.message}`);
    case NOT_UTF8:
      return problem(400, 'INVALID_JSON', error.message ?? 'the request body is not valid UTF-8', { field: '(body)' });
    case KEY_GIVEN_TWICE:
      return problem(400, 'INVALID_JSON', `the request body is not valid: ${error.message}`, {
        field: error.key,
        invalidParams:
          error.key === undefined
            ? []
            : [{ name: error.key, code: 'INVALID_JSON', reason: 'given twice in one object' }],
      });
    case 'charset.unsupported':
      return problem(415, 'UNSUPPORTED_MEDIA_TYPE', `${error.message}; send application/json in UTF-8`);
    case 'encoding.unsupported':
      return problem(415, 'UNSUPPORTED_MEDIA_TYPE', `${error.message}; send the body as is, gzip, deflate or br`);
    case 'request.aborted':
    case 'request.size.invalid':
      return problem(400, 'INVALID_BODY', `the request body was not received whole: ${error.message}`);
    default:
      return problem(
        400,
        'INVALID_BODY',
        `the request body could not be read (is its Content-Encoding right?): ${error.message}`,
      );
  }
}

/** An error the body reader raised: it carries a client-error status (http-errors) but is no HttpException. */
function isBodyReadError(error: unknown): error is { type?: string; status: number; message?: string } {
  const status = (error as { status?: unknown })?.status;
  return (
    error instanceof Error &&
    !(error instanceof HttpException) &&
    typeof status === 'number' &&
    status >= 400 &&
    status < 500
  );
}

/** Any error as a problem document: domain and store errors by their codes, the rest as 500. */
export function toProblem(error: unknown): Problem {
  if (error instanceof ProblemException) return error.problem;
  if (error instanceof DomainError) return domainProblem(error);
  if (error instanceof ConcurrencyConflictError) return problem(409, error.code, error.message);
  if (error instanceof EventStoreError) {
    // the reason leaves out where the store lives: no file path or URL in an answer
    return problem(
      error.code === 'STORE_UNAVAILABLE' || error.code === 'STORE_TIMEOUT' ? 503 : 500,
      error.code,
      error.reason,
    );
  }
  if (error instanceof HistoryBrokenError) return problem(409, error.code, error.message);
  if (error instanceof UnreadableEventError) return problem(500, error.code, error.message);
  // a bug, not a refusal: 500 with the invariant in one line (the stack goes to the log only)
  if (error instanceof InvariantViolation)
    return problem(500, error.code, `internal error, nothing was recorded: ${error.message.replace(/\s*\n\s*/g, ' ')}`);
  if (isBodyReadError(error)) return bodyReadProblem(error);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse() as string | { message?: string | string[] };
    const message =
      typeof response === 'string'
        ? response
        : Array.isArray(response.message)
          ? response.message.join('; ')
          : (response.message ?? error.message);
    // Nest hands over the body parser's SyntaxError and Express's URIError (a path with a broken
    // %-escape) as a BadRequestException with their message; no code of ours throws one
    if (status === 400 && message.startsWith('Failed to decode param'))
      return problem(400, 'INVALID_PATH', `the path is not valid: ${message}`);
    if (status === 400) return problem(400, 'INVALID_JSON', `the request body is not valid JSON: ${message}`);
    const code = status === 404 ? 'NOT_FOUND' : status === 413 ? 'BODY_TOO_LARGE' : `HTTP_${status}`;
    return problem(status, code, message);
  }
  return problem(500, 'INTERNAL', 'an unexpected error occurred; it has been logged with the request id');
}
