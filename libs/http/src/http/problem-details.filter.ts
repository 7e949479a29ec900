import { ArgumentsHost, Catch, ExceptionFilter, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { toProblem } from './problem';
import { requestIdOf } from './request-context';

/** Every error leaves the service as application/problem+json (RFC 9457); a 5xx is logged with its cause. */
@Injectable()
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: PinoLogger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request>();
    const response = context.getResponse<Response>();
    const problem = { ...toProblem(error), instance: request.originalUrl, requestId: requestIdOf(request) };
    if (problem.status >= 500) this.logger.error({ err: error, requestId: problem.requestId }, 'request failed');
    if (problem.status === 401) response.setHeader('WWW-Authenticate', 'Bearer realm="geldstroom"');
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }
}
