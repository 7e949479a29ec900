import Database from 'better-sqlite3';
import { report, startWork } from '../work-clock';

/**
 * The limit for a full rebuild: read every row of the store in global order and JSON.parse its data and
 * metadata. Usage: node scan-all.js DB
 */
const [path] = process.argv.slice(2);
const done = startWork();
const db = new Database(path);
let rows = 0;
for (const row of db.prepare('SELECT * FROM events ORDER BY position').iterate() as Iterable<{
  data: string;
  metadata: string;
}>) {
  JSON.parse(row.data);
  JSON.parse(row.metadata);
  rows += 1;
}
db.close();
report({ rows, ...done() });
