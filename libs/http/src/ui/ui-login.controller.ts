import { Controller, Get, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/public.decorator';
import { TokenStore } from '@libs/access';
import { tokensReadable } from './auth/tokens-readable';
import { setPrincipal } from '../http/request-context';
import { cookieOf, SESSION_COOKIE, setSessionCookie } from './auth/cookies';
import { SessionStore } from './auth/session.store';
import { requireSameOrigin } from './auth/ui-auth.guard';
import { UiErrorFilter } from './ui-error.filter';
import { loginPage } from './views/login.view';

/** Only a path of this service: never an open redirect to another site. */
function safeReturn(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) && value.length <= 2000 ? value : '/';
}

/** Logging in with a token once; the browser keeps only a session id in an httpOnly, SameSite=Strict cookie. */
@ApiExcludeController()
@Public()
@UseFilters(UiErrorFilter)
@Controller('ui')
export class UiLoginController {
  constructor(
    private readonly tokens: TokenStore,
    private readonly sessions: SessionStore,
  ) {}

  @Get('login')
  login(@Res() response: Response, @Query() query: Record<string, string>) {
    response.type('text/html; charset=utf-8').send(loginPage(safeReturn(query.terug)).text);
  }

  @Post('login')
  submit(@Req() request: Request, @Res() response: Response) {
    requireSameOrigin(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const returnTo = safeReturn(body.terug);
    const token = typeof body.token === 'string' ? body.token.trim() : '';
    const principal = token ? tokensReadable(() => this.tokens.verify(token)) : undefined;
    if (!principal) {
      response
        .status(401)
        .type('text/html; charset=utf-8')
        .send(loginPage(returnTo, token ? 'Dit token is onbekend of ingetrokken.' : 'Plak eerst een token.').text);
      return;
    }
    setPrincipal(request, principal);
    this.sessions.end(cookieOf(request, SESSION_COOKIE));
    const session = this.sessions.create(principal.tokenId);
    setSessionCookie(request, response, session.id);
    response.redirect(303, returnTo);
  }

  @Post('logout')
  logout(@Req() request: Request, @Res() response: Response) {
    requireSameOrigin(request);
    this.sessions.end(cookieOf(request, SESSION_COOKIE));
    setSessionCookie(request, response, undefined);
    response.redirect(303, '/ui/login');
  }
}
