import { connect } from 'node:net';
import { blackHole } from '../support/black-hole';
import { geldstroom } from '../support/cli';

describe('a KurrentDB that does not answer at all (packets dropped)', () => {
  it('is really a black hole: a connection attempt neither succeeds nor is refused', async () => {
    const hole = await blackHole();
    try {
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect(hole.port, '127.0.0.1');
        socket.setTimeout(1_000, () => resolve('still connecting'));
        socket.on('connect', () => resolve('connected'));
        socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect(outcome).toBe('still connecting');
    } finally {
      hole.close();
    }
  });

  it('fails the command after the connect timeout and the CLI exits, instead of hanging on the connection attempt', async () => {
    const hole = await blackHole();
    try {
      const url = `kurrentdb://127.0.0.1:${hole.port}?tls=false`;
      const started = Date.now();
      const result = geldstroom(['regions', '--store', url]);
      const elapsedMs = Date.now() - started;

      expect(result.status).toBe(3);
      expect(result.stderr).toBe(
        `geldstroom: EventStoreDB at ${url} did not answer within 3000 ms; is the server running, and are host, port and tls= right?\n`,
      );
      // 3 s connect timeout plus start-up; without the explicit exit the process lingered for minutes
      expect(elapsedMs).toBeLessThan(10_000);
    } finally {
      hole.close();
    }
  });
});
