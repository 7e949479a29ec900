import Database from 'better-sqlite3';
import { DerivedDocument, DerivedDocuments } from '../event-store.port';

interface Row {
  stream_id: string;
  kind: string;
  key: string;
  revision: bigint;
  body: string;
}

/**
 * The SQLite store's derived documents, in its own file beside the events (tables `derived` and
 * `checkpoints`, see schema.ts). They can always be derived again, so writing them never waits for
 * another writer's lock and never costs an fsync of its own (the connection runs with synchronous=NORMAL,
 * and only the store's appends sync the log: a crash may lose the last documents, never damage the file);
 * a failure to write is reported as false.
 */
export class SqliteDerivedDocuments implements DerivedDocuments {
  private readonly statements;

  constructor(
    private readonly db: Database.Database,
    /** whether the file at the store's path is still the file it opened */
    private readonly sameFile: () => boolean,
    private readonly busyTimeoutMs: number,
  ) {
    this.statements = {
      get: db.prepare<[string, string, string], Row>(
        'SELECT * FROM derived WHERE stream_id = ? AND kind = ? AND key = ?',
      ),
      // the keys as one JSON array: one statement for any number of them
      getMany: db.prepare<[string, string, string], Row>(
        'SELECT * FROM derived WHERE stream_id = ? AND kind = ? AND key IN (SELECT value FROM json_each(?))',
      ),
      put: db.prepare<[string, string, string, bigint, string]>(
        'INSERT OR REPLACE INTO derived (stream_id, kind, key, revision, body) VALUES (?, ?, ?, ?, ?)',
      ),
      drop: db.prepare<[string, string]>('DELETE FROM derived WHERE stream_id = ? AND kind = ?'),
      checkpoint: db.prepare<[string], { position: bigint }>('SELECT position FROM checkpoints WHERE name = ?'),
      setCheckpoint: db.prepare<[string, bigint]>('INSERT OR REPLACE INTO checkpoints (name, position) VALUES (?, ?)'),
    };
  }

  async get(kind: string, streamId: string, key: string): Promise<DerivedDocument | undefined> {
    if (!this.db.open || !this.sameFile()) return undefined;
    let row: Row | undefined;
    try {
      row = this.statements.get.get(streamId, kind, key);
    } catch {
      // what cannot be read here is derived again; a damaged file shows where the events are read
      return undefined;
    }
    return row && { kind, streamId, key, revision: row.revision, body: row.body };
  }

  async getMany(kind: string, streamId: string, keys: readonly string[]): Promise<(DerivedDocument | undefined)[]> {
    if (!this.db.open || !this.sameFile()) return keys.map(() => undefined);
    let rows: Row[];
    try {
      rows = this.statements.getMany.all(streamId, kind, JSON.stringify(keys));
    } catch {
      // what cannot be read here is derived again; a damaged file shows where the events are read
      return keys.map(() => undefined);
    }
    const byKey = new Map(rows.map((row) => [row.key, row]));
    return keys.map((key) => {
      const row = byKey.get(key);
      return row && { kind, streamId, key, revision: row.revision, body: row.body };
    });
  }

  async put(
    documents: readonly DerivedDocument[],
    replace?: { readonly streamIds: readonly string[]; readonly kinds: readonly string[] },
  ): Promise<boolean> {
    return this.write(() => {
      for (const streamId of replace?.streamIds ?? [])
        for (const kind of replace?.kinds ?? []) this.statements.drop.run(streamId, kind);
      for (const { streamId, kind, key, revision, body } of documents)
        this.statements.put.run(streamId, kind, key, revision, body);
    });
  }

  async clear(kinds?: readonly string[]): Promise<void> {
    const cleared = this.write(() => {
      if (kinds === undefined) this.db.prepare('DELETE FROM derived').run();
      else for (const kind of kinds) this.db.prepare('DELETE FROM derived WHERE kind = ?').run(kind);
      this.db.prepare('DELETE FROM checkpoints').run();
    }, true);
    if (!cleared) throw new Error('the derived documents could not be cleared');
  }

  async checkpoint(name: string): Promise<bigint | undefined> {
    return this.statements.checkpoint.get(name)?.position;
  }

  async setCheckpoint(name: string, position: bigint): Promise<boolean> {
    return this.write(() => this.statements.setCheckpoint.run(name, position));
  }

  /** One transaction without an fsync; it does not wait for a lock unless told to (a rebuild must clear). */
  private write(work: () => void, wait = false): boolean {
    if (!this.db.open || !this.sameFile()) return false;
    if (!wait) this.db.pragma('busy_timeout = 0');
    try {
      this.db.transaction(work).immediate();
      return true;
    } catch {
      // locked by a writer, a full disk, a read-only file: the documents are derived again when needed
      return false;
    } finally {
      if (!wait) this.db.pragma(`busy_timeout = ${this.busyTimeoutMs}`);
    }
  }
}
