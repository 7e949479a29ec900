import Database from 'better-sqlite3';
import { report, startWork } from '../work-clock';

/**
 * The limit for a cold statement: open the SQLite file, read one region's stream in revision order and
 * JSON.parse every event's data and metadata — what any reader of that stream must at least do.
 * Usage: node scan-stream.js DB STREAM_ID
 */
const [path, streamId] = process.argv.slice(2);
const done = startWork();
const db = new Database(path);
let rows = 0;
let bytes = 0;
for (const row of db
  .prepare('SELECT * FROM events WHERE stream_id = ? ORDER BY revision')
  .iterate(streamId) as Iterable<{ data: string; metadata: string }>) {
  JSON.parse(row.data);
  JSON.parse(row.metadata);
  rows += 1;
  bytes += row.data.length + row.metadata.length;
}
db.close();
report({ rows, bytes, ...done() });
