import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const ROLES = ['admin', 'recorder', 'controller', 'municipality'] as const;
export type Role = (typeof ROLES)[number];

/** Who a valid token speaks for. */
export interface Principal {
  readonly tokenId: string;
  readonly actor: string;
  readonly role: Role;
  readonly municipality?: string;
  readonly region?: string;
}

interface StoredToken extends Principal {
  readonly hash: string;
  readonly createdAt: string;
  readonly revokedAt?: string;
}

const hash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * Bearer tokens, kept only as SHA-256 hashes in a JSON file: the token itself is shown once, when it
 * is created, and cannot be recovered from the file.
 */
export class TokenStore {
  private tokens: StoredToken[] = [];
  private loadedAt = 0;

  constructor(readonly file: string) {
    this.reload();
  }

  private reload(): void {
    if (!existsSync(this.file)) {
      this.tokens = [];
      return;
    }
    const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as { tokens?: StoredToken[] };
    if (!Array.isArray(parsed.tokens))
      throw new Error(`${this.file} is not a Geldstroom token file (no "tokens" list)`);
    this.tokens = parsed.tokens;
    this.loadedAt = Date.now();
  }

  private save(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ tokens: this.tokens }, null, 2), { mode: 0o600 });
    renameSync(temporary, this.file);
  }

  isEmpty(): boolean {
    return this.tokens.filter((token) => !token.revokedAt).length === 0;
  }

  create(principal: Omit<Principal, 'tokenId'>): { token: string; principal: Principal } {
    if (!ROLES.includes(principal.role)) throw new Error(`role must be one of ${ROLES.join(', ')}`);
    if (principal.role === 'municipality' && !principal.municipality)
      throw new Error('a municipality token needs --municipality GM…');
    if (principal.municipality && !/^GM\d{4}$/.test(principal.municipality))
      throw new Error(`--municipality must be a code such as GM0546, got "${principal.municipality}"`);
    if (!principal.actor.trim()) throw new Error('--actor must not be empty');
    const token = `gst_${randomBytes(32).toString('base64url')}`;
    const stored: StoredToken = {
      ...principal,
      tokenId: randomUUID(),
      hash: hash(token),
      createdAt: new Date().toISOString(),
    };
    this.tokens.push(stored);
    this.save();
    return { token, principal: withoutSecret(stored) };
  }

  list(): (Principal & { createdAt: string; revokedAt?: string })[] {
    return this.tokens.map((token) => ({
      ...withoutSecret(token),
      createdAt: token.createdAt,
      ...(token.revokedAt ? { revokedAt: token.revokedAt } : {}),
    }));
  }

  revoke(tokenId: string): boolean {
    const index = this.tokens.findIndex((token) => token.tokenId === tokenId && !token.revokedAt);
    if (index < 0) return false;
    this.tokens[index] = { ...this.tokens[index], revokedAt: new Date().toISOString() };
    this.save();
    return true;
  }

  /** The principal of a presented token, or undefined; re-reads the file at most every few seconds. */
  verify(token: string): Principal | undefined {
    if (Date.now() - this.loadedAt > 5000) this.reload();
    const digest = hash(token);
    const found = this.tokens.find((candidate) => candidate.hash === digest && !candidate.revokedAt);
    return found ? withoutSecret(found) : undefined;
  }
}

function withoutSecret(token: StoredToken): Principal {
  return {
    tokenId: token.tokenId,
    actor: token.actor,
    role: token.role,
    ...(token.municipality ? { municipality: token.municipality } : {}),
    ...(token.region ? { region: token.region } : {}),
  };
}
