import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DomainError, municipalityCode } from '@libs/domain';

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

/** The token file cannot be read: no token can be checked, so every request is refused until it is fixed. */
export class TokenFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenFileError';
  }
}

const hash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * Bearer tokens, kept only as SHA-256 hashes in a JSON file: the token itself is shown once, when it
 * is created, and cannot be recovered from the file. The file is the truth: a token revoked by another
 * process (`geldstroom token revoke` next to a running service) stops working with the next request,
 * because every check first looks whether the file changed (one stat call) and reads it again if so.
 */
export class TokenStore {
  private tokens: StoredToken[] = [];
  private stamp: string | undefined;

  constructor(readonly file: string) {
    this.refresh();
  }

  /** Reads the file again when its identity, size or times differ from the last read (a rename gives a new inode). */
  private refresh(): void {
    let stamp: string;
    try {
      const stat = statSync(this.file, { bigint: true });
      stamp = `${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        throw new TokenFileError(`${this.file}: ${(error as Error).message}`);
      stamp = 'missing';
    }
    if (stamp === this.stamp) return;
    this.tokens = stamp === 'missing' ? [] : this.read();
    this.stamp = stamp;
  }

  private read(): StoredToken[] {
    let parsed: { tokens?: StoredToken[] };
    try {
      parsed = JSON.parse(readFileSync(this.file, 'utf8')) as { tokens?: StoredToken[] };
    } catch (error) {
      throw new TokenFileError(`${this.file} cannot be read as a token file: ${(error as Error).message}`);
    }
    if (!Array.isArray(parsed?.tokens))
      throw new TokenFileError(`${this.file} is not a Geldstroom token file (no "tokens" list)`);
    return parsed.tokens;
  }

  private save(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ tokens: this.tokens }, null, 2), { mode: 0o600 });
    renameSync(temporary, this.file);
  }

  isEmpty(): boolean {
    this.refresh();
    return this.tokens.filter((token) => !token.revokedAt).length === 0;
  }

  create(principal: Omit<Principal, 'tokenId'>): { token: string; principal: Principal } {
    if (!ROLES.includes(principal.role)) throw new Error(`role must be one of ${ROLES.join(', ')}`);
    if (principal.role === 'municipality' && !principal.municipality)
      throw new Error('a municipality token needs --municipality GM…');
    if (principal.municipality !== undefined) municipalityOf(principal.municipality);
    if (!principal.actor.trim()) throw new Error('--actor must not be empty');
    this.refresh();
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
    this.refresh();
    return this.tokens.map((token) => ({
      ...withoutSecret(token),
      createdAt: token.createdAt,
      ...(token.revokedAt ? { revokedAt: token.revokedAt } : {}),
    }));
  }

  revoke(tokenId: string): boolean {
    this.refresh();
    const index = this.tokens.findIndex((token) => token.tokenId === tokenId && !token.revokedAt);
    if (index < 0) return false;
    this.tokens[index] = { ...this.tokens[index], revokedAt: new Date().toISOString() };
    this.save();
    return true;
  }

  /** The principal of a presented token, or undefined when it is unknown or revoked (as the file says now). */
  verify(token: string): Principal | undefined {
    this.refresh();
    const digest = hash(token);
    const found = this.tokens.find((candidate) => candidate.hash === digest && !candidate.revokedAt);
    return found ? withoutSecret(found) : undefined;
  }
}

/** The domain's rule for a municipality code, as the reason a token cannot be made. */
function municipalityOf(code: string): string {
  try {
    return municipalityCode(code, 'municipality');
  } catch (error) {
    if (error instanceof DomainError) throw new Error(`--municipality: ${error.reason}`, { cause: error });
    throw error;
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
