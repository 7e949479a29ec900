import { MemoryEventStore, SqliteEventStore } from '@libs/event-store';
import { allEvents, appendInOrder, verifyStores } from '@libs/ledger';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { EXAMPLES, geldstroom, tempDir } from '../support/cli';

const statementOf = (store: string, region: string, year: number) =>
  geldstroom(['statement', '--region', region, '--year', String(year), '--store', store]).stdout;
const STATEMENTS: [string, number][] = [
  ['holland-rijnland', 2023],
  ['holland-rijnland', 2024],
  ['aef-average', 2025],
  ['regio-zuid', 2024],
  ['regio-zuid', 2025],
  ['regio-zuid', 2026],
];

describe('backup, restore and migration', () => {
  const temp = tempDir();
  const source = temp.store;
  const at = (name: string) => `sqlite:${join(temp.dir, name)}`;
  beforeAll(() => {
    for (const file of ['holland-rijnland.jsonl', 'aef-solidarity.jsonl', 'regio-zuid-meerjarig.jsonl'])
      expect(geldstroom(['apply', join(EXAMPLES, file), '--store', source]).status).toBe(0);
  });
  afterAll(() => temp.cleanup());

  it('export → import gives identical statements, event ids and metadata', () => {
    const backup = join(temp.dir, 'backup.jsonl');
    const exported = geldstroom(['export', '--format', 'jsonl', '--out', backup, '--store', source]);
    expect(exported.stderr).toMatch(/exported \d+ event\(s\)/);
    const lines = readFileSync(backup, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines[0]).toMatchObject({
      position: '1',
      streamId: 'region-holland-rijnland',
      revision: '0',
      type: 'RegionRegistered',
    });
    expect(lines.map((line) => Number(line.position))).toEqual(
      [...lines.map((line) => Number(line.position))].sort((a, b) => a - b),
    );
    const imported = geldstroom(['import', backup, '--store', at('restored.db')]);
    expect(imported.status).toBe(0);
    expect(imported.stderr).toMatch(new RegExp(`imported ${lines.length} event\\(s\\) in 6 stream\\(s\\)`));
    for (const [region, year] of STATEMENTS)
      expect(statementOf(at('restored.db'), region, year)).toBe(statementOf(source, region, year));
    const again = geldstroom(['export', '--format', 'jsonl', '--store', at('restored.db')])
      .stdout.trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(again.map(({ eventId, metadata, data }) => ({ eventId, metadata, data }))).toEqual(
      lines.map(({ eventId, metadata, data }) => ({ eventId, metadata, data })),
    );
  });

  it('refuses to import into a store that holds other events; a store that holds the backup already is left as it is', () => {
    const backup = join(temp.dir, 'backup.jsonl');
    const other = at('other.db');
    expect(geldstroom(['apply', join(EXAMPLES, 'aef-solidarity.jsonl'), '--store', other]).status).toBe(0);
    const refused = geldstroom(['import', backup, '--store', other]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(
      /the target store sqlite:.*other\.db holds other events: not the first 32 of the events being copied \(region-holland-rijnland revision 0 is not there\)/,
    );
    const again = geldstroom(['import', backup, '--store', source]);
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(/nothing to import: .* already holds all \d+ event\(s\) of .*backup\.jsonl/);
  });

  it('names a corrupt line and records nothing', () => {
    const lines = readFileSync(join(temp.dir, 'backup.jsonl'), 'utf8').trim().split('\n');
    const broken = join(temp.dir, 'broken.jsonl');
    writeFileSync(broken, [...lines.slice(0, 5), lines[6], ...lines.slice(7)].join('\n'));
    const result = geldstroom(['import', broken, '--store', at('broken.db')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /broken\.jsonl:6: region holland-rijnland: revision 5 missing: the stream goes from revision 4 to 6; nothing was imported/,
    );
    const notJson = join(temp.dir, 'not-json.jsonl');
    writeFileSync(notJson, [lines[0], '{"streamId": '].join('\n'));
    expect(geldstroom(['import', notJson, '--store', at('broken.db')]).stderr).toMatch(
      /not-json\.jsonl:2: not valid JSON/,
    );
    expect(geldstroom(['export', '--format', 'jsonl', '--store', at('broken.db')]).stdout).toBe('');
  });

  it('migrates to another store and verifies every statement', () => {
    const result = geldstroom(['migrate', '--from', source, '--to', at('migrated.db')]);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ streams: 6, regions: 6, differences: [] });
    expect(report.yearsCompared).toBe(9);
    for (const [region, year] of STATEMENTS)
      expect(statementOf(at('migrated.db'), region, year)).toBe(statementOf(source, region, year));
    const again = geldstroom(['migrate', '--from', source, '--to', at('migrated.db')]);
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ events: 0, alreadyThere: report.events, differences: [] });
    const elsewhere = geldstroom(['migrate', '--from', at('other.db'), '--to', at('migrated.db')]);
    expect(elsewhere.status).toBe(1);
    expect(elsewhere.stderr).toMatch(/holds stream region-holland-rijnland, which the source does not/);
  });

  it('round-trips through memory, and notices when the stores differ', async () => {
    const sqlite = new SqliteEventStore(source.slice('sqlite:'.length));
    const memory = new MemoryEventStore();
    const copied = await appendInOrder(memory, allEvents(sqlite));
    expect(copied.streams).toBe(6);
    expect((await verifyStores(sqlite, memory)).differences).toEqual([]);
    const partial = new MemoryEventStore();
    let taken = 0;
    await appendInOrder(
      partial,
      (async function* () {
        for await (const event of allEvents(sqlite)) if (taken++ < 60) yield event;
      })(),
    );
    expect((await verifyStores(sqlite, partial)).differences.length).toBeGreaterThan(0);
    await sqlite.close();
  });
});

describe('EventStoreDB through the CLI, with no server', () => {
  it('fails fast with exit code 3 and a message that names the server', async () => {
    const listener = createServer();
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const { port } = listener.address() as { port: number };
    await new Promise<void>((resolve) => listener.close(() => resolve()));
    const started = Date.now();
    const result = geldstroom([
      'apply',
      join(EXAMPLES, 'aef-solidarity.jsonl'),
      '--store',
      `esdb://127.0.0.1:${port}?tls=false`,
    ]);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(
      new RegExp(`EventStoreDB at esdb://127\\.0\\.0\\.1:${port}\\?tls=false is unreachable`),
    );
  });
});
