import { HttpException } from '@nestjs/common';
import { CONFLICT_CODES, DomainError, RULE_CODES } from '@libs/domain';
import { ConcurrencyConflictError, EventStoreError } from '@libs/event-store';

/** An RFC 9457 problem document, with the domain's stable code and the field to blame where there is one. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  field?: string;
  index?: number;
  requestId?: string;
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
  extra: { field?: string; index?: number } = {},
): Problem {
  return {
    type: `urn:geldstroom:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(extra.field !== undefined ? { field: extra.field } : {}),
    ...(extra.index !== undefined ? { index: extra.index } : {}),
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

/** Any error as a problem document: domain and store errors by their codes, the rest as 500. */
export function toProblem(error: unknown): Problem {
  if (error instanceof ProblemException) return error.problem;
  if (error instanceof DomainError) {
    const reason = error.field ? error.message.slice(error.field.length + 2) : error.message;
    return problem(statusOfDomainError(error), error.code, error.field ? `${error.field}: ${reason}` : reason, {
      field: error.field,
    });
  }
  if (error instanceof ConcurrencyConflictError) return problem(409, error.code, error.message);
  if (error instanceof EventStoreError) {
    return problem(
      error.code === 'STORE_UNAVAILABLE' || error.code === 'STORE_TIMEOUT' ? 503 : 500,
      error.code,
      error.message,
    );
  }
  const bodyError = error as { type?: string; status?: number; message?: string };
  if (bodyError?.type === 'entity.too.large')
    return problem(413, 'BODY_TOO_LARGE', 'the request body is larger than the limit of 1 MB');
  if (bodyError?.type === 'entity.parse.failed')
    return problem(400, 'INVALID_JSON', `the request body is not valid JSON: ${bodyError.message}`);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse() as string | { message?: string | string[] };
    const message =
      typeof response === 'string'
        ? response
        : Array.isArray(response.message)
          ? response.message.join('; ')
          : (response.message ?? error.message);
    const invalidJson = status === 400 && /JSON/.test(message);
    if (invalidJson) return problem(400, 'INVALID_JSON', `the request body is not valid JSON: ${message}`);
    const code =
      status === 404
        ? 'NOT_FOUND'
        : status === 413
          ? 'BODY_TOO_LARGE'
          : status === 400
            ? 'INVALID_FIELD'
            : `HTTP_${status}`;
    const field = Array.isArray((response as { message?: unknown }).message) ? /^(\S+)/.exec(message)?.[1] : undefined;
    return problem(status, code, message, { field });
  }
  return problem(500, 'INTERNAL', 'an unexpected error occurred; it has been logged with the request id');
}
