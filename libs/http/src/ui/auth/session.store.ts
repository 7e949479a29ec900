import { randomBytes } from 'node:crypto';
import { makeRoom } from '../make-room';

export interface Session {
  readonly id: string;
  readonly tokenId: string;
  /** the per-session token a state-changing form carries (with SameSite=Strict: no forged posts) */
  readonly formToken: string;
  readonly createdAt: number;
  lastSeenAt: number;
}

export interface SessionLimits {
  /** a session unused this long ends */
  readonly idleMs: number;
  /** and every session ends this long after the login */
  readonly absoluteMs: number;
  /** the oldest sessions make room beyond this many */
  readonly max: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  idleMs: 8 * 60 * 60 * 1000,
  absoluteMs: 12 * 60 * 60 * 1000,
  max: 10_000,
};

/**
 * Server-side sessions of the web interface: the cookie holds only a random session id (256 bits);
 * the session references the token by its id, never the token itself, so the token is checked again
 * (revoked? still there?) on every request. Sessions live in memory: a restart logs everyone out.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly limits: SessionLimits = DEFAULT_SESSION_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  create(tokenId: string): Session {
    makeRoom(this.sessions, this.limits.max);
    const at = this.now();
    const session: Session = {
      id: randomBytes(32).toString('base64url'),
      tokenId,
      formToken: randomBytes(32).toString('base64url'),
      createdAt: at,
      lastSeenAt: at,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id, its last use updated; an expired one is removed. */
  find(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    const at = this.now();
    if (at - session.lastSeenAt > this.limits.idleMs || at - session.createdAt > this.limits.absoluteMs) {
      this.sessions.delete(id);
      return undefined;
    }
    session.lastSeenAt = at;
    // most recently used last, so that making room removes the least recently used
    this.sessions.delete(id);
    this.sessions.set(id, session);
    return session;
  }

  end(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }
}
