import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { requestIdOf } from './request-context';

/** The request's id (as in X-Request-Id): the source and correlation id of what the request records. */
export const RequestId = createParamDecorator((_data: unknown, context: ExecutionContext): string =>
  requestIdOf(context.switchToHttp().getRequest<Request>()),
);
