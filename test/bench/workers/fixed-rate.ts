import { Agent, get } from 'node:http';
import { report } from '../work-clock';

/**
 * GET requests at a fixed rate, evenly spaced (an open loop), from a process of its own: request i is due
 * at start + i / rate and is sent then over at most `connections` keep-alive connections. Its latency is
 * counted from when it was due, not from when it could be sent, so a request held up by the client or by
 * a busy server is not hidden (no coordinated omission).
 *
 * autocannon's `overallRate` is no such rate: each connection sends back to back until it has used its
 * share of the second, then waits for the next second, so "200 req/s over 10 connections" is a burst of
 * 10 concurrent requests at full speed every second, and its p99 is that burst's queueing.
 */
interface FixedRateSpec {
  readonly url: string;
  readonly rate: number;
  readonly seconds: number;
  readonly connections: number;
  readonly headers?: Record<string, string>;
}

/** The nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2]) as FixedRateSpec;
  const agent = new Agent({ keepAlive: true, maxSockets: spec.connections });
  const total = Math.round(spec.rate * spec.seconds);
  const intervalNs = BigInt(Math.round(1e9 / spec.rate));
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let sent = 0;
  let lastResponse = 0n;
  const started = process.hrtime.bigint();
  await new Promise<void>((resolve) => {
    let settled = 0;
    const settle = () => {
      settled += 1;
      if (settled === total) resolve();
    };
    const send = (due: bigint) => {
      const request = get(spec.url, { agent, headers: spec.headers }, (response) => {
        if (response.statusCode === undefined || response.statusCode < 200 || response.statusCode > 299) non2xx += 1;
        response.resume();
        response.on('end', () => {
          lastResponse = process.hrtime.bigint();
          latencies.push(Number(lastResponse - due) / 1e6);
          settle();
        });
      });
      request.on('error', () => {
        errors += 1;
        settle();
      });
    };
    const tick = () => {
      const now = process.hrtime.bigint();
      // every request due by now goes out now, each keeping its own due time
      while (sent < total && started + BigInt(sent) * intervalNs <= now) {
        send(started + BigInt(sent) * intervalNs);
        sent += 1;
      }
      if (sent < total) {
        const next = started + BigInt(sent) * intervalNs;
        setTimeout(tick, Math.max(0, Number(next - process.hrtime.bigint()) / 1e6));
      }
    };
    tick();
  });
  agent.destroy();
  const sorted = [...latencies].sort((a, b) => a - b);
  const seconds = Number(lastResponse - started) / 1e9;
  report({
    ok: latencies.length - non2xx,
    non2xx,
    errors,
    timeouts: 0,
    seconds,
    perSecond: (latencies.length - non2xx) / seconds,
    latency: {
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      mean: sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length),
    },
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? String(error)) : String(error)}\n`);
  process.exitCode = 1;
});
