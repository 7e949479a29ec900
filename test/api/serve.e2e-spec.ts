import { ChildProcess, spawn } from 'node:child_process';
import { createServer, Server } from 'node:net';
import { join } from 'node:path';
import { BIN, geldstroom, ROOT, tempDir } from '../support/cli';

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
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
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
