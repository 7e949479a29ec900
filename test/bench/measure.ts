import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One finished child process: its wall time and the CPU time (user + system) it and its children used. */
export interface ProcessRun {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly userMs: number;
  readonly systemMs: number;
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

const scratch = mkdtempSync(join(tmpdir(), 'geldstroom-bench-times-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
let runs = 0;

/**
 * Runs a command to completion and measures it from outside: wall time around it, and its CPU time as
 * the shell's `times` reports for its children (the rusage of the reaped process, so the same measure
 * for node, hledger or anything else).
 */
export function runMeasured(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): ProcessRun {
  runs += 1;
  const timesFile = join(scratch, `times-${runs}`);
  const script = 'exec 3>"$1"; shift; "$@"; status=$?; times >&3; exit $status';
  const started = process.hrtime.bigint();
  const result = spawnSync('bash', ['-c', script, 'bash', timesFile, command, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: options.env ?? process.env,
    cwd: options.cwd,
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.error) throw result.error;
  // `times` prints the shell's own user/system time, then its children's: "0m0.123s 0m0.010s"
  const lines = readFileSync(timesFile, 'utf8').trim().split('\n');
  const children = /(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s/.exec(lines[1] ?? '');
  if (!children) throw new Error(`cannot read the CPU time of ${command} from "${lines.join(' / ')}"`);
  const seconds = (minutes: string, rest: string) => Number(minutes) * 60 + Number(rest);
  const userMs = seconds(children[1], children[2]) * 1000;
  const systemMs = seconds(children[3], children[4]) * 1000;
  return {
    wallMs,
    cpuMs: userMs + systemMs,
    userMs,
    systemMs,
    status: result.status ?? -1,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

/** Like runMeasured, but fails loudly when the command does not exit 0. */
export function runOk(command: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv } = {}) {
  const run = runMeasured(command, args, options);
  if (run.status !== 0)
    throw new Error(`${[command, ...args].join(' ')} exited ${run.status}: ${run.stderr.trim().slice(0, 2000)}`);
  return run;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The median run of several runs, by CPU time, with every run's CPU time. */
export type MedianRun = ProcessRun & { runs: number[] };

function medianOf(all: readonly ProcessRun[]): MedianRun {
  const cpu = median(all.map((each) => each.cpuMs));
  const closest = all.reduce((best, each) => (Math.abs(each.cpuMs - cpu) < Math.abs(best.cpuMs - cpu) ? each : best));
  return {
    ...closest,
    cpuMs: cpu,
    wallMs: median(all.map((each) => each.wallMs)),
    runs: all.map((each) => each.cpuMs),
  };
}

/**
 * The product and its peer run in turns (product, peer, product, peer, …) so that both meet the same
 * load on a shared machine, and the median of each by CPU time.
 */
export function sideBySide(
  times: number,
  product: () => ProcessRun,
  peer: () => ProcessRun,
): { product: MedianRun; peer: MedianRun } {
  const products: ProcessRun[] = [];
  const peers: ProcessRun[] = [];
  for (let run = 0; run < times; run += 1) {
    products.push(product());
    peers.push(peer());
  }
  return { product: medianOf(products), peer: medianOf(peers) };
}

/** The JSON a worker script prints as its last line of output (the caller knows which worker, and so its shape). */
export function lastJson(run: ProcessRun): unknown {
  const line = run.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`expected a JSON line from the worker, got: ${run.stdout.slice(-500)} ${run.stderr.slice(-1000)}`);
  }
}

/** Resident memory of a running process, from /proc (Linux), in MiB. */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
  if (!Number.isFinite(kb)) throw new Error(`no VmRSS for process ${pid}`);
  return kb / 1024;
}

/**
 * A long-running child (a server): started, watched on stderr/stdout for a line, and stopped by its own pid.
 * Its output goes to `logFile`, as a deployed service's goes to a file or journal that is always read: a
 * pipe would be read by this process only between its load runs (which it waits for), and a service
 * logging every request would hold the lines it cannot write meanwhile in its own memory.
 */
export class Server {
  readonly started = process.hrtime.bigint();
  readonly child: ChildProcess;

  constructor(
    command: string,
    args: readonly string[],
    private readonly logFile: string,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    const log = openSync(logFile, 'w');
    try {
      this.child = spawn(command, args, { env, stdio: ['ignore', log, log] });
    } finally {
      closeSync(log);
    }
  }

  /** The start of the output: only the start-up lines are looked for. */
  private get output(): string {
    const fd = openSync(this.logFile, 'r');
    try {
      const head = Buffer.alloc(100_000);
      return head.toString('utf8', 0, readSync(fd, head, 0, head.length, 0));
    } finally {
      closeSync(fd);
    }
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Waits until the output matches, and returns the match; fails if the process exits first. */
  async waitFor(pattern: RegExp, timeoutMs = 120_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this.output.match(pattern);
      if (match) return match;
      if (this.child.exitCode !== null)
        throw new Error(`server exited ${this.child.exitCode} before ${pattern}: ${this.output.slice(-2000)}`);
      if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms: ${this.output.slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
