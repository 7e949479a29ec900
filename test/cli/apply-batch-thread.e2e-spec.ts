import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { EXAMPLES, geldstroom, tempDir } from '../support/cli';

/**
 * `apply --batch` runs the CLI on a thread of its own (bin/apply-thread.js, for its larger young
 * generation): what a user sees — the output, the messages and the exit codes — must be what the same
 * run gives on the main thread, and what it records must read the same.
 */
describe('apply --batch on its own thread', () => {
  const temp = tempDir('geldstroom-batch-thread-');
  const file = join(EXAMPLES, 'holland-rijnland.jsonl');
  const url = (name: string) => `sqlite:${join(temp.dir, name)}`;
  afterAll(() => temp.cleanup());

  it('records the file, reports it, and the store reads and verifies as a plain apply does', () => {
    const batched = geldstroom(['apply', '--batch', file, '--store', url('batched.db')]);
    const plain = geldstroom(['apply', file, '--store', url('plain.db')]);
    expect(batched.status).toBe(0);
    expect(batched.stderr).toMatch(/^recorded 96 event\(s\) from 79 command\(s\) in 1 file\(s\) \(\d+ ms, sqlite:/);
    expect(batched.stderr.replace(/\(\d+ ms, .*\)/, '')).toBe(plain.stderr.replace(/\(\d+ ms, .*\)/, ''));
    for (const args of [
      ['verify'],
      ['regions', '--format', 'json'],
      ['statement', '--region', 'holland-rijnland', '--year', '2024', '--format', 'csv'],
    ]) {
      const fromBatched = geldstroom([...args, '--store', url('batched.db')]);
      const fromPlain = geldstroom([...args, '--store', url('plain.db')]);
      expect(fromBatched.status).toBe(0);
      // the ledger hash differs (each run records its own time and command ids): compared without it
      const unhashed = (text: string) => text.replace(/[0-9a-f]{64}/g, 'HASH');
      expect(unhashed(fromBatched.stdout)).toBe(unhashed(fromPlain.stdout));
    }
    // a second run records nothing again
    const again = geldstroom(['apply', '--batch', file, '--store', url('batched.db')]);
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(/^recorded 0 event\(s\) from 79 command\(s\)/);
  });

  it('gives the same messages and exit codes for a rejected line, a usage error and --help', () => {
    const bad = join(temp.dir, 'bad.jsonl');
    writeFileSync(bad, '{"regionId":"x"}\n');
    for (const args of [
      ['apply', bad, '--store', url('bad.db')],
      ['apply', join(temp.dir, 'missing.jsonl'), '--store', url('bad.db')],
      ['apply', '--help'],
      ['apply', '--region'],
    ]) {
      const plain = geldstroom(args);
      const batched = geldstroom([...args.slice(0, 1), '--batch', ...args.slice(1)]);
      expect(plain.status).not.toBe(-1);
      expect({ status: batched.status, stdout: batched.stdout, stderr: batched.stderr }).toEqual({
        status: plain.status,
        stdout: plain.stdout,
        stderr: plain.stderr,
      });
    }
    expect(geldstroom(['apply', '--batch', bad, '--store', url('bad.db')])).toMatchObject({
      status: 1,
      stderr: expect.stringContaining(`${bad}:1:`),
    });
  });
});
