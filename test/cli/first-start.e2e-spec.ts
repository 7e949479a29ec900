import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { BIN, EXAMPLES, geldstroom, ROOT, tempDir } from '../support/cli';

interface Served {
  readonly url: string;
  readonly stderr: string;
  readonly logLines: Record<string, unknown>[];
  stop(): Promise<number | null>;
}

/** Starts `geldstroom serve` as `npm start` does, on a free port, and waits for its banner. */
async function serve(args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    cwd: ROOT,
    env: { ...process.env, GELDSTROOM_STORE: '', HOST: '', LOG_LEVEL: 'info' },
  });
  let stderr = '';
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 30_000);
    child.on('exit', () => reject(new Error(`serve stopped: ${stderr}`)));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /Geldstroom API on (http:\/\/\S+) \(/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  await new Promise((resolve) => setTimeout(resolve, 100));
  return {
    url,
    stderr,
    logLines: stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>),
    stop: () => {
      const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      return exit;
    },
  };
}

describe('the first start (npm start = serve --example)', () => {
  const temp = tempDir();
  const store = temp.store;
  const tokens = join(temp.dir, 'tokens.json');
  let loadedEvents = 0;
  afterAll(() => temp.cleanup());

  it('loads the example as a region whose id says it is one, on 127.0.0.1, and says how to start clean', async () => {
    const served = await serve(['--example', '--store', store, '--tokens', tokens]);
    try {
      expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      loadedEvents = Number(
        /loaded examples\/holland-rijnland\.jsonl into the empty store: (\d+) event\(s\)/.exec(served.stderr)![1],
      );
      expect(loadedEvents).toBeGreaterThan(40);
      expect(served.stderr).toContain(
        'The example region "voorbeeld-holland-rijnland" holds illustrative figures, with 2023 and 2024 closed.',
      );
      expect(served.stderr).toContain(
        'MALLOC_ARENA_MAX=2 MALLOC_TRIM_THRESHOLD_=131072 node --max-semi-space-size=4 bin/geldstroom.js serve --store sqlite:./data/mijn-regio.db',
      );
      expect(served.stderr).toContain(`documentation at ${served.url}/docs`);
      const listening = served.logLines.find((line) => line.msg === 'listening');
      expect(listening).toMatchObject({ host: '127.0.0.1', url: served.url });

      const admin = /(gst_[A-Za-z0-9_-]+)/.exec(served.stderr)![1];
      const response = await fetch(`${served.url}/api/v1/regions`, { headers: { Authorization: `Bearer ${admin}` } });
      expect(await response.json()).toEqual({
        regions: [{ regionId: 'voorbeeld-holland-rijnland', name: 'Holland Rijnland (voorbeeld)' }],
      });
    } finally {
      expect(await served.stop()).toBe(0);
    }
  });

  it('does not load it twice, and keeps reminding that the store holds it', async () => {
    const served = await serve(['--example', '--store', store, '--tokens', tokens]);
    try {
      expect(served.stderr).not.toContain('loaded examples/');
      expect(served.stderr).toContain('The example region "voorbeeld-holland-rijnland" holds illustrative figures');
    } finally {
      await served.stop();
    }
    const regions = JSON.parse(geldstroom(['regions', '--format', 'json', '--store', store]).stdout) as {
      regions: { events: number }[];
    };
    expect(regions.regions).toEqual([
      expect.objectContaining({ regionId: 'voorbeeld-holland-rijnland', events: loadedEvents }),
    ]);
  });

  it('leaves a store that holds other events alone', async () => {
    const other = tempDir();
    try {
      expect(geldstroom(['apply', join(EXAMPLES, 'aef-solidarity.jsonl'), '--store', other.store]).status).toBe(0);
      const served = await serve(['--example', '--store', other.store, '--tokens', join(other.dir, 'tokens.json')]);
      await served.stop();
      expect(served.stderr).toContain(`--example: ${other.store} already holds events, so the example was not loaded`);
      expect(geldstroom(['regions', '--store', other.store]).stdout).not.toContain('voorbeeld');
    } finally {
      other.cleanup();
    }
  });

  it('refuses --seed and --example together', () => {
    const result = geldstroom(['serve', '--example', '--seed', join(EXAMPLES, 'aef-solidarity.jsonl')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^geldstroom: --seed and --example exclude each other\n/);
  });

  it('apply --example records the same ledger as the example file, under the example id', () => {
    const real = tempDir();
    try {
      const recorded = geldstroom(['apply', join(EXAMPLES, 'holland-rijnland.jsonl'), '--store', real.store]);
      expect(recorded.status).toBe(0);
      const counts = /^recorded (\d+ event\(s\) from \d+ command\(s\)) in 1 file\(s\)/.exec(recorded.stderr)![1];
      const example = tempDir();
      try {
        const applied = geldstroom(['apply', '--example', '--store', example.store]);
        expect(applied.stderr.startsWith(`recorded ${counts} in 1 file(s)`)).toBe(true);
        for (const year of ['2023', '2024']) {
          const ofExample = geldstroom([
            'statement',
            '--region',
            'voorbeeld-holland-rijnland',
            '--year',
            year,
            '--store',
            example.store,
          ]);
          const ofReal = geldstroom([
            'statement',
            '--region',
            'holland-rijnland',
            '--year',
            year,
            '--store',
            real.store,
          ]);
          // the ledger hash differs: the region id is part of every event's content
          const withoutHash = (text: string) => text.replace(/"ledgerHash": "[0-9a-f]{64}"/, '"ledgerHash": "…"');
          expect(
            withoutHash(
              ofExample.stdout
                .replaceAll('voorbeeld-holland-rijnland', 'holland-rijnland')
                .replace('Holland Rijnland (voorbeeld)', 'Holland Rijnland'),
            ),
          ).toBe(withoutHash(ofReal.stdout));
        }
      } finally {
        example.cleanup();
      }
    } finally {
      real.cleanup();
    }
  });
});
