import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal as TokenPrincipal } from '@libs/access';
import { requirePrincipal } from './bearer-auth.guard';

/** Who the request's bearer token speaks for. */
export type Principal = TokenPrincipal;

/**
 * The authenticated token of the request, as the bearer guard found it. A route that is not public
 * always has one (the guard refused the request otherwise); a 401 here means a route was marked
 * public by mistake.
 */
export const Principal = createParamDecorator((_data: unknown, context: ExecutionContext): TokenPrincipal =>
  requirePrincipal(context.switchToHttp().getRequest<Request>()),
);
