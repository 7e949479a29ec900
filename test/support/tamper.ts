import Database from 'better-sqlite3';
import { eventHash, GENESIS_HASH } from '@libs/ledger';

/**
 * Edits a SQLite store behind the ledger's back, as someone with the file (and a SQLite shell) could:
 * the forged histories that `verify` must catch.
 */
export function tamper(path: string, work: (db: Database.Database) => void): void {
  const db = new Database(path);
  try {
    db.transaction(() => work(db))();
  } finally {
    db.close();
  }
}

/** Moves every event of the stream from `from` on up by `by` revisions (UNIQUE(stream, revision) allows no overlap). */
export function shiftRevisions(db: Database.Database, streamId: string, from: number, by: number): void {
  db.prepare('UPDATE events SET revision = -revision - 1 WHERE stream_id = ? AND revision >= ?').run(streamId, from);
  db.prepare('UPDATE events SET revision = -revision - 1 + ? WHERE stream_id = ? AND revision < 0').run(by, streamId);
}

export function swapRevisions(db: Database.Database, streamId: string, a: number, b: number): void {
  const move = db.prepare('UPDATE events SET revision = ? WHERE stream_id = ? AND revision = ?');
  move.run(-1, streamId, a);
  move.run(a, streamId, b);
  move.run(b, streamId, -1);
}

/**
 * Recomputes every hash of the stream as the ledger would, after an edit: what a forger who read the
 * README can do. Only a ledger hash kept from before (on a printed statement) tells this history apart.
 */
export function rechain(db: Database.Database, streamId: string): string {
  const rows = db
    .prepare(
      'SELECT position, event_id, revision, type, data, metadata FROM events WHERE stream_id = ? ORDER BY revision',
    )
    .all(streamId) as {
    position: number;
    event_id: string;
    revision: number;
    type: string;
    data: string;
    metadata: string;
  }[];
  let previous = GENESIS_HASH;
  const update = db.prepare('UPDATE events SET metadata = ? WHERE position = ?');
  for (const row of rows) {
    const metadata = JSON.parse(row.metadata);
    previous = eventHash(previous, {
      eventId: row.event_id,
      type: row.type,
      revision: BigInt(row.revision),
      data: JSON.parse(row.data),
      metadata,
    });
    update.run(JSON.stringify({ ...metadata, hash: previous }), row.position);
  }
  return previous;
}
