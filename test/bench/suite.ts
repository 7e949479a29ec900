import Database from 'better-sqlite3';
import { Row, skippedRow } from './rows';
import { applyOnDisk, applyOnTmpfs } from './suite/apply-rows';
import { SuiteContext, wanted } from './suite/context';
import { GOALS } from './suite/goals';
import { BALANCES_WHAT, balancesAgainstHledger } from './suite/hledger-row';
import { httpRows } from './suite/http-rows';
import { coldStatementRow, rebuildRows, whatIfRow } from './suite/read-rows';

export interface SuiteResult {
  readonly rows: Row[];
  readonly events: number;
  readonly commands: number;
  /** rows that could not be measured because something failed */
  readonly failures: number;
}

/** Runs every row of the table on one data set, in an order where no row disturbs the next. */
export async function runSuite(context: SuiteContext): Promise<SuiteResult> {
  const rows: Row[] = [];
  const { set, log } = context;

  const onTmpfs = applyOnTmpfs(context, rows);
  const diskRows = wanted(context.only, 'apply-disk', 'apply-batch', 'http-post');
  const onDisk = context.disk && diskRows ? applyOnDisk(context, rows, onTmpfs.store) : undefined;
  const events = onDisk?.events ?? onTmpfs.events;
  const readStore = onDisk?.store ?? onTmpfs.store;

  const largest = largestStream(readStore);
  const regionId = largest.streamId.replace(/^region-/, '');
  const section = (ids: [string, string, string][], work: () => Row[] | Promise<Row[]>) =>
    guarded(context, rows, ids, work);

  // 3. cold statement of one region, all years: the CLI against a raw scan of its stream
  await section([['cold-statement', 'cold statement of one region (CLI), CPU', GOALS.coldStatement.text]], () => {
    log(`cold statement of ${regionId} (${largest.events} events)`);
    return [coldStatementRow(context, readStore, regionId, largest)];
  });

  // 4. full rebuild in process against a scan and parse of every row; the what-if against the rebuild
  await section(
    [
      ['rebuild', 'full rebuild: all statements, in process, CPU', GOALS.rebuild.text],
      ['statement-folded', 'one statement from a folded state, in process, CPU', '—'],
    ],
    () => {
      log('full rebuild of every statement');
      return rebuildRows(context, readStore);
    },
  );
  await section([['what-if', 'what-if of all regions in process vs a full rebuild, CPU', GOALS.whatIf.text]], () => {
    log('what-if of every region, in turns with the full rebuild');
    return [whatIfRow(context, readStore)];
  });

  // 5. balances of every region and year against hledger on the exported journals
  await section([['balances-hledger', BALANCES_WHAT, GOALS.hledger.text]], () => [
    balancesAgainstHledger(context, readStore),
  ]);

  // 6. HTTP: start-up, statement GETs, POSTs and memory, against bare node:http
  await section(
    [
      ['http-get-p99', 'HTTP statement GET at a fixed 200 req/s, p99', GOALS.getP99.text],
      ['http-get-throughput', 'HTTP statement GET, 20 connections', GOALS.getThroughput.text],
      ['http-post', 'HTTP POST of a small fact, 20 connections', GOALS.post.text],
      ['service-start', 'service start to first answer (a statement GET)', GOALS.start.text],
      ['memory', 'memory (RSS) after start / after POSTs', GOALS.memory.text],
    ],
    () => httpRows(context, readStore, regionId, onDisk?.fsyncRate),
  );
  return {
    rows,
    events,
    commands: set.commands,
    failures: rows.filter((row) => row.skipped?.startsWith('failed')).length,
  };
}

/**
 * Runs one section of rows; when it fails (a crash, a server that dies under load, a refused request),
 * its rows say so and the other sections still run — a long national run is not lost to one row.
 */
async function guarded(
  context: SuiteContext,
  rows: Row[],
  ids: readonly [string, string, string][],
  work: () => Row[] | Promise<Row[]>,
): Promise<void> {
  if (!wanted(context.only, ...ids.map(([id]) => id))) return;
  try {
    rows.push(...(await work()));
  } catch (error) {
    const reason = `failed: ${((error as Error).message ?? String(error)).split('\n')[0].slice(0, 300)}`;
    context.log(`${ids.map(([id]) => id).join(', ')} ${reason}`);
    rows.push(...ids.map(([id, what, goal]) => skippedRow(id, what, goal, reason)));
  }
}

function largestStream(store: string): { streamId: string; events: number } {
  const db = new Database(store, { readonly: true });
  try {
    const row = db
      .prepare(
        'SELECT stream_id AS streamId, COUNT(*) AS events FROM events GROUP BY stream_id ORDER BY events DESC LIMIT 1',
      )
      .get() as { streamId: string; events: number };
    return row;
  } finally {
    db.close();
  }
}
