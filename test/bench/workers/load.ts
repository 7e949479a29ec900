import autocannon from 'autocannon';
import { report } from '../work-clock';

/**
 * HTTP load from a process of its own (so the load generator never shares a CPU budget with the
 * server's event loop): one autocannon run, described by a JSON argument, reported as one JSON line.
 * With `post`, every request records a new small fact (a regional cost with a unique id) in the next
 * region of the list, so no request is an idempotent repeat.
 */
interface LoadSpec {
  readonly url: string;
  readonly connections: number;
  readonly duration?: number;
  readonly amount?: number;
  readonly overallRate?: number;
  /** seconds a request may take before it counts as timed out */
  readonly timeout?: number;
  readonly headers?: Record<string, string>;
  readonly post?: {
    readonly baseUrl: string;
    readonly regions: readonly string[];
    readonly year: number;
    readonly prefix: string;
  };
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2]) as LoadSpec;
  let sent = 0;
  const options: autocannon.Options = {
    url: spec.url,
    connections: spec.connections,
    ...(spec.amount !== undefined ? { amount: spec.amount } : { duration: spec.duration ?? 10 }),
    ...(spec.overallRate !== undefined ? { overallRate: spec.overallRate } : {}),
    headers: spec.headers,
    timeout: spec.timeout ?? 30,
  };
  if (spec.post) {
    const post = spec.post;
    options.method = 'POST';
    options.headers = { ...spec.headers, 'content-type': 'application/json' };
    options.requests = [
      {
        method: 'POST',
        setupRequest: (request) => {
          sent += 1;
          return {
            ...request,
            body: JSON.stringify({
              command: 'RecordRegionalCost',
              regionId: post.regions[sent % post.regions.length],
              costId: `${post.prefix}-${sent}`,
              year: post.year,
              scheme: 'BW',
              amount: `${100 + (sent % 900)}.${String(sent % 100).padStart(2, '0')}`,
              provider: 'Benchmark',
            }),
          };
        },
      },
    ];
  }
  const started = process.hrtime.bigint();
  let lastResponse = started;
  // autocannon ends a run on its one-second tick; the rate is taken up to the last response instead
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, done) =>
      error
        ? reject(error instanceof Error ? error : new Error(`autocannon failed: ${JSON.stringify(error)}`))
        : resolve(done),
    );
    instance.on('response', () => {
      lastResponse = process.hrtime.bigint();
    });
  });
  const seconds = Number(lastResponse - started) / 1e9;
  const ok = result['2xx'];
  report({
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds,
    perSecond: ok / seconds,
    latency: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      mean: result.latency.average,
    },
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? String(error)) : String(error)}\n`);
  process.exitCode = 1;
});
