import ExcelJS from 'exceljs';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { differences, EXAMPLES, geldstroom, ROOT, tempDir } from '../support/cli';
import { rechain, shiftRevisions, swapRevisions, tamper } from '../support/tamper';

const REGION = 'holland-rijnland';
const STREAM = `region-${REGION}`;
const LEGACY = join(ROOT, 'test', 'fixtures', 'legacy');
const HASH = /^[0-9a-f]{64}$/;

/** How many events the intact example store holds (the example grows with the domain). */
let EVENTS = 0;
const ledgerHashOf = (stdout: string) => /: (\d+) events, ledger hash ([0-9a-f]{64})$/m.exec(stdout)?.[2];
const statementJson = (store: string, year: number) => {
  const result = geldstroom(['statement', '--region', REGION, '--year', String(year), '--store', store]);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
};

describe('integrity: the hash chain and geldstroom verify', () => {
  const temp = tempDir('geldstroom-integrity-');
  const original = join(temp.dir, 'original.db');
  let ledgerHash: string;
  /** A copy of the intact store to tamper with. */
  const copy = (name: string) => {
    const path = join(temp.dir, `${name}.db`);
    copyFileSync(original, path);
    return { path, url: `sqlite:${path}` };
  };

  beforeAll(() => {
    expect(
      geldstroom(['apply', join(EXAMPLES, 'holland-rijnland.jsonl'), '--store', `sqlite:${original}`]).status,
    ).toBe(0);
    const verified = geldstroom(['verify', '--store', `sqlite:${original}`]);
    expect(verified.status).toBe(0);
    ledgerHash = ledgerHashOf(verified.stdout)!;
    EVENTS = Number(/: (\d+) events/.exec(verified.stdout)![1]);
  });
  afterAll(() => temp.cleanup());

  it('verifies an intact store: one line per region with its event count and ledger hash', () => {
    const result = geldstroom(['verify', '--store', `sqlite:${original}`]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${REGION}: ${EVENTS} events, ledger hash ${ledgerHash}\n`);
    expect(result.stderr).toBe('');
    expect(
      geldstroom(['verify', '--region', REGION, '--expect', ledgerHash, '--store', `sqlite:${original}`]).status,
    ).toBe(0);
  });

  it('statements carry the ledger hash: JSON, table, CSV and workbook', async () => {
    const store = `sqlite:${original}`;
    expect(statementJson(store, 2024).ledgerHash).toBe(ledgerHash);
    const table = geldstroom([
      'statement',
      '--region',
      REGION,
      '--year',
      '2024',
      '--format',
      'table',
      '--store',
      store,
    ]);
    expect(table.stdout).toContain(`Ledger-hash (vingerafdruk van de vastgelegde geschiedenis): ${ledgerHash}`);
    const csv = geldstroom(['statement', '--region', REGION, '--year', '2024', '--format', 'csv', '--store', store]);
    expect(csv.stdout.trim().split('\n').at(-1)).toBe(
      `2024;integriteit;ledgerHash;Ledger-hash (vingerafdruk van de vastgelegde geschiedenis): ${ledgerHash};;;`,
    );
    const xlsx = join(temp.dir, 'statement.xlsx');
    geldstroom([
      'statement',
      '--region',
      REGION,
      '--year',
      '2024',
      '--format',
      'xlsx',
      '--out',
      xlsx,
      '--store',
      store,
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    const rows = workbook.getWorksheet('Overzicht')!.getSheetValues() as unknown[][];
    expect(rows.some((row) => row?.[2] === ledgerHash)).toBe(true);
    const journal = geldstroom(['export', '--format', 'hledger', '--region', REGION, '--store', store]);
    expect(journal.stdout).toContain(`; ledger hash ${ledgerHash}`);
    const backup = geldstroom([
      'export',
      '--format',
      'jsonl',
      '--out',
      join(temp.dir, 'backup.jsonl'),
      '--store',
      store,
    ]);
    expect(backup.stderr).toContain(`${REGION}: ${EVENTS} events, ledger hash ${ledgerHash}`);
  });

  it('a statement as of a moment pins the history up to that moment', () => {
    const lines = readFileSync(join(temp.dir, 'backup.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const at = lines[30].metadata.recordedAt;
    const asOf = geldstroom([
      'statement',
      '--region',
      REGION,
      '--year',
      '2023',
      '--as-of',
      at,
      '--store',
      `sqlite:${original}`,
    ]);
    const lastInView = lines.filter((line) => line.metadata.recordedAt <= at).at(-1);
    expect(JSON.parse(asOf.stdout).ledgerHash).toBe(lastInView.metadata.hash);
  });

  it('--expect with another hash fails, naming the region and both hashes', () => {
    const other = 'a'.repeat(64);
    const result = geldstroom(['verify', '--region', REGION, '--expect', other, '--store', `sqlite:${original}`]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `geldstroom: region ${REGION}: the ledger hash is ${ledgerHash}, not the expected ${other}: this history is not the one that hash pins\n`,
    );
    expect(geldstroom(['verify', '--expect', other, '--store', `sqlite:${original}`]).status).toBe(2);
    expect(geldstroom(['verify', '--region', REGION, '--expect', 'abc', '--store', `sqlite:${original}`]).status).toBe(
      2,
    );
    const unknown = geldstroom(['verify', '--region', 'nowhere', '--store', `sqlite:${original}`]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/^geldstroom: region "nowhere" is not registered\n/);
  });

  describe.each([
    [
      'a row whose data was edited',
      (db: import('better-sqlite3').Database) =>
        db
          .prepare(
            "UPDATE events SET data = replace(data, '9850000.00', '9950000.00') WHERE stream_id = ? AND revision = 8",
          )
          .run(STREAM),
      'revision 8 edited: its content does not match its hash: it was edited, or written outside the ledger',
    ],
    [
      'a deleted row',
      (db: import('better-sqlite3').Database) =>
        db.prepare('DELETE FROM events WHERE stream_id = ? AND revision = 20').run(STREAM),
      'revision 20 missing: the stream goes from revision 19 to 21',
    ],
    [
      'two rows whose revisions were swapped',
      (db: import('better-sqlite3').Database) => swapRevisions(db, STREAM, 12, 13),
      'revision 12 reordered: revisions 12 and 13 were swapped: each holds the event recorded at the other',
    ],
    [
      'a forged row put in between, the rest moved up',
      (db: import('better-sqlite3').Database) => {
        shiftRevisions(db, STREAM, 30, 1);
        const row = db.prepare('SELECT * FROM events WHERE stream_id = ? AND revision = 8').get(STREAM) as Record<
          string,
          unknown
        >;
        db.prepare(
          'INSERT INTO events (event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, 30, ?, ?, ?)',
        ).run('3f1d3b5e-0000-4000-8000-000000000030', STREAM, row.type, row.data, row.metadata);
      },
      'revision 30 inserted: it is not part of the chain: inserted before the event recorded at revision 30, which now stands at revision 31',
    ],
    [
      'a forged row added at the end without a hash',
      (db: import('better-sqlite3').Database) => {
        const row = db.prepare('SELECT * FROM events WHERE stream_id = ? AND revision = 8').get(STREAM) as Record<
          string,
          unknown
        >;
        const { hash: _hash, ...metadata } = JSON.parse(row.metadata as string);
        db.prepare(
          'INSERT INTO events (event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
        ).run('3f1d3b5e-0000-4000-8000-000000000057', STREAM, EVENTS, row.type, row.data, JSON.stringify(metadata));
      },
      () =>
        `revision ${EVENTS} unchained: it has no hash although the chain starts at revision 0: it was written outside the ledger`,
    ],
    [
      'an unbalanced posting, with every hash recomputed after it',
      (db: import('better-sqlite3').Database) => {
        db.prepare(
          `UPDATE events SET data = json_set(data, '$.postings[0].amount', '-1.00') WHERE stream_id = ? AND revision = 8`,
        ).run(STREAM);
        rechain(db, STREAM);
      },
      'revision 8 unbalanced: its postings sum to 9849999.00, not zero',
    ],
  ] as const)('%s', (name, forge, found) => {
    // read when a test runs: some findings name the event count, known only after the example is applied
    const finding = () => (typeof found === 'function' ? found() : found);
    let store: { path: string; url: string };
    beforeAll(() => {
      store = copy(name.replace(/\W+/g, '-'));
      tamper(store.path, forge);
    });

    it('is caught by verify, naming the region, the first bad revision and what is wrong', () => {
      const result = geldstroom(['verify', '--store', store.url]);
      expect(result.status).toBe(1);
      expect(result.stderr).toBe(`geldstroom: region ${REGION}: ${finding()}\n`);
      expect(result.stdout).toBe('');
    });

    it('the region accepts no new event and serves no statement from it', () => {
      const command = join(temp.dir, `${name.length}-more.jsonl`);
      writeFileSync(
        command,
        JSON.stringify({
          command: 'RecordRegionalCost',
          regionId: REGION,
          costId: 'forged-later',
          year: 2024,
          scheme: 'BW',
          amount: '1.00',
        }),
      );
      const refused = geldstroom(['apply', command, '--store', store.url]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toBe(
        `geldstroom: region ${REGION}: ${finding()}; it accepts no new events until its history is restored from a backup (see geldstroom verify)\n`,
      );
      const statement = geldstroom(['statement', '--region', REGION, '--year', '2024', '--store', store.url]);
      expect(statement.status).toBe(1);
      expect(statement.stderr).toContain(`region ${REGION}: ${finding()}`);
    });

    it('migrate refuses it instead of reporting no differences, and copies nothing', () => {
      const target = join(temp.dir, `${name.length}-migrated.db`);
      const result = geldstroom(['migrate', '--from', store.url, '--to', `sqlite:${target}`]);
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`geldstroom: region ${REGION}: ${finding()}; nothing was migrated\n`);
      expect(geldstroom(['export', '--format', 'jsonl', '--store', `sqlite:${target}`]).stdout).toBe('');
    });

    it('a backup of it is written with a warning, and import refuses it naming the line', () => {
      const backup = join(temp.dir, `${name.length}-backup.jsonl`);
      const exported = geldstroom(['export', '--format', 'jsonl', '--out', backup, '--store', store.url]);
      expect(exported.status).toBe(0);
      expect(exported.stderr).toMatch(new RegExp(`warning: region ${REGION}: revision \\d+ \\w+`));
      const target = join(temp.dir, `${name.length}-imported.db`);
      const imported = geldstroom(['import', backup, '--store', `sqlite:${target}`]);
      expect(imported.status).toBe(1);
      expect(imported.stderr).toMatch(
        /^.*\.jsonl:\d+: region holland-rijnland: revision \d+ \w+: .*; nothing was imported\n$/,
      );
      expect(
        existsSync(target) ? geldstroom(['export', '--format', 'jsonl', '--store', `sqlite:${target}`]).stdout : '',
      ).toBe('');
    });
  });

  it('a history edited and re-hashed throughout passes the chain check, but not the ledger hash printed before', () => {
    const store = copy('rechained');
    let forgedHead = '';
    tamper(store.path, (db) => {
      db.prepare(
        "UPDATE events SET data = replace(data, '9850000.00', '9950000.00') WHERE stream_id = ? AND revision = 8",
      ).run(STREAM);
      forgedHead = rechain(db, STREAM);
    });
    const plain = geldstroom(['verify', '--store', store.url]);
    expect(plain.status).toBe(0);
    expect(ledgerHashOf(plain.stdout)).toBe(forgedHead);
    const pinned = geldstroom(['verify', '--region', REGION, '--expect', ledgerHash, '--store', store.url]);
    expect(pinned.status).toBe(1);
    expect(pinned.stderr).toContain(`the ledger hash is ${forgedHead}, not the expected ${ledgerHash}`);
  });

  it('--contains checks an old letter: its hash is a head the intact chain passed through, though --expect now fails', () => {
    const store = copy('later-events');
    const later = join(temp.dir, 'later.jsonl');
    writeFileSync(
      later,
      JSON.stringify({
        command: 'RecordRijkPayment',
        regionId: REGION,
        paymentId: 'na-de-brief',
        year: 2030,
        scheme: 'MO',
        basis: 'objective',
        recipient: 'GM0546',
        amount: '1000.00',
      }) + '\n',
    );
    // a later year's payment: the letter's year is closed, the history goes on
    expect(geldstroom(['apply', later, '--store', store.url]).status).toBe(0);
    expect(geldstroom(['verify', '--region', REGION, '--expect', ledgerHash, '--store', store.url]).status).toBe(1);
    const contains = geldstroom(['verify', '--region', REGION, '--contains', ledgerHash, '--store', store.url]);
    expect(contains.stderr).toBe('');
    expect(contains.status).toBe(0);
    expect(contains.stdout).toMatch(
      new RegExp(
        `^${REGION}: hash ${ledgerHash} is the chain's head after event ${EVENTS} of ${EVENTS + 1} \\(\\w+, recorded \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\)\n$`,
      ),
    );
    const current = geldstroom([
      'verify',
      '--region',
      REGION,
      '--contains',
      ledgerHash,
      '--store',
      `sqlite:${original}`,
    ]);
    expect(current.stdout).toContain(`after event ${EVENTS} of ${EVENTS}`);
    expect(current.stdout).toContain('it is the current ledger hash');

    const other = 'c'.repeat(64);
    const missing = geldstroom(['verify', '--region', REGION, '--contains', other, '--store', store.url]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe(
      `geldstroom: region ${REGION}: hash ${other} is not in its chain (${EVENTS + 1} events, ledger hash ${ledgerHashOf(geldstroom(['verify', '--store', store.url]).stdout)}): the document was not made from this history\n`,
    );
    expect(geldstroom(['verify', '--contains', ledgerHash, '--store', store.url]).status).toBe(2);
    expect(
      geldstroom(['verify', '--region', REGION, '--contains', ledgerHash, '--expect', ledgerHash, '--store', store.url])
        .status,
    ).toBe(2);
  });

  it("--contains vouches for no hash of a history edited and rechained behind the ledger's back", () => {
    const store = copy('forged-contains');
    tamper(store.path, (db) => {
      db.prepare(
        "UPDATE events SET data = replace(data, '9850000.00', '9950000.00') WHERE stream_id = ? AND revision = 8",
      ).run(STREAM);
      rechain(db, STREAM);
    });
    const result = geldstroom(['verify', '--region', REGION, '--contains', ledgerHash, '--store', store.url]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`hash ${ledgerHash} is not in its chain`);
  });
});

describe('a store written before the hash chain existed (test/fixtures/legacy, written by the first version)', () => {
  const temp = tempDir('geldstroom-legacy-');
  const legacy = join(temp.dir, 'legacy.db');
  const store = `sqlite:${legacy}`;
  let legacyHash: string;
  beforeAll(() => copyFileSync(join(LEGACY, 'holland-rijnland-v0.db'), legacy));
  afterAll(() => temp.cleanup());

  it('still loads and gives the statements it gave then', () => {
    for (const year of [2023, 2024]) {
      const then = JSON.parse(readFileSync(join(LEGACY, `holland-rijnland-v0-${year}.json`), 'utf8'));
      const now = statementJson(store, year);
      expect(differences(now, then)).toEqual([]);
      expect(now.ledgerHash).toMatch(HASH);
    }
  });

  it('verifies as unchained: exit 0, with a note', () => {
    const result = geldstroom(['verify', '--store', store]);
    expect(result.status).toBe(0);
    legacyHash = ledgerHashOf(result.stdout)!;
    expect(result.stdout).toBe(`${REGION}: 57 events, ledger hash ${legacyHash}\n`);
    expect(result.stderr).toMatch(
      /^note: holland-rijnland: all of its events were recorded before the hash chain existed and are unchained/,
    );
    expect(statementJson(store, 2024).ledgerHash).toBe(legacyHash);
  });

  it('migrates into a chained store with the same ledger hash and statements', () => {
    const target = `sqlite:${join(temp.dir, 'migrated.db')}`;
    const result = geldstroom(['migrate', '--from', store, '--to', target]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      events: 57,
      chainedOnCopy: 57,
      ledgerHashes: { [REGION]: legacyHash },
      differences: [],
    });
    const verified = geldstroom(['verify', '--store', target]);
    expect(verified.stdout).toBe(`${REGION}: 57 events, ledger hash ${legacyHash}\n`);
    expect(verified.stderr).toBe('');
    for (const year of [2023, 2024]) expect(statementJson(target, year)).toEqual(statementJson(store, year));
  });

  it('its jsonl backup imports into a chained store with the same ledger hash', () => {
    const target = `sqlite:${join(temp.dir, 'imported.db')}`;
    expect(geldstroom(['import', join(LEGACY, 'holland-rijnland-v0.jsonl'), '--store', target]).status).toBe(0);
    const verified = geldstroom(['verify', '--store', target]);
    expect(verified.stdout).toBe(`${REGION}: 57 events, ledger hash ${legacyHash}\n`);
    expect(verified.stderr).toBe('');
  });

  it('accepts new events, chained onto the computed hashes of the old ones', () => {
    const command = join(temp.dir, 'cost.jsonl');
    writeFileSync(
      command,
      JSON.stringify({
        command: 'RecordRegionalCost',
        regionId: REGION,
        costId: 'later',
        year: 2025,
        scheme: 'BW',
        amount: '1.00',
      }),
    );
    expect(geldstroom(['apply', command, '--store', store]).status).toBe(0);
    const result = geldstroom(['verify', '--store', store]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^holland-rijnland: 58 events, ledger hash [0-9a-f]{64}\n$/);
    expect(result.stderr).toMatch(
      /^note: holland-rijnland: 57 of its events were recorded before the hash chain existed/,
    );
    expect(
      differences(
        statementJson(store, 2024),
        JSON.parse(readFileSync(join(LEGACY, 'holland-rijnland-v0-2024.json'), 'utf8')),
      ),
    ).toEqual([]);
  });
});
