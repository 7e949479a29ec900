import { ChildProcess, spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { BIN, ROOT } from './cli';

export interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Running {
  readonly child: ChildProcess;
  readonly ended: Promise<Ended>;
  readonly output: () => { stdout: string; stderr: string };
}

/** Starts the built `geldstroom` as its own process, for tests that kill it. */
export function start(args: string[], env: Record<string, string> = {}): Running {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, GELDSTROOM_STORE: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ended = new Promise<Ended>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, ended, output: () => ({ stdout, stderr }) };
}

/** Sends SIGKILL after `ms` (if still running) and waits for the end. */
export async function killAfter(running: Running, ms: number): Promise<Ended & { killed: boolean }> {
  let killed = false;
  const timer = setTimeout(() => {
    killed = running.child.exitCode === null && running.child.signalCode === null && running.child.kill('SIGKILL');
  }, ms);
  const ended = await running.ended;
  clearTimeout(timer);
  return { ...ended, killed: killed && ended.signal === 'SIGKILL' };
}

/** Resolves once the process has written a line matching `pattern` on stderr. */
export async function waitFor(running: Running, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpExecArray> {
  const started = Date.now();
  for (;;) {
    const match = pattern.exec(running.output().stderr);
    if (match) return match;
    if (running.child.exitCode !== null || running.child.signalCode !== null)
      throw new Error(`the process ended before writing ${pattern}: ${running.output().stderr}`);
    if (Date.now() - started > timeoutMs)
      throw new Error(`no ${pattern} within ${timeoutMs} ms: ${running.output().stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface StoredRow {
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  readonly eventId: string;
  readonly data: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
}

/** Every event in a SQLite store file as a killed process left it (opening it recovers its WAL). */
export function storedRows(path: string): StoredRow[] {
  const db = new Database(path);
  try {
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get();
    if (!exists) return [];
    return (
      db.prepare('SELECT stream_id, revision, type, event_id, data, metadata FROM events ORDER BY position').all() as {
        stream_id: string;
        revision: number;
        type: string;
        event_id: string;
        data: string;
        metadata: string;
      }[]
    ).map((row) => ({
      stream: row.stream_id,
      revision: row.revision,
      type: row.type,
      eventId: row.event_id,
      data: JSON.parse(row.data),
      metadata: JSON.parse(row.metadata),
    }));
  } finally {
    db.close();
  }
}

export const trials = (fallback: number) => Number(process.env.GELDSTROOM_STRESS_TRIALS ?? fallback);

/** A uniformly random whole number of milliseconds in [from, to). */
export const between = (from: number, to: number) => Math.floor(from + Math.random() * (to - from));

/** How many events a store file holds right now, read beside the writer (WAL lets readers in); 0 before it exists. */
export function eventCount(path: string): number {
  if (!existsSync(path)) return 0;
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    return (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
  } catch {
    return 0; // not created yet, or its table not yet
  } finally {
    db?.close();
  }
}

/** Resolves once the store holds an event (the writer has begun), or when the process has ended. */
export async function whenWriting(running: Running, path: string, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (eventCount(path) === 0 && running.child.exitCode === null && Date.now() - started < timeoutMs)
    await new Promise((resolve) => setTimeout(resolve, 10));
}
