import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntakeError } from '../../libs/intake/src/intake.errors';
import { readWorkbook } from '../../libs/intake/src/read-workbook';
import { MAX_SHEET_XML_BYTES } from '../../libs/intake/src/workbook-limits';
import { geldstroom, tempDir } from '../support/cli';
import { exampleCommands, SHEET_COMMANDS } from '../support/workbook';
import { partOf, partsOf, spacesPart, withTextRows, zipOf } from '../support/zip-parts';

const REGION = 'holland-rijnland';
const setup = exampleCommands('holland-rijnland.jsonl').filter(
  (command) => !SHEET_COMMANDS.has(command.command) && !['RunAllocation', 'CloseYear'].includes(command.command),
);
const SIZE_REFUSAL =
  /^groot\.xlsx:Rijksbetalingen: is uitgepakt [\d.]+ MB, meer dan de 52 MB waarin 50\.000 rijen passen; splits het werkboek \(ten hoogste 50\.000 rijen per blad\)$/;

/** The refusal the workbook reader gives for a file, or undefined when it reads it. */
async function refusalOf(file: string, data: Buffer): Promise<IntakeError | undefined> {
  try {
    await readWorkbook(file, data);
  } catch (error) {
    if (error instanceof IntakeError) return error;
    throw error;
  }
  return undefined;
}

describe('a workbook too large for 50.000 rows, or a zip bomb', () => {
  const temp = tempDir('geldstroom-oversized-');
  const file = (name: string) => join(temp.dir, name);
  let template: Buffer;
  let parts: Map<string, Buffer>;
  afterAll(() => temp.cleanup());

  beforeAll(async () => {
    writeFileSync(file('setup.jsonl'), setup.map((command) => JSON.stringify(command)).join('\n'));
    expect(geldstroom(['apply', file('setup.jsonl'), '--store', temp.store]).status).toBe(0);
    const made = geldstroom([
      'template',
      '--region',
      REGION,
      '--year',
      '2024',
      '--out',
      file('template.xlsx'),
      '--store',
      temp.store,
    ]);
    expect(made.status).toBe(0);
    template = readFileSync(file('template.xlsx'));
    parts = await partsOf(template);
    writeFileSync(file('groot.xlsx'), await withTextRows(template, 165_000));
  });

  const events = () => geldstroom(['export', '--format', 'jsonl', '--store', temp.store]).stdout.trim().split('\n');

  it('refuses 165.000 rows of text through apply with one line of reason, exit 1, before reading the sheet, recording nothing', () => {
    expect(readFileSync(file('groot.xlsx')).length).toBeLessThan(10 * 1024 * 1024);
    const result = geldstroom(['apply', file('groot.xlsx'), '--region', REGION, '--store', temp.store]);
    expect(result.status).toBe(1);
    const [refusal, ...rest] = result.stderr.trim().split('\n');
    expect(refusal.replace(`${temp.dir}/`, '')).toMatch(SIZE_REFUSAL);
    expect(rest).toEqual(['uit deze bestanden is niets vastgelegd']);
    expect(events()).toHaveLength(setup.length);
  });

  it('reads the template and a workbook with a sheet just within the bound', async () => {
    expect(await refusalOf('sjabloon.xlsx', template)).toBeUndefined();
    const sheet = parts.get('xl/worksheets/sheet3.xml')!.toString('utf8');
    const padded = sheet.replace(
      '</sheetData>',
      `</sheetData>${' '.repeat(MAX_SHEET_XML_BYTES - Buffer.byteLength(sheet))}`,
    );
    const within = zipOf(
      [...parts].map(([name, data]) => partOf(name, name === 'xl/worksheets/sheet3.xml' ? padded : data)),
    );
    expect(await refusalOf('binnen.xlsx', within)).toBeUndefined();
  });

  it('refuses a zip bomb whose directory states its size', async () => {
    const bomb = zipOf([
      ...[...parts].map(([name, data]) => partOf(name, data)),
      await spacesPart('xl/worksheets/sheet11.xml', 256 * 1024 * 1024),
    ]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const refusal = await refusalOf('bom.xlsx', bomb);
    expect(refusal?.message).toMatch(/^bom\.xlsx:xl\/worksheets\/sheet11\.xml: is uitgepakt 269 MB, meer dan de 52 MB/);
  });

  it('refuses a zip bomb whose directory lies about its size, without unpacking it all', async () => {
    const part = await spacesPart('xl/worksheets/sheet3.xml', 256 * 1024 * 1024);
    const bomb = zipOf([
      ...[...parts].filter(([name]) => name !== part.name).map(([name, data]) => partOf(name, data)),
      { ...part, statedSize: 4096 },
    ]);
    const before = process.memoryUsage().rss;
    const refusal = await refusalOf('bom.xlsx', bomb);
    expect(refusal?.issues).toEqual([
      expect.objectContaining({
        file: 'bom.xlsx',
        code: 'INVALID_FILE',
        reason:
          'pakt groter uit dan het zip-bestand zelf opgeeft (een beschadigd of gemanipuleerd bestand); sla het opnieuw op als Excel-werkmap (.xlsx)',
      }),
    ]);
    expect(process.memoryUsage().rss - before).toBeLessThan(MAX_SHEET_XML_BYTES);
  });

  it('refuses shared strings beyond the bound, a zip of too many parts and a zip that is no workbook', async () => {
    const texts = zipOf([
      ...[...parts].filter(([name]) => name !== 'xl/sharedStrings.xml').map(([name, data]) => partOf(name, data)),
      await spacesPart('xl/sharedStrings.xml', MAX_SHEET_XML_BYTES + 1),
    ]);
    expect((await refusalOf('teksten.xlsx', texts))?.message).toMatch(
      /^teksten\.xlsx: de teksten van het werkboek zijn uitgepakt 53 MB, meer dan de 52 MB waarin 50\.000 rijen passen; splits het werkboek$/,
    );
    const many = zipOf(Array.from({ length: 2001 }, (_, index) => partOf(`xl/media/image${index}.png`, '')));
    expect((await refusalOf('veel.xlsx', many))?.message).toBe(
      'veel.xlsx: bestaat uit meer dan 2.000 onderdelen en is dus geen gewoon werkboek; sla het opnieuw op als Excel-werkmap (.xlsx)',
    );
    const other = zipOf([partOf('foto.jpg', 'geen werkboek')]);
    expect((await refusalOf('foto.xlsx', other))?.message).toMatch(
      /^foto\.xlsx: is geen leesbaar werkboek \(\.xlsx\); sla het op als Excel-werkmap/,
    );
  });
});
