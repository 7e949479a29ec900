import { OnApplicationShutdown } from '@nestjs/common';
import { KeyedLock } from '@libs/ledger';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Logger } from 'pino';
import { problem, ProblemException } from '../http/problem';

export interface StoredResponse {
  readonly status: number;
  readonly body: string;
  readonly contentType: string;
}

export interface IdempotencyStoreOptions {
  /** How long a statement waits for another connection's lock (default 5000 ms). */
  readonly busyTimeoutMs?: number;
  readonly logger?: Logger;
}

/**
 * Responses to POSTs sent with an Idempotency-Key, per token (its id, not its actor name: two tokens
 * with the same actor name never see each other's answers), so a retried request gets the first
 * answer instead of being recorded again. Kept in its own small SQLite file, apart from the events.
 */
export class IdempotencyStore implements OnApplicationShutdown {
  private readonly db: Database.Database;
  private readonly pending = new KeyedLock();
  private readonly logger: Logger | undefined;

  constructor(path: string, options: IdempotencyStoreOptions = {}) {
    this.logger = options.logger;
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    this.db.pragma('journal_mode = WAL');
    // a kept answer survives the process being killed, but not a power cut right after it: that costs a retry
    // its first answer ("nothing changed" instead), never money, since the command itself is durable in the
    // event store and a retry records nothing twice; so no fsync of its own per POST
    this.db.pragma('synchronous = NORMAL');
    // SQLite's own default page cache (2 MiB) instead of better-sqlite3's 16 MiB: the file grows with every
    // POST, and its cache must not grow the service's memory with it
    this.db.pragma('cache_size = -2000');
    // answers of earlier versions were kept per actor name and cannot be told apart by token: forget them
    this.db.exec(`DROP TABLE IF EXISTS responses;
      CREATE TABLE IF NOT EXISTS token_responses (
      token_id TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL,
      status INTEGER NOT NULL, content_type TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL,
      PRIMARY KEY (token_id, key))`);
  }

  static hash(method: string, path: string, body: unknown): string {
    return createHash('sha256')
      .update(`${method} ${path}\n${JSON.stringify(body ?? null)}`)
      .digest('hex');
  }

  /** The response kept for this token and key; a database that cannot be read is a 503, before anything is recorded. */
  find(tokenId: string, key: string): (StoredResponse & { requestHash: string }) | undefined {
    let row: { request_hash: string; status: number; content_type: string; body: string } | undefined;
    try {
      row = this.db
        .prepare('SELECT request_hash, status, content_type, body FROM token_responses WHERE token_id = ? AND key = ?')
        .get(tokenId, key) as typeof row;
    } catch (error) {
      this.logger?.error({ err: error, tokenId, idempotencyKey: key }, 'the idempotency store cannot be read');
      throw new ProblemException(
        problem(
          503,
          'STORE_UNAVAILABLE',
          `the idempotency store cannot be read (${(error as Error).message}); nothing was recorded, try again`,
        ),
      );
    }
    return row
      ? { requestHash: row.request_hash, status: row.status, contentType: row.content_type, body: row.body }
      : undefined;
  }

  /**
   * Keeps the response for retries. Never throws: it is called after the command was recorded, and
   * the client must get that command's answer even when the response cannot be kept (locked or full
   * database) — a retry then finds the command's facts recorded and changes nothing.
   */
  remember(tokenId: string, key: string, requestHash: string, response: StoredResponse): boolean {
    try {
      this.db
        .prepare(
          'INSERT OR IGNORE INTO token_responses (token_id, key, request_hash, status, content_type, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(tokenId, key, requestHash, response.status, response.contentType, response.body, new Date().toISOString());
      return true;
    } catch (error) {
      this.logger?.error(
        { err: error, tokenId, idempotencyKey: key },
        'the response to a recorded command could not be kept for retries; it was sent all the same',
      );
      return false;
    }
  }

  /** Runs requests with the same token and key one after the other, so a retry racing the first one waits for it. */
  exclusive<T>(tokenId: string, key: string, work: () => Promise<T>): Promise<T> {
    return this.pending.run(`${tokenId}\u0000${key}`, work);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** After the HTTP server has stopped: no request can ask for a kept answer any more. */
  onApplicationShutdown(): void {
    this.close();
  }
}
