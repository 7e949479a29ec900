import { ChildProcess, spawn } from 'node:child_process';
import { createServer, Server } from 'node:net';
import { join } from 'node:path';
import { BIN, geldstroom, ROOT, tempDir } from '../support/cli';
import { start, waitFor } from '../support/processes';

/** `geldstroom serve` as a user starts it (`npm run build` first), on a port of its choosing unless given one. */
function serve(dir: string, port = 0): { child: ChildProcess; stderr: () => string; exit: Promise<number | null> } {
  const child = spawn(
    process.execPath,
    [
      BIN,
      'serve',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--store',
      `sqlite:${join(dir, 'ledger.db')}`,
      '--tokens',
      join(dir, 'tokens.json'),
    ],
    { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', GELDSTROOM_STORE: '' } },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stderr: () => stderr, exit };
}

async function listening(run: ReturnType<typeof serve>): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < 30_000) {
    const match = /API on http:\/\/127\.0\.0\.1:(\d+)/.exec(run.stderr());
    if (match) return Number(match[1]);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`serve did not start: ${run.stderr()}`);
}

describe('geldstroom serve', () => {
  it('on a busy port says so in one line and exits 2, without a stack trace', async () => {
    const temp = tempDir();
    const blocker: Server = createServer();
    try {
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      const port = (blocker.address() as { port: number }).port;
      const run = serve(temp.dir, port);
      expect(await run.exit).toBe(2);
      expect(run.stderr().trim().split('\n')).toEqual([
        `geldstroom: port ${port} on 127.0.0.1 is already in use (another geldstroom serve?); choose another with --port N or PORT`,
      ]);
    } finally {
      blocker.close();
      temp.cleanup();
    }
  });

  it('stops honouring a token the moment `geldstroom token revoke` has run', async () => {
    const temp = tempDir();
    const run = serve(temp.dir);
    try {
      const port = await listening(run);
      const tokens = ['--tokens', join(temp.dir, 'tokens.json')];
      const created = geldstroom(['token', 'create', '--actor', 'carla', '--role', 'controller', ...tokens]);
      expect(created.status).toBe(0);
      const token = created.stdout.trim();
      const id = /token ([0-9a-f-]{36}) /.exec(created.stderr)![1];
      const get = () =>
        fetch(`http://127.0.0.1:${port}/api/v1/regions`, { headers: { Authorization: `Bearer ${token}` } });
      expect((await get()).status).toBe(200);
      expect(geldstroom(['token', 'revoke', '--id', id, ...tokens]).status).toBe(0);
      const refused = await get();
      expect(refused.status).toBe(401);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    } finally {
      run.child.kill('SIGTERM');
      await run.exit;
      temp.cleanup();
    }
  });
});

describe('geldstroom serve: one log stream and a graceful stop', () => {
  const region = {
    command: 'RegisterRegion',
    regionId: 'west',
    name: 'Regio West',
    centralMunicipality: 'GM0100',
    municipalities: [
      { code: 'GM0100', name: 'Centrum' },
      { code: 'GM0200', name: 'Rand' },
    ],
  };
  const payment = (paymentId: string) => ({
    command: 'RecordRijkPayment',
    regionId: 'west',
    paymentId,
    year: 2024,
    scheme: 'BW',
    basis: 'objective',
    recipient: 'GM0200',
    amount: '10.00',
  });

  function started(temp: { dir: string; store: string }, logLevel: string) {
    return start(['serve', '--port', '0', '--host', '127.0.0.1', '--store', temp.store], {
      LOG_LEVEL: logLevel,
      GELDSTROOM_TOKENS: join(temp.dir, 'tokens.json'),
      GELDSTROOM_IDEMPOTENCY: join(temp.dir, 'idempotency.db'),
    });
  }

  it('writes JSON lines only, Nest’s own included, and nothing but the banner on stderr', async () => {
    const temp = tempDir();
    try {
      const run = started(temp, 'debug');
      const url = (await waitFor(run, /Geldstroom API on (http:\/\/127\.0\.0\.1:\d+)/))[1];
      const admin = /(gst_[A-Za-z0-9_-]+)/.exec(run.output().stderr)![1];
      const bearer = { Authorization: `Bearer ${admin}` };
      expect((await fetch(`${url}/health`)).status).toBe(200);
      expect((await fetch(`${url}/api/v1/regions`)).status).toBe(401);
      expect((await fetch(`${url}/api/v1/regions/nowhere`, { headers: bearer })).status).toBe(404);
      const refused = await fetch(`${url}/api/v1/commands`, {
        method: 'POST',
        headers: { ...bearer, 'Content-Type': 'text/plain' },
        body: 'hello',
      });
      expect(refused.status).toBe(415);
      run.child.kill('SIGTERM');
      const ended = await run.ended;
      expect(ended.code).toBe(0);

      const lines = ended.stdout.split('\n').filter((line) => line !== '');
      const notJson = lines.filter((line) => {
        try {
          return typeof JSON.parse(line) !== 'object';
        } catch {
          return true;
        }
      });
      expect(notJson).toEqual([]);
      const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      // Nest's own start-up messages are there (at debug level), as JSON
      expect(records).toContainEqual(expect.objectContaining({ context: 'InstanceLoader', level: 20 }));
      expect(records.filter((record) => record.msg === 'request').map((record) => record.res)).toEqual([
        { status: 200 },
        { status: 401 },
        { status: 404 },
        { status: 415 },
      ]);
      expect(records.find((record) => record.res && (record.res as { status: number }).status === 404)).toMatchObject({
        requestId: expect.any(String),
        actor: 'admin',
        req: { method: 'GET', path: '/api/v1/regions/nowhere' },
      });
      expect(JSON.stringify(records)).not.toContain(admin);
      expect(records.map((record) => record.msg)).toEqual(expect.arrayContaining(['listening', 'stopped']));
      // stderr is for people: what the start did, and the banner last
      expect(ended.stderr.trim().split('\n').at(-1)).toMatch(/^Geldstroom API on http:\/\/127\.0\.0\.1:\d+ /);
    } finally {
      temp.cleanup();
    }
  });

  it('on SIGTERM lets the appends in flight finish: every acknowledged command is recorded, none fails', async () => {
    const temp = tempDir();
    try {
      const run = started(temp, 'silent');
      const url = (await waitFor(run, /Geldstroom API on (http:\/\/127\.0\.0\.1:\d+)/))[1];
      const admin = /(gst_[A-Za-z0-9_-]+)/.exec(run.output().stderr)![1];
      const post = (body: unknown) =>
        fetch(`${url}/api/v1/commands`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect((await post(region)).status).toBe(201);
      const answers: { paymentId: string; status: number }[] = [];
      let stopped = false;
      const burst = Array.from({ length: 40 }, (_, index) => `p${index}`).map((paymentId) =>
        post(payment(paymentId)).then(
          (response) => {
            answers.push({ paymentId, status: response.status });
            if (!stopped) {
              stopped = true;
              run.child.kill('SIGTERM');
            }
          },
          () => undefined, // sent after the server stopped accepting: refused, nothing recorded
        ),
      );
      await Promise.all(burst);
      expect((await run.ended).code).toBe(0);
      expect(answers.filter((answer) => answer.status !== 201)).toEqual([]);
      const recorded = geldstroom(['export', '--format', 'jsonl', '--store', temp.store]);
      expect(recorded.status).toBe(0);
      const paymentIds = recorded.stdout
        .split('\n')
        .filter((line) => line.includes('RijkPaymentRecorded'))
        .map((line) => (JSON.parse(line) as { data: { paymentId: string } }).data.paymentId);
      for (const { paymentId } of answers) expect(paymentIds).toContain(paymentId);
      expect(answers.length).toBeGreaterThan(0);
    } finally {
      temp.cleanup();
    }
  });
});
