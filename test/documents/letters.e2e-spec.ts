import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { formatAmountNl } from '@libs/money';
import { geldstroom, tempDir } from '../support/cli';
import { applyExamples, escapeRegExp, ExampleSet, inProcess, installed, pdfText } from '../support/documents';

/** 1 January 2026, 11:00 in the Netherlands */
const EPOCH = '1767261600';

describe('settlement letters (geldstroom letters)', () => {
  const temp = tempDir('geldstroom-letters-');
  let examples: ExampleSet;
  const poppler = installed('pdftotext') && installed('pdftoppm');
  beforeAll(() => {
    examples = applyExamples(temp.store, temp.dir);
    if (!poppler)
      console.warn(
        'pdftotext/pdftoppm are not installed (apt-get install poppler-utils): the letters were written but their text and pages were NOT checked',
      );
  });
  afterAll(() => temp.cleanup());

  const lettersOf = (regionId: string, year: number, out: string, extra: string[] = [], epoch = EPOCH) =>
    geldstroom(
      ['letters', '--region', regionId, '--year', String(year), '--out', out, ...extra, '--store', temp.store],
      {
        SOURCE_DATE_EPOCH: epoch,
      },
    );

  const centralOf = (regionId: string) =>
    examples.commands.find((command) => command.command === 'RegisterRegion' && command.regionId === regionId)
      ?.centralMunicipality;

  it("states every municipality's due of the statement to the cent, in Dutch, for every example region and year", async () => {
    let letters = 0;
    for (const region of examples.regions) {
      for (const year of region.years) {
        const statement = JSON.parse(
          await inProcess(['statement', '--region', region.regionId, '--year', String(year), '--store', temp.store]),
        );
        const out = join(temp.dir, 'letters', `${region.regionId}-${year}`);
        const result = lettersOf(region.regionId, year, out);
        expect({ region: region.regionId, year, status: result.status, stderr: result.stderr }).toMatchObject({
          status: 0,
        });
        const codes = Object.keys(statement.municipalities);
        expect(readdirSync(out).sort()).toEqual(codes.map((code) => `${region.regionId}-${year}-${code}.pdf`).sort());
        if (!poppler) continue;
        for (const code of codes) {
          const municipality = statement.municipalities[code];
          const text = pdfText(join(out, `${region.regionId}-${year}-${code}.pdf`));
          const due: string = municipality.due;
          const context = `${region.regionId} ${year} ${code}`;
          // the outcome: the amount without its sign, in words whether it is paid or received
          // the central municipality holds the money: it keeps its due or adds it, it does not pay itself
          const central = code === centralOf(region.regionId);
          const words = due.startsWith('-')
            ? central
              ? 'Uw bijdrage als centrumgemeente'
              : 'U betaalt aan de centrumgemeente'
            : due === '0.00'
              ? 'Er valt niets te verrekenen'
              : central
                ? 'Uw aandeel als centrumgemeente'
                : 'U ontvangt van de centrumgemeente';
          expect({ context, text }).toEqual({ context, text: expect.stringContaining(words) });
          expect({ context, text }).toEqual({
            context,
            text: expect.stringContaining(`€ ${formatAmountNl(due.replace(/^-/, ''))}`),
          });
          // the table: per scheme and in total, signed, in Dutch notation
          expect({ context, text }).toEqual({
            context,
            text: expect.stringMatching(
              new RegExp(
                `Te ontvangen \\(\\+\\) / te betalen \\(–\\)\\s+${escapeRegExp(formatAmountNl(municipality.bw.due))}\\s+${escapeRegExp(formatAmountNl(municipality.mo.due))}`,
              ),
            ),
          });
          expect(text).toMatch(new RegExp(`Totaal BW en MO\\s+${escapeRegExp(formatAmountNl(due))}`));
          expect(text).toMatch(
            new RegExp(
              `Voorschotten \\(door u betaald \\+, aan u betaald –\\)\\s+${escapeRegExp(formatAmountNl(municipality.bw.advances))}\\s+${escapeRegExp(formatAmountNl(municipality.mo.advances))}`,
            ),
          );
          expect(text).toContain(`van de gemeente ${municipality.name} (${code})`);
          expect(text).toContain(`Regio ${statement.regionName}`);
          expect(text).toContain(`Afrekening beschermd wonen en maatschappelijke opvang ${year}`);
          expect(text).toContain(statement.ledgerHash);
          expect(text).toContain(`geldstroom verify --region ${region.regionId}`);
          expect(text).toContain('1 januari 2026');
          expect(text).toContain('om 11:00 (Nederlandse tijd)');
          expect(text.includes('nog niet afgesloten')).toBe(!statement.closed);
          expect(text).toMatch(/pagina 1 van \d/);
          letters += 1;
        }
      }
    }
    if (poppler) expect(letters).toBeGreaterThanOrEqual(40);
  });

  it("names the keys in force with the municipality's weight and share, and the region's totals", () => {
    if (!poppler) return;
    const out = join(temp.dir, 'keys');
    expect(lettersOf('holland-rijnland', 2024, out, ['--municipality', 'GM0638']).status).toBe(0);
    const text = pdfText(join(out, 'holland-rijnland-2024-GM0638.pdf'));
    expect(text).toMatch(/historische sleutel BW \(bw-historical\)\s+v1\s+0 van 100,0\s+0 ?%/);
    expect(text).toMatch(/objectieve sleutel BW \(bw-objective\)\s+v1\s+1,7 van 100,1\s+1,6983 ?%/);
    expect(text).toMatch(/objectieve sleutel MO \(mo-objective\)\s+v1\s+1 van 99,9\s+1,001 ?%/);
    expect(text).toContain('Reserveafspraak v1 (vanaf 2023)');
    expect(text).toMatch(/bandbreedte 5 ?% tot 10 ?% van\s+€ 5\.802\.407,00/);
    expect(text).toMatch(/Te ontvangen \/ te betalen, alle gemeenten samen\s+29\.155\.275,97\s+6\.468\.026,54/);
    // Zoeterwoude pays on BW and receives on MO: € 62.095,96 in all
    expect(text).toMatch(/U ontvangt van de centrumgemeente Leiden\s+€ 62\.095,96/);
    expect(text).toMatch(/Te ontvangen \(\+\) \/ te betalen \(–\)\s+-2\.649,06\s+64\.745,02/);
  });

  it('renders a page a person can read: A4, not blank, the diacritics and the euro sign in the font', () => {
    if (!poppler) return;
    const out = join(temp.dir, 'page');
    expect(lettersOf('reserve-beide-kanten', 2024, out, ['--municipality', 'GM0003']).status).toBe(0);
    const pdf = join(out, 'reserve-beide-kanten-2024-GM0003.pdf');
    const text = pdfText(pdf);
    expect(text).toContain('Súdwest-Fryslân (GM0003)');
    expect(text).toContain('Grondslag historische sleutel BW v1: Kosten bestaande cliënten 2023');
    expect(text).toMatch(/€ \d/);
    const png = spawnSync('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      pdf,
      join(out, 'page'),
    ]);
    expect(png.status).toBe(0);
    const image = readFileSync(join(out, 'page.png'));
    expect(image.subarray(1, 4).toString()).toBe('PNG');
    // IHDR: width and height of A4 at 80 dpi (595 × 842 points, rounded up by poppler)
    expect([image.readUInt32BE(16), image.readUInt32BE(20)]).toEqual([662, 936]);
    // a grey map at low resolution: a letter has ink on it, but is mostly paper
    const pgm = spawnSync('pdftoppm', ['-gray', '-r', '20', '-f', '1', '-l', '1', pdf]).stdout as Buffer;
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 30).toString('latin1'))!;
    const pixels = pgm.subarray(header[0].length);
    const dark = [...pixels].filter((value) => value < 128).length / pixels.length;
    expect(dark).toBeGreaterThan(0.005);
    expect(dark).toBeLessThan(0.3);
  });

  it('is the same byte for byte for the same generation date, and differs only in that date otherwise', () => {
    const first = join(temp.dir, 'same-1');
    const second = join(temp.dir, 'same-2');
    const later = join(temp.dir, 'later');
    const file = 'aef-average-2025-GM9901.pdf';
    expect(lettersOf('aef-average', 2025, first, ['--municipality', 'GM9901']).status).toBe(0);
    expect(lettersOf('aef-average', 2025, second, ['--municipality', 'GM9901']).status).toBe(0);
    expect(readFileSync(join(first, file)).equals(readFileSync(join(second, file)))).toBe(true);
    expect(lettersOf('aef-average', 2025, later, ['--municipality', 'GM9901'], '1782900000').status).toBe(0);
    expect(readFileSync(join(first, file)).equals(readFileSync(join(later, file)))).toBe(false);
    if (!poppler) return;
    const before = pdfText(join(first, file), false).split('\n');
    const after = pdfText(join(later, file), false).split('\n');
    expect(after.length).toBe(before.length);
    const changed = before.filter((line, index) => line !== after[index]);
    expect(changed.length).toBeGreaterThan(0);
    for (const line of changed)
      expect(line).toMatch(/^(1 januari 2026|Gegenereerd door Geldstroom op 1 januari 2026 om 11:00 .*)$/);
  });

  it('refuses what it cannot write a letter for, naming the reason', () => {
    const out = join(temp.dir, 'refused');
    const stranger = lettersOf('holland-rijnland', 2024, out, ['--municipality', 'GM9999']);
    expect(stranger.status).toBe(1);
    expect(stranger.stderr).toMatch(/GM9999 is not a member of region "holland-rijnland"/);
    const empty = lettersOf('holland-rijnland', 2031, out);
    expect(empty.status).toBe(1);
    expect(empty.stderr).toMatch(/has nothing recorded for 2031/);
    const usage = geldstroom(['letters', '--region', 'holland-rijnland', '--year', '2024', '--store', temp.store]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--out is required/);
    const badEpoch = lettersOf('holland-rijnland', 2024, out, [], 'gisteren');
    expect(badEpoch.status).toBe(2);
    expect(badEpoch.stderr).toMatch(/SOURCE_DATE_EPOCH/);
  });
});
