/** Wall and CPU time of a piece of work inside a worker process (module loading and set-up left out). */
export interface WorkTime {
  readonly workMs: number;
  readonly workCpuMs: number;
}

export function startWork(): () => WorkTime {
  const wall = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { workMs: Number(process.hrtime.bigint() - wall) / 1e6, workCpuMs: (used.user + used.system) / 1000 };
  };
}

/** A worker's result: one JSON line on stdout, read by the bench. */
export function report(result: object): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
