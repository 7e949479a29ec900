import { buildSettlementLetter } from './settlement-letter.model';
import { renderSettlementLetterPdf, renderSettlementLettersPdf, winAnsi } from './settlement-letter.pdf';
import { ALPHA, BETA, GAMMA, reserveBothWays } from './testing/documents.spec-helper';

const at = new Date('2026-03-02T08:15:00Z');

describe('settlement letter', () => {
  const { statement, context } = reserveBothWays();
  const letter = (code: string) => buildSettlementLetter(statement, context, code, { generatedAt: at });

  it.each([
    [BETA, 'U ontvangt van de centrumgemeente Alpha', '€ 700.000,00', 'te ontvangen'],
    [GAMMA, 'U betaalt aan de centrumgemeente Alpha', '€ 310.000,00', 'te betalen'],
    [ALPHA, 'Er valt niets te verrekenen', '€ 0,00', 'niets te verrekenen'],
  ])('says in words and figures what %s receives or pays (domain.md §6)', (code, text, amount, words) => {
    expect(letter(code).outcome).toEqual({ text, amount, words });
  });

  it.each([
    ['1250.00', 'Uw aandeel als centrumgemeente', '€ 1.250,00', 'te ontvangen'],
    ['-1250.00', 'Uw bijdrage als centrumgemeente', '€ 1.250,00', 'te betalen'],
  ])(
    'tells the central municipality with a due of %s what it keeps or adds, not that it pays itself',
    (due, text, amount, words) => {
      const own = { ...statement.municipalities[ALPHA], due };
      const withDue = { ...statement, municipalities: { ...statement.municipalities, [ALPHA]: own } };
      const outcome = buildSettlementLetter(withDue, context, ALPHA, { generatedAt: at }).outcome;
      expect(outcome).toEqual({ text, amount, words });
      expect(outcome.text).not.toContain('Alpha');
    },
  );

  it('lists its lines per scheme, the regional money, the advances and the due, as in the statement', () => {
    const table = letter(GAMMA).sections[0].blocks.find((block) => block.kind === 'table');
    expect(table?.kind === 'table' && table.table.rows.map((row) => row.cells)).toEqual([
      ['Historisch aandeel', '100.000,00', '—'],
      ['Regionaal aandeel', '—', '90.000,00'],
      ['Bijdrage regionale voorzieningen', '0,00', '—'],
      ['Afrekening regionaal resultaat', '0,00', '0,00'],
      ['Reserve (aanvulling − / uitkering +)', '0,00', '0,00'],
      ['Fondsen', '0,00', '0,00'],
      ['Solidariteit', '0,00', '—'],
      ['Regionale middelen', '100.000,00', '90.000,00'],
      ['Voorschotten (door u betaald +, aan u betaald −)', '-500.000,00', '0,00'],
      ['Te ontvangen (+) / te betalen (−)', '-400.000,00', '90.000,00'],
      ['Totaal BW en MO', '', '-310.000,00'],
    ]);
  });

  it('states the keys in force with the weight and share of the municipality, and the date in Dutch', () => {
    const keys = letter(BETA).sections[1].blocks.find((block) => block.kind === 'table');
    expect(keys?.kind === 'table' && keys.table.rows.map((row) => row.cells)).toEqual([
      ['historische sleutel BW (bw-historical)', 'v1', '30 van 100', '30 %'],
      ['objectieve sleutel BW (bw-objective)', 'v1', '35 van 100', '35 %'],
      ['objectieve sleutel MO (mo-objective)', 'v1', '25 van 100', '25 %'],
    ]);
    expect(letter(BETA).meta[0]).toEqual(['Datum', '2 maart 2026']);
    expect(letter(BETA).footer).toMatch(/^Gegenereerd door Geldstroom op 2 maart 2026 om 09:15 \(Nederlandse tijd\)/);
  });

  it('refuses a code that is not a member rather than write a letter of zeros', () => {
    expect(() => letter('GM9999')).toThrow(/GM9999 is not a member/);
  });

  it('is the same PDF for the same generation date, another for another date', async () => {
    const first = await renderSettlementLetterPdf(letter(BETA), { generatedAt: at });
    const again = await renderSettlementLetterPdf(letter(BETA), { generatedAt: at });
    const later = await renderSettlementLetterPdf(
      buildSettlementLetter(statement, context, BETA, { generatedAt: new Date('2026-03-03T08:15:00Z') }),
      {
        generatedAt: new Date('2026-03-03T08:15:00Z'),
      },
    );
    expect(first.subarray(0, 5).toString()).toBe('%PDF-');
    expect(first.equals(again)).toBe(true);
    expect(first.equals(later)).toBe(false);
    const all = await renderSettlementLettersPdf([letter(ALPHA), letter(BETA), letter(GAMMA)], { generatedAt: at });
    // one letter after another: each of at least one page
    expect((all.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(3);
  });
});

describe('winAnsi: text the standard PDF fonts can print', () => {
  it.each([
    ['€ 5.802.407,00', '€ 5.802.407,00'],
    ['cliënten, Súdwest-Fryslân, café, coöperatie', 'cliënten, Súdwest-Fryslân, café, coöperatie'],
    ['aanvulling − / uitkering +', 'aanvulling – / uitkering +'],
    ['Őrség', 'Orség'],
    ['Gemeente 東京', 'Gemeente ??'],
    ['tab\there\u0007', 'tab here'],
    ['„citaat” — en dash – … ‰', '„citaat” — en dash – … ‰'],
  ])('%j → %j', (text, printable) => {
    expect(winAnsi(text)).toBe(printable);
  });
});
