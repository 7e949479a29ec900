import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, EXAMPLES, geldstroom, tempDir } from '../support/cli';

/** The store-unavailable answer of the CLI: exit 3 and exactly one line, no stack trace. */
function expectOneLineExit3(result: { status: number; stderr: string; stdout: string }, what: RegExp): void {
  expect(result.status).toBe(3);
  expect(result.stdout).toBe('');
  expect(result.stderr.endsWith('\n')).toBe(true);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr.trimEnd()).toMatch(what);
  expect(result.stderr).not.toMatch(/\n\s+at |SqliteError|unexpected error/);
}

describe('the CLI against a store it cannot use', () => {
  const temp = tempDir('geldstroom-store-faults-');
  const seeded = join(temp.dir, 'seeded.db');
  const copy = (name: string) => {
    const path = join(temp.dir, name);
    copyFileSync(seeded, path);
    return path;
  };
  beforeAll(() => {
    expect(geldstroom(['apply', join(EXAMPLES, 'holland-rijnland.jsonl'), '--store', `sqlite:${seeded}`]).status).toBe(
      0,
    );
  });
  afterAll(() => temp.cleanup());

  it.each([
    ['statement', ['statement', '--region', 'holland-rijnland', '--year', '2024']],
    ['balances', ['balances', '--region', 'holland-rijnland', '--year', '2024']],
    ['explain', ['explain', '--region', 'holland-rijnland', '--year', '2024', '--account', 'municipality:GM0546:bw']],
    ['trace', ['trace', '--region', 'holland-rijnland', '--payment', 'iu-bw-2024']],
    ['verify', ['verify']],
    ['export', ['export', '--format', 'jsonl']],
    ['apply --dry-run', ['apply', join(EXAMPLES, 'holland-rijnland.jsonl'), '--dry-run']],
  ])('%s on a SQLite path that does not exist says so and creates nothing', (_name, args) => {
    const path = join(temp.dir, 'missing', 'nothing-here.db');
    const result = geldstroom([...args, '--store', `sqlite:${path}`]);
    expectOneLineExit3(
      result,
      /^geldstroom: cannot open the SQLite store at .*nothing-here\.db: there is no such file, and this command does not create one \(apply, import and serve do\)$/m,
    );
    expect(existsSync(path)).toBe(false);
    expect(existsSync(join(temp.dir, 'missing'))).toBe(false);
  });

  it('a corrupted store (bytes overwritten in the file) is refused by every command: exit 3, one line — not an unknown region', () => {
    const path = copy('corrupted.db');
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    for (let offset = 4096 * 2; offset < size; offset += 4096 * 4)
      writeSync(fd, Buffer.alloc(4096, 0x41), 0, 4096, offset);
    closeSync(fd);
    const what = /^geldstroom: cannot open the SQLite store at .*corrupted\.db: it is damaged/;
    // a command that only reads checks the pages it reads (see SqliteCheck): refused as it reads them
    for (const read of [
      ['statement', '--region', 'holland-rijnland', '--year', '2024'],
      ['balances', '--region', 'holland-rijnland', '--year', '2024'],
    ])
      expectOneLineExit3(
        geldstroom([...read, '--store', `sqlite:${path}`]),
        /^geldstroom: cannot (open|read) the SQLite store at .*corrupted\.db: it is damaged/,
      );
    expectOneLineExit3(
      geldstroom(['apply', join(EXAMPLES, 'aef-solidarity.jsonl'), '--store', `sqlite:${path}`]),
      what,
    );
    expectOneLineExit3(geldstroom(['verify', '--store', `sqlite:${path}`]), what);
    // the service does not start on it (before, it served 404 "region not registered")
    expectOneLineExit3(
      geldstroom(['serve', '--port', '0', '--store', `sqlite:${path}`], {
        GELDSTROOM_TOKENS: join(temp.dir, 'tokens.json'),
        GELDSTROOM_IDEMPOTENCY: join(temp.dir, 'idempotency.db'),
      }),
      what,
    );
  });

  it('a file that is not a SQLite database: exit 3, one line', () => {
    const path = join(temp.dir, 'notes.db');
    writeFileSync(path, 'these are my notes, not a ledger\n'.repeat(200));
    expectOneLineExit3(
      geldstroom(['statement', '--region', 'holland-rijnland', '--year', '2024', '--store', `sqlite:${path}`]),
      /the file is not a SQLite database$/m,
    );
  });

  it('a store locked by another connection: a write waits its busy timeout, then exit 3 with one line; nothing is recorded', () => {
    const path = copy('locked.db');
    const other = new Database(path);
    try {
      other.exec('BEGIN EXCLUSIVE');
      const result = geldstroom([
        'apply',
        join(EXAMPLES, 'aef-solidarity.jsonl'),
        '--store',
        `sqlite:${path}?busyTimeoutMs=200`,
      ]);
      expectOneLineExit3(
        result,
        /^geldstroom: cannot record in the SQLite store at .*locked\.db: another connection holds a lock on it \(still locked after 200 ms\); nothing was recorded$/,
      );
      // the lock keeps writers out, not readers (WAL)
      expect(
        geldstroom([
          'statement',
          '--region',
          'holland-rijnland',
          '--year',
          '2024',
          '--store',
          `sqlite:${path}?busyTimeoutMs=200`,
        ]).status,
      ).toBe(0);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(geldstroom(['verify', '--store', `sqlite:${path}`]).stdout).toBe(
      geldstroom(['verify', '--store', `sqlite:${seeded}`]).stdout,
    );
  });

  it('a store locked exclusively (readers kept out too): every command, exit 3 with one line', () => {
    const path = copy('exclusive.db');
    const other = new Database(path);
    try {
      other.pragma('locking_mode = EXCLUSIVE');
      other.exec('BEGIN EXCLUSIVE');
      expectOneLineExit3(
        geldstroom([
          'statement',
          '--region',
          'holland-rijnland',
          '--year',
          '2024',
          '--store',
          `sqlite:${path}?busyTimeoutMs=200`,
        ]),
        /^geldstroom: cannot open the SQLite store at .*exclusive\.db: another connection holds a lock on it \(still locked after 200 ms\)$/,
      );
    } finally {
      other.exec('COMMIT');
      other.close();
    }
  });

  // A really full file system, without touching the machine's mounts: a tmpfs of 300 KiB in a mount
  // namespace of the command's own (unshare), which disappears with it.
  const unshare = spawnSync('unshare', ['--mount', '--propagation', 'private', 'true']);
  if (unshare.status !== 0)
    process.stderr.write(
      `store-faults: the full-disk test is skipped: a private tmpfs needs unshare --mount (root), which failed here: ${unshare.stderr.toString()}\n`,
    );
  (unshare.status === 0 ? it : it.skip)(
    'a full disk: exit 3 with one line, and what was recorded before stays intact',
    () => {
      const mount = join(temp.dir, 'tiny');
      const script = [
        'set -e',
        `mkdir -p ${mount}`,
        `mount -t tmpfs -o size=300k tmpfs ${mount}`,
        `cp ${seeded} ${mount}/ledger.db`,
        `set +e`,
        `"${process.execPath}" ${BIN} apply ${join(EXAMPLES, 'regio-zuid-meerjarig.jsonl')} ${join(EXAMPLES, 'aef-solidarity.jsonl')} --store sqlite:${mount}/ledger.db`,
        `echo "exit=$?"`,
        `"${process.execPath}" ${BIN} verify --store sqlite:${mount}/ledger.db`,
      ].join('\n');
      // the store (~180 KiB) and its shared memory (32 KiB) leave too little room for the WAL of the examples'
      // commands (~115 events of ~1 KiB, committed together: apply commits up to 100 commands at a time)
      const run = spawnSync('unshare', ['--mount', '--propagation', 'private', 'bash', '-c', script], {
        encoding: 'utf8',
        env: { ...process.env, GELDSTROOM_STORE: '' },
      });
      expect(run.stdout + run.stderr).toMatch(/exit=3/);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr.trimEnd()).toMatch(
        /^geldstroom: cannot record in the SQLite store at .*ledger\.db: the disk or file system is full; nothing was recorded$/,
      );
      expect(run.stdout).toContain(geldstroom(['verify', '--store', `sqlite:${seeded}`]).stdout);
    },
  );
});
