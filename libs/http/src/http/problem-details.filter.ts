import { ArgumentsHost, Catch, ExceptionFilter, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { toProblem } from './problem';
import { requestIdOf } from './request-context';

/** What logs a failed request: Nest's PinoLogger in the filter, the service's root pino logger in a fast path. */
interface ErrorLog {
  error(details: object, message: string): void;
}

/**
 * Sends an error as application/problem+json (RFC 9457) and logs a 5xx with its cause: the problem filter's
 * answer, and a fast path's, which answers before Nest with Express's own request and response.
 */
export function sendProblem(logger: ErrorLog, error: unknown, request: Request, response: Response): void {
  const problem = { ...toProblem(error), instance: request.originalUrl, requestId: requestIdOf(request) };
  if (problem.status >= 500) logger.error({ err: error, requestId: problem.requestId }, 'request failed');
  if (problem.status === 401) response.setHeader('WWW-Authenticate', 'Bearer realm="geldstroom"');
  response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

/** Every error leaves the service as application/problem+json (RFC 9457); a 5xx is logged with its cause. */
@Injectable()
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: PinoLogger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    sendProblem(this.logger, error, context.getRequest<Request>(), context.getResponse<Response>());
  }
}
