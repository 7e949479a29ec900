import Database from 'better-sqlite3';
import { report, startWork } from '../work-clock';

/**
 * The limit for apply: the rows the product recorded, inserted again into an empty store of the same
 * schema and settings (WAL, synchronous=FULL) — one transaction per command (`per-command`, so one
 * fsync each) or all in one (`one-transaction`). Reading the rows and grouping them by command is left
 * out of the time. With MAX, only the rows of the first MAX commands (a rate needs no more).
 * Usage: node insert-rows.js SOURCE_DB TARGET_DB per-command|one-transaction [MAX]
 */
const [source, target, mode, max] = process.argv.slice(2);
if (mode !== 'per-command' && mode !== 'one-transaction') throw new Error(`unknown mode ${mode}`);

const from = new Database(source);
from.defaultSafeIntegers(true);
const schema = from
  .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid")
  .all() as { sql: string }[];
const columns = (from.prepare('PRAGMA table_info(events)').all() as { name: string }[])
  .map((column) => column.name)
  .filter((name) => name !== 'position');
const rows = from
  .prepare(`SELECT ${columns.join(', ')} FROM events ORDER BY position`)
  .raw()
  .all() as unknown[][];
from.close();

// consecutive rows of one command share its commandId: they are one append
const metadataIndex = columns.indexOf('metadata');
const groups: unknown[][][] = [];
let previous: unknown;
for (const row of rows) {
  const commandId = (JSON.parse(String(row[metadataIndex])) as { commandId?: unknown }).commandId ?? {};
  if (groups.length === 0 || commandId !== previous) groups.push([]);
  groups[groups.length - 1].push(row);
  previous = commandId;
}

if (max !== undefined) groups.splice(Number(max));
if (max !== undefined) rows.splice(groups.reduce((sum, group) => sum + group.length, 0));

const to = new Database(target);
to.pragma('journal_mode = WAL');
to.pragma('synchronous = FULL');
to.defaultSafeIntegers(true);
for (const { sql } of schema) to.exec(sql);
const insert = to.prepare(`INSERT INTO events (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
const appendAll = to.transaction((batch: unknown[][]) => {
  for (const row of batch) insert.run(...row);
});

const done = startWork();
if (mode === 'per-command') for (const group of groups) appendAll.immediate(group);
else appendAll.immediate(rows);
const time = done();
to.close();
report({ rows: rows.length, transactions: mode === 'per-command' ? groups.length : 1, ...time });
