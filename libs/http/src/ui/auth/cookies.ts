import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'geldstroom_sessie';

export function cookieOf(request: Request, name: string): string | undefined {
  for (const part of (request.header('cookie') ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}

/** Served over https directly, or by a proxy that says so: then the cookie travels over https only. */
export function isHttps(request: Request): boolean {
  const forwarded = request.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return request.secure || forwarded === 'https';
}

/** httpOnly (no script reads it), SameSite=Strict (no other site sends it), Secure over https, path /. */
export function setSessionCookie(request: Request, response: Response, sessionId: string | undefined): void {
  const attributes = ['Path=/', 'HttpOnly', 'SameSite=Strict', ...(isHttps(request) ? ['Secure'] : [])];
  const value = sessionId === undefined ? `${SESSION_COOKIE}=; Max-Age=0` : `${SESSION_COOKIE}=${sessionId}`;
  response.append('Set-Cookie', [value, ...attributes].join('; '));
}
