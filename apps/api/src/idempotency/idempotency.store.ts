import { KeyedLock } from '@libs/ledger';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface StoredResponse {
  readonly status: number;
  readonly body: string;
  readonly contentType: string;
}

/**
 * Responses to POSTs sent with an Idempotency-Key, per token (its id, not its actor name: two tokens
 * with the same actor name never see each other's answers), so a retried request gets the first
 * answer instead of being recorded again. Kept in its own small SQLite file, apart from the events.
 */
export class IdempotencyStore {
  private readonly db: Database.Database;
  private readonly pending = new KeyedLock();

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
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

  find(tokenId: string, key: string): (StoredResponse & { requestHash: string }) | undefined {
    const row = this.db
      .prepare('SELECT request_hash, status, content_type, body FROM token_responses WHERE token_id = ? AND key = ?')
      .get(tokenId, key) as { request_hash: string; status: number; content_type: string; body: string } | undefined;
    return row
      ? { requestHash: row.request_hash, status: row.status, contentType: row.content_type, body: row.body }
      : undefined;
  }

  save(tokenId: string, key: string, requestHash: string, response: StoredResponse): void {
    this.db
      .prepare(
        'INSERT OR IGNORE INTO token_responses (token_id, key, request_hash, status, content_type, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(tokenId, key, requestHash, response.status, response.contentType, response.body, new Date().toISOString());
  }

  /** Runs requests with the same token and key one after the other, so a retry racing the first one waits for it. */
  exclusive<T>(tokenId: string, key: string, work: () => Promise<T>): Promise<T> {
    return this.pending.run(`${tokenId}\u0000${key}`, work);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
