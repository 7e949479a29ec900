import { execFileSync } from 'node:child_process';
import { constants, createReadStream, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { serviceLogger } from './service-log';

const LINES = 20_000;
const BACKLOG = 64 * 1024;

/** Reads the pipe until a line satisfies `enough`; returns every line read. */
function readUntil(fifo: string, enough: (lines: string[]) => boolean): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    let rest = '';
    const stream = createReadStream(fifo, { encoding: 'utf8' });
    stream.on('data', (chunk: string | Buffer) => {
      const parts = (rest + String(chunk)).split('\n');
      rest = parts.pop() ?? '';
      lines.push(...parts);
      if (enough(lines)) {
        stream.destroy();
        resolve(lines);
      }
    });
    stream.on('error', reject);
  });
}

describe('the service log when stdout is not read', () => {
  let dir: string;
  let destination: { _len: number; destroy(): void } | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'geldstroom-log-'));
  });
  afterEach(() => {
    // closes the pipe too; what it still holds is not written
    destination?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps at most its backlog in memory, drops the rest and then says how many lines it dropped', async () => {
    const fifo = join(dir, 'stdout');
    execFileSync('mkfifo', [fifo]);
    // a pipe with nobody reading it yet: the kernel takes 64 KiB, then every write waits
    const fd = openSync(fifo, constants.O_RDWR | constants.O_NONBLOCK);
    const logger = serviceLogger({ level: 'info', fd, backlogBytes: BACKLOG });
    for (let n = 0; n < LINES; n += 1) logger.info({ n }, 'a request that was answered, with its line in the log');

    destination = (logger as unknown as Record<symbol, typeof destination>)[pino.symbols.streamSym];
    expect(destination?._len).toBeLessThanOrEqual(BACKLOG);

    const lines = await readUntil(fifo, (read) => read.some((line) => line.includes('"droppedLines"')));
    const entries = lines.filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = entries.filter((entry) => typeof entry.n === 'number');
    const reports = entries.filter((entry) => typeof entry.droppedLines === 'number');
    const dropped = reports.reduce((sum, entry) => sum + Number(entry.droppedLines), 0);
    expect(dropped).toBeGreaterThan(0);
    expect(reports[0].level).toBe(40);
    expect(reports[0].msg).toMatch(/log line\(s\) dropped/);
    // no line is lost without being counted
    expect(requests.length + dropped).toBe(LINES);
    // the lines that were written are whole and in order
    expect(requests.map((entry) => entry.n)).toEqual(
      [...requests.map((entry) => entry.n)].sort((a, b) => Number(a) - Number(b)),
    );
  });
});
