import { ChildProcess, spawn } from 'node:child_process';
import { connect, Socket } from 'node:net';

/**
 * A loopback port that swallows connection attempts, as a firewall that drops packets does: a
 * listener with a one-place queue, stopped (SIGSTOP) so it never accepts, with the queue filled. The
 * kernel then drops further SYNs and a connect() hangs instead of being refused.
 */
export async function blackHole(): Promise<{ port: number; close: () => void }> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '-e',
      "const s = require('node:net').createServer(); s.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => console.log(s.address().port));",
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = Number(await new Promise<Buffer>((resolve) => child.stdout!.once('data', resolve)));
  child.kill('SIGSTOP');
  const fillers: Socket[] = [];
  for (let i = 0; i < 4; i += 1) fillers.push(connect(port, '127.0.0.1').on('error', () => undefined));
  await new Promise((resolve) => setTimeout(resolve, 200));
  return {
    port,
    close: () => {
      for (const socket of fillers) socket.destroy();
      child.kill('SIGKILL');
    },
  };
}
