import Database from 'better-sqlite3';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES, geldstroom, tempDir } from '../support/cli';

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
const payment = (paymentId: string, amount: unknown) => ({
  command: 'RecordRijkPayment',
  regionId: 'west',
  paymentId,
  year: 2024,
  scheme: 'BW',
  basis: 'objective',
  recipient: 'GM0200',
  amount,
});

describe('geldstroom apply', () => {
  const temp = tempDir();
  afterAll(() => temp.cleanup());
  const file = (name: string, lines: unknown[]) => {
    const path = join(temp.dir, name);
    writeFileSync(path, lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n'));
    return path;
  };
  const balances = () =>
    JSON.parse(geldstroom(['balances', '--region', 'west', '--year', '2024', '--store', temp.store]).stdout).accounts;

  it('stops at the first line that is no command, naming it; the commands before it stay recorded (interface §2)', () => {
    const path = file('malformed.jsonl', [
      '# comment',
      '',
      region,
      payment('p1', '100.00'),
      payment('p2', 12.5),
      payment('p3', '7.00'),
      '{"command": "RecordRijkPayment",',
    ]);
    const store = `sqlite:${join(temp.dir, 'malformed.db')}`;
    const own = () =>
      JSON.parse(geldstroom(['balances', '--region', 'west', '--year', '2024', '--store', store]).stdout).accounts;
    const result = geldstroom(['apply', path, '--store', store]);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      `${path}:5: RecordRijkPayment.amount: must be a decimal string such as "1234.56", got 12.5 (a JSON number)`,
    );
    expect(own()).toEqual({ 'municipality:GM0200:bw': '100.00', rijk: '-100.00' });
    // the file corrected and applied again: the recorded lines record nothing, the rest is added
    writeFileSync(
      path,
      [region, payment('p1', '100.00'), payment('p2', '12.50'), payment('p3', '7.00')]
        .map((l) => (typeof l === 'string' ? l : JSON.stringify(l)))
        .join('\n'),
    );
    expect(geldstroom(['apply', path, '--store', store]).status).toBe(0);
    expect(own()).toEqual({ 'municipality:GM0200:bw': '119.50', rijk: '-119.50' });
  });

  it('stops at the first command the ledger refuses with FILE:LINE, the field and the reason; earlier commands stay recorded', () => {
    const path = file('bad.jsonl', [
      '# comment',
      '',
      region,
      payment('p1', '100.00'),
      payment('p1', '12.50'),
      payment('p3', '7.00'),
    ]);
    const result = geldstroom(['apply', path, '--store', temp.store]);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      `${path}:5: RecordRijkPayment.paymentId: paymentId "p1" is already recorded with other content`,
    );
    expect(balances()).toEqual({ 'municipality:GM0200:bw': '100.00', rijk: '-100.00' });
  });

  it('refuses a file that is not UTF-8 (saved as Windows-1252), naming the line of the first such byte, and records nothing of it', () => {
    const path = join(temp.dir, 'cp1252.jsonl');
    const lines = [region, payment('p-cp1252', '1.00'), { ...payment('p-cafe', '2.00'), reference: 'café' }];
    // é as the one byte E9 of Windows-1252, which UTF-8 would read as U+FFFD
    writeFileSync(path, Buffer.from(lines.map((line) => JSON.stringify(line)).join('\r\n'), 'latin1'));
    const store = `sqlite:${join(temp.dir, 'cp1252.db')}`;
    const result = geldstroom(['apply', path, '--store', store]);
    expect([result.status, result.stderr.trim()]).toEqual([
      1,
      `${path}:3: is not UTF-8 text; save the file as UTF-8 (it may be Windows-1252)`,
    ]);
    expect(JSON.parse(geldstroom(['regions', '--format', 'json', '--store', store]).stdout)).toEqual({ regions: [] });
  });

  it('names a line that is not JSON', () => {
    const path = file('garbage.jsonl', ['{"command": "RegisterRegion",']);
    const result = geldstroom(['apply', path, '--store', temp.store]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:1: not valid JSON`));
  });

  it('validates without recording on --dry-run, also what depends on earlier lines of the run', () => {
    const path = file('dry.jsonl', [payment('d1', '5.00'), payment('d2', '6.00')]);
    const result = geldstroom(['apply', '--dry-run', path, '--store', temp.store]);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/dry run: would record 2 event/);
    expect(balances()).toEqual({ 'municipality:GM0200:bw': '100.00', rijk: '-100.00' });
    const conflicting = file('dry-bad.jsonl', [payment('d1', '5.00'), payment('d1', '6.00')]);
    const refused = geldstroom(['apply', '--dry-run', conflicting, '--store', temp.store]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(
      /:2: RecordRijkPayment.paymentId: paymentId "d1" is already recorded with other content/,
    );
  });

  it('applies several files in order', () => {
    const first = file('a.jsonl', [payment('p4', '1.00')]);
    const second = file('b.jsonl', [payment('p5', '2.00')]);
    expect(geldstroom(['apply', first, second, '--store', temp.store]).status).toBe(0);
    expect(balances()['municipality:GM0200:bw']).toBe('103.00');
  });

  it('exits 2 on usage errors', () => {
    expect(geldstroom(['apply', '--store', temp.store]).status).toBe(2);
    expect(geldstroom(['apply', join(temp.dir, 'missing.jsonl'), '--store', temp.store]).stderr).toMatch(
      /no such file/,
    );
    expect(geldstroom(['statement', '--region', 'west', '--store', temp.store]).status).toBe(2);
    expect(
      geldstroom(['statement', '--region', 'west', '--year', '2024', '--format', 'pdf', '--store', temp.store]).status,
    ).toBe(2);
    expect(geldstroom(['frobnicate']).status).toBe(2);
    expect(geldstroom(['statement', '--bogus']).status).toBe(2);
  });

  it('exits 1 for an unknown region, naming the regions it knows', () => {
    const result = geldstroom(['statement', '--region', 'oost', '--year', '2024', '--store', temp.store]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('geldstroom: region "oost" is not registered\nregions in this store: west\n');
  });

  it('records who, when, from where and why in every event', () => {
    const path = file('meta.jsonl', [payment('p6', '1.00')]);
    expect(geldstroom(['apply', path, '--actor', 'controller:anna', '--store', temp.store]).status).toBe(0);
    const db = new Database(temp.store.slice('sqlite:'.length), { readonly: true });
    const row = db.prepare('SELECT metadata FROM events WHERE data LIKE \'%"p6"%\'').get() as { metadata: string };
    db.close();
    const metadata = JSON.parse(row.metadata);
    expect(metadata).toMatchObject({
      actor: 'controller:anna',
      source: `${path}:1`,
      command: 'RecordRijkPayment',
      schemaVersion: 1,
    });
    expect(Date.parse(metadata.recordedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(metadata.causationId).toBe(metadata.commandId);
  });

  it('prints statements as a Dutch table and as CSV', () => {
    const store = tempDir();
    try {
      expect(geldstroom(['apply', join(EXAMPLES, 'holland-rijnland.jsonl'), '--store', store.store]).status).toBe(0);
      const of2023 = (command: string, ...options: string[]) =>
        geldstroom([command, '--region', 'holland-rijnland', '--year', '2023', ...options, '--store', store.store])
          .stdout;
      const table = of2023('statement', '--format', 'table');
      expect(table).toMatch(/Jaaroverzicht Holland Rijnland \(holland-rijnland\) 2023 — afgesloten/);
      expect(table).toMatch(/Stand begin jaar\s+€ 4\.572\.262,00/);
      expect(table).toMatch(/Overheveling naar fondsen\s+€ 3\.992\.021,30/);
      expect(table).toMatch(/GM0546 Leiden .* 12\.356\.091,46/);
      const csv = of2023('statement', '--format', 'csv').split('\n');
      // Dutch spreadsheets by default: a byte order mark, `;` and a decimal comma
      expect(csv[0]).toBe('\uFEFFjaar;sectie;regel;omschrijving;gemeente;naam;bedrag');
      expect(csv).toContain('2023;reserve;paidOut;Uitkering aan gemeenten;;;4407,00');
      expect(csv).toContain('2023;municipality:bw;result;Saldo;GM0546;Leiden;12356091,46');
      const machine = of2023('statement', '--format', 'csv', '--locale', 'en').split('\n');
      expect(machine[0]).toBe('jaar,sectie,regel,omschrijving,gemeente,naam,bedrag');
      expect(machine).toContain('2023,reserve,paidOut,Uitkering aan gemeenten,,,4407.00');
      expect(machine).toContain('2023,municipality:bw,result,Saldo,GM0546,Leiden,12356091.46');
      const balanceTable = of2023('balances', '--format', 'table');
      // the fund and the reserve run on over the years: opening, the year's movements, closing
      expect(balanceTable).toMatch(/Rekening\s+Beginsaldo\s+Mutaties\s+Eindsaldo\n/);
      expect(balanceTable).toMatch(
        /region:holland-rijnland:fund:friction\s+€ 0,00\s+€ 3\.992\.021,30\s+€ 3\.992\.021,30\n/,
      );
      expect(balanceTable).toMatch(
        /region:holland-rijnland:reserve\s+€ 4\.572\.262,00\s+€ -3\.992\.021,30\s+€ 580\.240,70\n/,
      );
      expect(balanceTable).not.toMatch(/saldo\s+€ -3\.992\.021,30/i);
      // an --out the system refuses is said in one line, without a stack trace (usage, exit 2)
      const out = (command: string, path: string, ...options: string[]) =>
        geldstroom([
          command,
          '--region',
          'holland-rijnland',
          '--year',
          '2023',
          ...options,
          '--out',
          path,
          '--store',
          store.store,
        ]);
      const folder = out('statement', store.dir, '--format', 'csv');
      const missing = out('statement', join(store.dir, 'nergens', 'x.xlsx'), '--format', 'xlsx');
      const file = join(store.dir, 'een-bestand.txt');
      writeFileSync(file, 'x');
      const letters = out('letters', file);
      expect([folder, missing, letters].map((result) => [result.status, result.stderr.split('\n')[0]])).toEqual([
        [2, `geldstroom: cannot open ${store.dir}: it is a folder`],
        [2, `geldstroom: cannot open ${join(store.dir, 'nergens', 'x.xlsx')}: no such file or folder`],
        [2, `geldstroom: cannot make the folder ${file}: it exists and is not a folder`],
      ]);
      for (const result of [folder, missing, letters]) expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      store.cleanup();
    }
  });

  it('writes an --out file whole: refused onto a folder, it leaves no .partial behind, whichever command writes it', () => {
    const store = tempDir();
    try {
      expect(geldstroom(['apply', join(EXAMPLES, 'holland-rijnland.jsonl'), '--store', store.store]).status).toBe(0);
      const workbook = join(store.dir, 'sjabloon.xlsx');
      const letterFolder = join(store.dir, 'brieven');
      mkdirSync(workbook);
      mkdirSync(join(letterFolder, 'holland-rijnland-2023-GM0546.pdf'), { recursive: true });
      const ontoFolders = [
        geldstroom(['export', '--format', 'jsonl', '--out', store.dir, '--store', store.store]),
        geldstroom(['generate', '--regions', '1', '--years', '1', '--out', store.dir]),
        geldstroom([
          'template',
          '--region',
          'holland-rijnland',
          '--year',
          '2030',
          '--out',
          workbook,
          '--store',
          store.store,
        ]),
        geldstroom([
          'letters',
          '--region',
          'holland-rijnland',
          '--year',
          '2023',
          '--municipality',
          'GM0546',
          '--out',
          letterFolder,
          '--store',
          store.store,
        ]),
      ];
      expect(ontoFolders.map((result) => [result.status, result.stderr.split('\n')[0]])).toEqual([
        [2, `geldstroom: cannot write ${store.dir}: it is a folder`],
        [2, `geldstroom: cannot write ${store.dir}: it is a folder`],
        [2, `geldstroom: cannot write ${workbook}: it is a folder`],
        [2, `geldstroom: cannot write ${join(letterFolder, 'holland-rijnland-2023-GM0546.pdf')}: it is a folder`],
      ]);
      for (const path of [store.dir, workbook, join(letterFolder, 'holland-rijnland-2023-GM0546.pdf')])
        expect([path, existsSync(`${path}.partial`)]).toEqual([path, false]);
      // a folder that is not there: the path given is named, not the partial file's
      const nowhere = join(store.dir, 'nergens', 'x.jsonl');
      const intoNowhere = [
        geldstroom(['export', '--format', 'jsonl', '--out', nowhere, '--store', store.store]),
        geldstroom(['generate', '--regions', '1', '--years', '1', '--out', nowhere]),
      ];
      expect(intoNowhere.map((result) => [result.status, result.stderr.split('\n')[0]])).toEqual([
        [2, `geldstroom: cannot write ${nowhere}: no such file or folder`],
        [2, `geldstroom: cannot write ${nowhere}: no such file or folder`],
      ]);
    } finally {
      store.cleanup();
    }
  });
});
