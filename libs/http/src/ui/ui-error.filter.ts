import { ArgumentsHost, Catch, ExceptionFilter, Inject } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Logger } from 'pino';
import { APP_LOGGER } from '../http/app-logger';
import { toProblem } from '../http/problem';
import { principalOf, requestIdOf } from '../http/request-context';
import { LoginRequired } from './auth/ui-auth.guard';
import { path } from './html';
import { errorPage } from './views/error.view';

/**
 * Errors on pages are pages: Dutch, with the reason and the request id, never a stack trace. A page
 * without a session redirects to the login (303), which brings the user back afterwards.
 */
@Catch()
export class UiErrorFilter implements ExceptionFilter {
  constructor(@Inject(APP_LOGGER) private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request>();
    const response = context.getResponse<Response>();
    if (response.headersSent) {
      if (!response.writableEnded) response.end();
      return;
    }
    if (error instanceof LoginRequired) {
      response.redirect(303, path(['ui', 'login'], { terug: error.returnTo === '/' ? undefined : error.returnTo }));
      return;
    }
    const problem = toProblem(error);
    const requestId = requestIdOf(request);
    if (problem.status >= 500) this.logger.error({ err: error, requestId }, 'page failed');
    response
      .status(problem.status)
      .type('text/html; charset=utf-8')
      .send(errorPage(problem.status, problem.detail, requestId, principalOf(request)).text);
  }
}
