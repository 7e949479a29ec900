import { join } from 'node:path';
import { lastJson, ProcessRun, runMeasured, runOk } from '../measure';
import { fig, ratioText, Row, skippedRow } from '../rows';
import { WorkTime } from '../work-clock';
import { node, SuiteContext, worker } from './context';
import { GOALS } from './goals';

/**
 * 1. apply, fsync free: the product's CPU per command against the same rows, one transaction per command.
 * Without tmpfs the row is skipped, and the set is recorded on disk for the read rows unless the disk rows
 * record it anyway. Returns the store the set is in and its events.
 */
export function applyOnTmpfs(context: SuiteContext, rows: Row[]): { store: string; events: number } {
  const { set, log } = context;
  const goals = GOALS;
  if (!context.tmpfsDir) {
    const store = join(context.diskDir, `${set.label}.db`);
    // the read rows still need the set recorded somewhere
    const events = context.disk ? 0 : applyFile(context, store).events;
    rows.push(
      skippedRow('apply-tmpfs', 'apply, fsync free (tmpfs): CPU per command', goals.applyTmpfs.text, 'no /dev/shm'),
    );
    return { store, events };
  }
  const store = join(context.tmpfsDir, `${set.label}.db`);
  log(`apply ${set.commands} commands on tmpfs`);
  const product = applyFile(context, store);
  const events = product.events;
  const peer = insertRows(context, store, join(context.tmpfsDir, `${set.label}-limit.db`), 'per-command');
  const productPer = product.run.cpuMs / set.commands;
  const peerPer = peer.workCpuMs / set.commands;
  rows.push({
    id: 'apply-tmpfs',
    what: 'apply, fsync free (tmpfs): CPU per command',
    product: fig.msPer(productPer, 'command'),
    peer: { name: 'same rows, one transaction per command', ...fig.msPer(peerPer, 'command') },
    ratio: ratioText.cost(productPer, peerPer),
    goal: goals.applyTmpfs.text,
    met: productPer / peerPer <= goals.applyTmpfs.ratio,
    details: {
      commands: set.commands,
      events,
      productCpuMs: product.run.cpuMs,
      productWallMs: product.run.wallMs,
      peer,
    },
  });
  return { store, events };
}

/**
 * 2. apply on disk: commands per second against one fsync per command, then batched against one
 * transaction. `tmpfsStore` holds the set already when there is tmpfs (the first fsync sample reads it).
 */
export function applyOnDisk(
  context: SuiteContext,
  rows: Row[],
  tmpfsStore: string,
): { store: string; events: number; fsyncRate: number } {
  const { set, log } = context;
  const goals = GOALS;
  const diskStore = join(context.diskDir, `${set.label}.db`);
  // the fsync rate drifts with the machine's other work: the limit is taken just before and just
  // after the product's run (on a sample of the same rows), and their mean is the peer
  const sample = String(Math.min(set.commands, FSYNC_SAMPLE));
  const limit = (source: string, name: string) =>
    insertRows(context, source, join(context.diskDir, `${set.label}-${name}.db`), 'per-command', sample);
  log(`one fsync per command, ${sample} commands, before the product`);
  const before = context.tmpfsDir ? limit(tmpfsStore, 'limit-before') : undefined;
  log(`apply ${set.commands} commands on disk`);
  const product = applyFile(context, diskStore);
  const events = product.events;
  log(`one fsync per command, ${sample} commands, after the product`);
  const after = limit(diskStore, 'limit-after');
  const rate = (run: WorkTime & { transactions: number }) => run.transactions / (run.workMs / 1000);
  const productRate = set.commands / (product.run.wallMs / 1000);
  const peerRate = before ? (rate(before) + rate(after)) / 2 : rate(after);
  const perCommand = { before, after };
  rows.push({
    id: 'apply-disk',
    what: 'apply on disk (each commit synced), commands/s',
    product: fig.rate(productRate, 'commands'),
    peer: {
      // both samples are shown: on a shared disk they can differ several times over
      name: `same rows, one fsync per command (mean of ${before ? `${Math.round(rate(before)).toLocaleString('en-US')} before and ` : ''}${Math.round(rate(after)).toLocaleString('en-US')} after)`,
      ...fig.rate(peerRate, 'commands'),
    },
    ratio: ratioText.slower(productRate, peerRate),
    goal: goals.applyDisk.text,
    met: peerRate / productRate <= goals.applyDisk.ratio,
    details: { commands: set.commands, events, productWallMs: product.run.wallMs, peer: perCommand },
  });
  log('the same rows in one transaction');
  rows.push(batchRow(context, diskStore, events, product.run.wallMs));
  return { store: diskStore, events, fsyncRate: peerRate };
}

/** Batched apply against all rows in one transaction; the product's plain apply rate is shown beside it. */
function batchRow(context: SuiteContext, diskStore: string, events: number, productWallMs: number): Row {
  const { set } = context;
  const goals = GOALS;
  const all = insertRows(context, diskStore, join(context.diskDir, `${set.label}-one.db`), 'one-transaction');
  const allRate = all.rows / (all.workMs / 1000);
  const batch = batchedApply(context, join(context.diskDir, `${set.label}-batch.db`));
  const productEventRate = events / (productWallMs / 1000);
  return {
    id: 'apply-batch',
    what: 'batched apply (apply --batch), events/s',
    product: batch ? fig.rate(batch.events / (batch.run.wallMs / 1000), 'events') : null,
    peer: {
      name: `one transaction for all rows (${(allRate / productEventRate).toFixed(0)}× the product's apply)`,
      ...fig.rate(allRate, 'events'),
    },
    ratio: batch ? ratioText.slower(batch.events / (batch.run.wallMs / 1000), allRate) : null,
    goal: goals.batch.text,
    met: batch ? batch.events / (batch.run.wallMs / 1000) >= goals.batch.eventsPerSecond : false,
    note: batch ? undefined : 'apply --batch does not exist yet',
    details: { oneTransaction: all, productApplyEventsPerSecond: productEventRate },
  };
}

function applyFile(context: SuiteContext, store: string): { run: ProcessRun; events: number } {
  const run = runOk(node, [context.bin, 'apply', context.set.file, '--store', `sqlite:${store}`], {
    env: { ...process.env, GELDSTROOM_ACTOR: 'bench' },
  });
  const recorded = /recorded (\d+) event\(s\) from (\d+) command\(s\)/.exec(run.stderr);
  if (!recorded || Number(recorded[2]) !== context.set.commands)
    throw new Error(`apply did not record every command: ${run.stderr.trim()}`);
  return { run, events: Number(recorded[1]) };
}

/** `apply --batch` (one durable commit per 1000 commands), when the product has it; undefined otherwise. */
function batchedApply(context: SuiteContext, store: string): { run: ProcessRun; events: number } | undefined {
  const help = runMeasured(node, [context.bin, 'apply', '--help']);
  if (!help.stdout.includes('--batch')) return undefined;
  const run = runOk(node, [context.bin, 'apply', '--batch', context.set.file, '--store', `sqlite:${store}`]);
  const recorded = /recorded (\d+) event\(s\)/.exec(run.stderr);
  return { run, events: Number(recorded?.[1] ?? 0) };
}

/** Commands in the sample that measures the rate of one fsync per command. */
const FSYNC_SAMPLE = 10_000;

function insertRows(context: SuiteContext, source: string, target: string, mode: string, max?: string) {
  return lastJson(
    runOk(node, [worker(context, 'limits/insert-rows.js'), source, target, mode, ...(max ? [max] : [])]),
  ) as WorkTime & { rows: number; transactions: number };
}
