import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { problem, ProblemException } from '../../http/problem';
import { setPrincipal } from '../../http/request-context';
import { Principal, TokenStore } from '@libs/access';
import { tokensReadable } from './tokens-readable';
import { cookieOf, SESSION_COOKIE } from './cookies';
import { Session, SessionStore } from './session.store';

/** A page asked for without a session or token: the error filter answers with a 303 to the login. */
export class LoginRequired extends Error {
  constructor(readonly returnTo: string) {
    super('login required');
  }
}

/** How the principal of a page request was established. */
export type PageCredential = 'session' | 'bearer';
const CREDENTIAL = Symbol('geldstroom:page-credential');

export const credentialOf = (request: Request): PageCredential | undefined =>
  (request as Request & { [CREDENTIAL]?: PageCredential })[CREDENTIAL];

const SESSION = Symbol('geldstroom:page-session');

/** The session of a page request that came with the session cookie. */
export const sessionOf = (request: Request): Session | undefined =>
  (request as Request & { [SESSION]?: Session })[SESSION];

/**
 * The pages use the API's tokens and roles: a session cookie from the login, or the API's
 * `Authorization: Bearer` header (for scripts and tests). Without either a page redirects to the
 * login; an invalid bearer token is a 401. A POST that rides on the session cookie must come from a
 * page of this service (Origin, or Referer when a browser sends no Origin): with SameSite=Strict this
 * closes cross-site request forgery.
 */
@Injectable()
export class UiAuthGuard implements CanActivate {
  constructor(
    private readonly tokens: TokenStore,
    private readonly sessions: SessionStore,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.header('authorization') ?? '');
    if (bearer) {
      const principal = tokensReadable(() => this.tokens.verify(bearer[1]));
      if (!principal)
        throw new ProblemException(problem(401, 'UNAUTHENTICATED', 'het token is onbekend of ingetrokken'));
      this.admit(request, principal, 'bearer');
      return true;
    }
    const session = this.sessions.find(cookieOf(request, SESSION_COOKIE));
    const principal = session ? tokensReadable(() => this.principalOf(session.tokenId)) : undefined;
    if (!session || !principal) {
      if (session) this.sessions.end(session.id);
      throw new LoginRequired(request.method === 'GET' ? request.originalUrl : '/');
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') requireSameOrigin(request);
    this.admit(request, principal, 'session');
    (request as Request & { [SESSION]?: Session })[SESSION] = session;
    return true;
  }

  /** The token behind a session, as the token file says now (revoked: gone). */
  principalOf(tokenId: string): Principal | undefined {
    const found = this.tokens.list().find((token) => token.tokenId === tokenId && !token.revokedAt);
    if (!found) return undefined;
    const { createdAt: _created, revokedAt: _revoked, ...principal } = found;
    return principal;
  }

  private admit(request: Request, principal: Principal, credential: PageCredential): void {
    setPrincipal(request, principal);
    (request as Request & { [CREDENTIAL]?: PageCredential })[CREDENTIAL] = credential;
  }
}

/** The origin the browser sees this service at. */
export function ownOrigin(request: Request): string {
  const forwarded = request.header('x-forwarded-proto')?.split(',')[0]?.trim();
  return `${forwarded || request.protocol}://${request.header('host')}`;
}

/** A state-changing request from a page of this service, or a 403. */
export function requireSameOrigin(request: Request): void {
  const origin = request.header('origin');
  const referer = request.header('referer');
  let from: string | undefined = origin && origin !== 'null' ? origin : undefined;
  if (!from && referer) {
    try {
      from = new URL(referer).origin;
    } catch {
      from = undefined;
    }
  }
  if (from !== ownOrigin(request))
    throw new ProblemException(
      problem(
        403,
        'CROSS_ORIGIN',
        'dit formulier kwam niet van een pagina van Geldstroom (Origin ontbreekt of wijkt af); open de pagina opnieuw en probeer het nog eens',
      ),
    );
}

/**
 * A form that changes the ledger carries its session's form token (hidden field `formulier`): with the
 * SameSite=Strict cookie and the Origin check, another site cannot make a browser post it. A request
 * with a Bearer header carries no cookie a browser would add by itself and needs none.
 */
export function requireFormToken(request: Request, sent: unknown): void {
  if (credentialOf(request) === 'bearer') return;
  const expected = sessionOf(request)?.formToken;
  const given = typeof sent === 'string' ? Buffer.from(sent) : Buffer.alloc(0);
  if (given.length !== expected?.length || !timingSafeEqual(given, Buffer.from(expected)))
    throw new ProblemException(
      problem(
        403,
        'FORM_TOKEN',
        'dit formulier hoort niet bij uw sessie (verlopen, of van een andere pagina); open de pagina opnieuw en probeer het nog eens',
      ),
    );
}
