import { cellOfExcel } from './cells';
import { readCell } from './convert-cell';
import { SHEETS } from './sheets';

const advances = SHEETS.find((sheet) => sheet.name === 'Voorschotten')!;
const payments = SHEETS.find((sheet) => sheet.name === 'Rijksbetalingen')!;
const column = (sheet: typeof advances, header: string) =>
  sheet.columns.find((candidate) => candidate.header === header)!;
const members = {
  regionId: 'r',
  municipalities: [
    { code: 'GM0546', name: 'Leiden' },
    { code: 'GM0484', name: 'Alphen aan den Rijn' },
  ],
};

describe('reading a cell for its column', () => {
  it('takes a date cell as its calendar day, also when a program wrote local midnight', () => {
    const date = column(advances, 'datum');
    expect(readCell(cellOfExcel(new Date('2024-03-15T00:00:00Z')), 'date', date, members)).toEqual({
      value: '2024-03-15',
    });
    expect(readCell(cellOfExcel(new Date('2024-03-14T23:00:00Z')), 'date', date, members)).toEqual({
      value: '2024-03-15',
    });
    expect(readCell(cellOfExcel(new Date('2024-03-15T05:00:00Z')), 'date', date, members)).toEqual({
      value: '2024-03-15',
    });
    expect(readCell(cellOfExcel(' 2024-03-15 '), 'date', date, members)).toEqual({ value: '2024-03-15' });
  });

  it('finds a municipality by code or by name, in any case and spacing', () => {
    const municipality = column(advances, 'gemeente');
    expect(readCell(cellOfExcel('gm0546'), 'municipality', municipality, members)).toEqual({ value: 'GM0546' });
    expect(readCell(cellOfExcel(' alphen  aan den RIJN '), 'municipality', municipality, members)).toEqual({
      value: 'GM0484',
    });
    expect(readCell(cellOfExcel(546), 'municipality', municipality, members)).toMatchObject({
      reason: expect.stringMatching(/bevat het getal 546, geen CBS-code/),
    });
  });

  it('takes the Dutch words (and the English values) of a choice', () => {
    const basis = column(payments, 'grondslag');
    expect(readCell(cellOfExcel('Historisch'), 'choice', basis, members)).toEqual({ value: 'historical' });
    expect(readCell(cellOfExcel('objective'), 'choice', basis, members)).toEqual({ value: 'objective' });
    expect(readCell(cellOfExcel('mo'), 'choice', column(payments, 'regeling'), members)).toEqual({ value: 'MO' });
  });

  it('reads rich text, hyperlinks and formula results as what the cell shows', () => {
    const text = column(advances, 'omschrijving');
    expect(
      readCell(cellOfExcel({ richText: [{ text: 'Voorschot ' }, { text: 'Q1' }] }), 'text', text, members),
    ).toEqual({ value: 'Voorschot Q1' });
    expect(readCell(cellOfExcel({ text: 'Q1', hyperlink: 'https://example.org' }), 'text', text, members)).toEqual({
      value: 'Q1',
    });
    // a link whose text has formatting (pasted from a web page) holds rich text, which is not left out as empty
    const formattedLink = {
      text: { richText: [{ text: 'Circulaire ' }, { text: 'september' }] },
      hyperlink: 'https://example.org',
    };
    expect(readCell(cellOfExcel(formattedLink as never), 'text', text, members)).toEqual({
      value: 'Circulaire september',
    });
    expect(
      readCell(cellOfExcel({ formula: 'A1', result: 12.5 }), 'amount', column(advances, 'bedrag'), members),
    ).toEqual({ value: '12.5' });
    expect(
      readCell(
        cellOfExcel({ sharedFormula: 'E2', result: { error: '#N/A' } } as never),
        'amount',
        column(advances, 'bedrag'),
        members,
      ),
    ).toMatchObject({
      reason: expect.stringMatching(/#N\/A/),
    });
    expect(readCell(cellOfExcel('   '), 'text', text, members)).toEqual({ empty: true });
  });

  it('refuses a percentage-formatted cell, naming the number it meant', () => {
    const cell = cellOfExcel(0.125, '0.00%');
    expect(readCell(cell, 'decimal', column(payments, 'bedrag'), members)).toMatchObject({
      reason: expect.stringMatching(/bevat dus 0,125 in plaats van 12,5/),
    });
  });
});
