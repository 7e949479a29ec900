import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { IncomingMessage } from 'node:http';
import { problem, ProblemException } from '../http/problem';
import { principalOf, setPrincipal } from '../http/request-context';
import { IS_PUBLIC } from './public.decorator';
import { Principal, TokenFileError, TokenStore } from '@libs/access';

/** The token of an `Authorization: Bearer …` header, if the request has one. */
export function bearerTokenOf(request: IncomingMessage): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
}

/** Every route needs a valid bearer token unless it is marked public; the principal rides on the request. */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenStore,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const token = bearerTokenOf(request);
    if (token === undefined)
      throw new ProblemException(
        problem(401, 'UNAUTHENTICATED', 'a bearer token is required (Authorization: Bearer gst_…)'),
      );
    const principal = this.verifiedOrUnavailable(token);
    if (!principal)
      throw new ProblemException(problem(401, 'UNAUTHENTICATED', 'the bearer token is not valid or has been revoked'));
    setPrincipal(request, principal);
    return true;
  }

  /** A token file that cannot be read refuses everyone (fail closed), as a 503 that says why. */
  private verifiedOrUnavailable(token: string): Principal | undefined {
    try {
      return this.tokens.verify(token);
    } catch (error) {
      if (!(error instanceof TokenFileError)) throw error;
      throw new ProblemException(
        problem(503, 'TOKENS_UNAVAILABLE', 'the token file cannot be read; no token can be checked until it is fixed'),
      );
    }
  }
}

export function requirePrincipal(request: Request): Principal {
  const principal = principalOf(request);
  if (!principal) throw new ProblemException(problem(401, 'UNAUTHENTICATED', 'a bearer token is required'));
  return principal;
}
