import Database from 'better-sqlite3';

/**
 * The SQLite store's tables. `events` is the truth; everything else is kept from it:
 * - `streams`, the index of streams (last revision and position, type of the first event), kept by a
 *   trigger in the very transaction that appends, whoever inserts;
 * - `derived` and `checkpoints`, documents derived from a stream's events (snapshots of folded states,
 *   read models) and how far the read models have read. Triggers drop a stream's documents and every
 *   checkpoint when a stored event is updated or deleted — which the ledger never does — so that an
 *   edit behind its back is seen by the next fold instead of being hidden behind a snapshot.
 */
const TABLES = `
CREATE TABLE IF NOT EXISTS events (
  position  INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id  TEXT    NOT NULL UNIQUE,
  stream_id TEXT    NOT NULL,
  revision  INTEGER NOT NULL,
  type      TEXT    NOT NULL,
  data      TEXT    NOT NULL,
  metadata  TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
);
CREATE TABLE IF NOT EXISTS streams (
  stream_id  TEXT    PRIMARY KEY,
  revision   INTEGER NOT NULL,
  position   INTEGER NOT NULL,
  first_type TEXT    NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS derived (
  stream_id TEXT    NOT NULL,
  kind      TEXT    NOT NULL,
  key       TEXT    NOT NULL,
  revision  INTEGER NOT NULL,
  body      TEXT    NOT NULL,
  PRIMARY KEY (stream_id, kind, key)
);
CREATE TABLE IF NOT EXISTS checkpoints (
  name     TEXT    PRIMARY KEY,
  position INTEGER NOT NULL
) WITHOUT ROWID;
`;

const TRIGGERS = `
CREATE TRIGGER IF NOT EXISTS events_appended AFTER INSERT ON events BEGIN
  INSERT INTO streams (stream_id, revision, position, first_type)
    VALUES (NEW.stream_id, NEW.revision, NEW.position, NEW.type)
    ON CONFLICT (stream_id) DO UPDATE SET revision = MAX(revision, excluded.revision), position = excluded.position;
END;
CREATE TRIGGER IF NOT EXISTS events_changed AFTER UPDATE ON events BEGIN
  DELETE FROM derived WHERE stream_id IN (OLD.stream_id, NEW.stream_id);
  DELETE FROM checkpoints;
  DELETE FROM streams WHERE stream_id IN (OLD.stream_id, NEW.stream_id);
  INSERT INTO streams (stream_id, revision, position, first_type)
    SELECT stream_id, MAX(revision), MAX(position),
           (SELECT type FROM events AS first WHERE first.stream_id = e.stream_id ORDER BY revision LIMIT 1)
      FROM events AS e WHERE stream_id IN (OLD.stream_id, NEW.stream_id) GROUP BY stream_id;
END;
CREATE TRIGGER IF NOT EXISTS events_removed AFTER DELETE ON events BEGIN
  DELETE FROM derived WHERE stream_id = OLD.stream_id;
  DELETE FROM checkpoints;
  DELETE FROM streams WHERE stream_id = OLD.stream_id;
  INSERT INTO streams (stream_id, revision, position, first_type)
    SELECT stream_id, MAX(revision), MAX(position),
           (SELECT type FROM events AS first WHERE first.stream_id = e.stream_id ORDER BY revision LIMIT 1)
      FROM events AS e WHERE stream_id = OLD.stream_id GROUP BY stream_id;
END;
`;

/** A store written before the index existed gets it from its events, once. */
const INDEX_EXISTING = `
INSERT INTO streams (stream_id, revision, position, first_type)
  SELECT stream_id, MAX(revision), MAX(position),
         (SELECT type FROM events AS first WHERE first.stream_id = e.stream_id ORDER BY revision LIMIT 1)
    FROM events AS e GROUP BY stream_id;
`;

/**
 * Creates what is missing, in one transaction that holds the write lock (another process may be opening
 * too). Returns whether the index of streams is there: a store older than it, opened from a file this
 * process may not write, is read without it (see SqliteEventStore.listStreams).
 */
export function prepareSchema(db: Database.Database): boolean {
  const missing = (name: string, type: 'table' | 'trigger') =>
    db.prepare('SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?').get(type, name) === undefined;
  const complete = () =>
    !['events', 'streams', 'derived', 'checkpoints'].some((name) => missing(name, 'table')) &&
    !['events_appended', 'events_changed', 'events_removed'].some((name) => missing(name, 'trigger'));
  // the common case reads only: a store opened by a command that reads takes no write lock
  if (complete()) return true;
  try {
    db.transaction(() => {
      const unindexed = !missing('events', 'table') && missing('streams', 'table');
      db.exec(TABLES);
      db.exec(TRIGGERS);
      if (unindexed) db.exec(INDEX_EXISTING);
    }).immediate();
  } catch (error) {
    if ((error as { code?: unknown })?.code === 'SQLITE_READONLY' && !missing('events', 'table')) return false;
    throw error;
  }
  return true;
}
