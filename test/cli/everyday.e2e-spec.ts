import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES, geldstroom, ROOT, tempDir } from '../support/cli';

describe('everyday use of the CLI', () => {
  const temp = tempDir();
  const store = temp.store;
  let exampleEvents = 0;
  beforeAll(() => {
    const example = geldstroom(['apply', '--example', '--store', store]);
    expect(example.status).toBe(0);
    exampleEvents = Number(/^recorded (\d+) event\(s\)/.exec(example.stderr)![1]);
    expect(geldstroom(['apply', join(EXAMPLES, 'aef-solidarity.jsonl'), '--store', store]).status).toBe(0);
    expect(geldstroom(['apply', join(EXAMPLES, 'holland-rijnland-open.jsonl'), '--store', store]).status).toBe(0);
    const reopen = join(temp.dir, 'reopen.jsonl');
    writeFileSync(
      reopen,
      '{"command": "ReopenYear", "regionId": "voorbeeld-holland-rijnland", "year": 2024, "reason": "nieuwe circulaire"}\n',
    );
    expect(geldstroom(['apply', reopen, '--store', store]).status).toBe(0);
  });
  afterAll(() => temp.cleanup());

  it('--version names the version of package.json and the Node.js it runs on', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const result = geldstroom(['--version']);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`geldstroom ${version} (Node.js ${process.versions.node})\n`);
  });

  it('regions lists every region with its years, open, closed or reopened, and its events', () => {
    const json = geldstroom(['regions', '--format', 'json', '--store', store]);
    expect(json.status).toBe(0);
    const { regions } = JSON.parse(json.stdout) as {
      regions: { regionId: string; name: string; events: number; years: { year: number; state: string }[] }[];
    };
    expect(regions.map((region) => region.regionId)).toEqual([
      'aef-average',
      'aef-average-own-25',
      'aef-income',
      'aef-income-capped',
      'holland-rijnland',
      'voorbeeld-holland-rijnland',
    ]);
    const example = regions.find((region) => region.regionId === 'voorbeeld-holland-rijnland')!;
    expect(example).toEqual({
      regionId: 'voorbeeld-holland-rijnland',
      name: 'Holland Rijnland (voorbeeld)',
      events: exampleEvents + 1, // and the reopening
      years: [
        { year: 2023, state: 'closed' },
        { year: 2024, state: 'reopened' },
      ],
    });
    expect(regions.find((region) => region.regionId === 'holland-rijnland')!.years).toEqual([
      { year: 2023, state: 'open' },
      { year: 2024, state: 'open' },
    ]);

    const table = geldstroom(['regions', '--store', store]).stdout;
    expect(table).toMatch(/^Regio\s+Naam\s+Gebeurtenissen\s+Jaren$/m);
    expect(table).toMatch(
      new RegExp(
        `^voorbeeld-holland-rijnland\\s+Holland Rijnland \\(voorbeeld\\)\\s+${exampleEvents + 1}\\s+2023 gesloten, 2024 heropend$`,
        'm',
      ),
    );
    const empty = `sqlite:${join(temp.dir, 'empty.db')}`;
    const missing = geldstroom(['regions', '--store', empty]);
    expect(missing.status).toBe(3); // a read command does not create a store
    writeFileSync(join(temp.dir, 'nothing.jsonl'), '');
    expect(geldstroom(['apply', join(temp.dir, 'nothing.jsonl'), '--store', empty]).status).toBe(0);
    expect(geldstroom(['regions', '--store', empty]).stdout).toBe('Geen regio’s in deze opslag.\n');
  });

  it.each([
    [['regins'], 'unknown command "regins" (did you mean regions?)'],
    [['statment', '--region', 'x'], 'unknown command "statment" (did you mean statement?)'],
    [['--verison'], 'unknown command "--verison" (did you mean --version?)'],
    [['statement', '--regin', 'x', '--year', '2024'], 'unknown option --regin (did you mean --region?)'],
    [['export', '--fromat', 'jsonl'], 'unknown option --fromat (did you mean --format?)'],
    [['token', 'create', '--municipalty', 'GM0546'], 'unknown option --municipalty (did you mean --municipality?)'],
  ])('a typo in %j gets a suggestion (exit 2)', (args, message) => {
    const result = geldstroom(args);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(`geldstroom: ${message}`);
  });

  it.each([
    [['statement', '--region', 'x', '--year', '2024', '--year', '2025'], '--year is given twice, as "2024" and "2025"'],
    [['balances', '--region=a', '--region', 'b', '--year', '2024'], '--region is given twice, as "a" and "b"'],
    [['statement', '--format', 'json', '--format', 'csv'], '--format is given twice, as "json" and "csv"'],
    [['token', 'create', '--role', 'admin', '--role', 'viewer'], '--role is given twice, as "admin" and "viewer"'],
  ])(
    'an option given twice with different values in %j is refused (exit 2), not the last one taken',
    (args, message) => {
      const result = geldstroom([...args, '--store', store]);
      expect([result.status, result.stdout]).toEqual([2, '']);
      expect(result.stderr.split('\n')[0]).toBe(`geldstroom: ${message}; give it once`);
    },
  );

  it('takes an option given twice with the same value, and a repeatable option given twice', () => {
    const statement = ['statement', '--region', 'voorbeeld-holland-rijnland', '--year', '2024', '--store', store];
    expect(geldstroom([...statement, '--year', '2024']).stdout).toBe(geldstroom(statement).stdout);
    expect(geldstroom([...statement, '--year', '2024']).status).toBe(0);
    // --municipality of letters is repeatable: each is read, the second one's code is the one refused here
    const letters = geldstroom([
      ...['letters', '--region', 'voorbeeld-holland-rijnland', '--year', '2024', '--store', store],
      ...['--municipality', 'GM0546', '--municipality', 'GM9999', '--out', join(temp.dir, 'letters')],
    ]);
    expect([letters.status, letters.stderr.split('\n')[0]]).toEqual([
      1,
      'geldstroom: GM9999 is not a member of region "voorbeeld-holland-rijnland"',
    ]);
  });

  it('suggests nothing for what resembles no command, and then lists them all', () => {
    const result = geldstroom(['frobnicate']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^geldstroom: unknown command "frobnicate"\n\ngeldstroom — /);
    expect(result.stderr).toContain('  regions       the regions in the store');
    expect(geldstroom(['balances', '--colour', 'red']).stderr).toMatch(/^geldstroom: unknown option --colour\n/);
  });

  describe('token create for a municipality or a region', () => {
    const tokens = join(temp.dir, 'tokens.json');
    const create = (...args: string[]) =>
      geldstroom(['token', 'create', '--actor', 'test', '--tokens', tokens, '--store', store, ...args]);

    it.each([
      [['--role', 'municipality', '--municipality', 'GM9999'], /GM9999 is a member of no region in the store sqlite:/],
      [
        ['--role', 'municipality', '--municipality', 'GM9901', '--region', 'voorbeeld-holland-rijnland'],
        /GM9901 is not a member of region voorbeeld-holland-rijnland \(members: GM0484, GM0534, /,
      ],
      [
        ['--role', 'controller', '--region', 'utrecht'],
        /region "utrecht" is not in the store sqlite:.* \(regions: aef-average, .*voorbeeld-holland-rijnland\)/,
      ],
    ])('refuses %j, creating nothing', (args, message) => {
      const result = create(...args);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toMatch(/; no token created\n$/);
      expect(result.stdout).toBe('');
      expect(existsSync(tokens)).toBe(false);
    });

    it('creates one for a member, in its region or in any region', () => {
      const leiden = create(
        '--role',
        'municipality',
        '--municipality',
        'GM0546',
        '--region',
        'voorbeeld-holland-rijnland',
      );
      expect(leiden.status).toBe(0);
      expect(leiden.stdout).toMatch(/^gst_[A-Za-z0-9_-]+\n$/);
      expect(create('--role', 'municipality', '--municipality', 'GM9902').status).toBe(0);
      expect(create('--role', 'admin').status).toBe(0);
      const listed = JSON.parse(geldstroom(['token', 'list', '--tokens', tokens]).stdout) as {
        municipality?: string;
      }[];
      expect(listed.map((token) => token.municipality ?? null)).toEqual(['GM0546', 'GM9902', null]);
    });
  });

  it('export --help says what a restore needs besides the events', () => {
    const help = geldstroom(['export', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Restore it with "geldstroom import FILE --store URL" into an empty store.');
    expect(help.stdout).toMatch(/tokens\.json\s+API tokens, kept only as hashes\. Copy it along/);
    expect(help.stdout).toMatch(/idempotency\.db\s+the answers kept for Idempotency-Key retries\. Safe to lose/);
  });
});
