import { renderCsv } from './csv';

describe('renderCsv', () => {
  const header = ['jaar', 'naam', 'bedrag'];
  const en = { numericColumns: [0, 2], locale: 'en' } as const;
  const nl = { numericColumns: [0, 2], locale: 'nl' } as const;
  const BOM = '\uFEFF';

  it.each([
    ['=HYPERLINK("http://x","klik")', `"'=HYPERLINK(""http://x"",""klik"")"`],
    ['+31 71 000', "'+31 71 000"],
    ['-1+2', "'-1+2"],
    ['-115593.00', "'-115593.00"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', "'\tTAB"],
    ['\rCR', `"'\rCR"`],
    ['Leiden', 'Leiden'],
    ['Alphen aan den Rijn, gemeente', '"Alphen aan den Rijn, gemeente"'],
  ])('escapes the text cell %j as %s (machine form)', (name, cell) => {
    expect(renderCsv(header, [['2024', name, '1.00']], en)).toBe(`jaar,naam,bedrag\n2024,${cell},1.00\n`);
  });

  it.each([
    ['=HYPERLINK("http://x";"klik")', `"'=HYPERLINK(""http://x"";""klik"")"`],
    ['-115593.00', "'-115593.00"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['Alphen aan den Rijn, gemeente', 'Alphen aan den Rijn, gemeente'],
    ['Leiden; Katwijk', '"Leiden; Katwijk"'],
    ['Eigen bijdragen cliënten', 'Eigen bijdragen cliënten'],
  ])('escapes the text cell %j as %s (Dutch form)', (name, cell) => {
    expect(renderCsv(header, [['2024', name, '1.00']], nl)).toBe(`${BOM}jaar;naam;bedrag\n2024;${cell};1,00\n`);
  });

  it.each([
    ['-115593.00', '-115593,00'],
    ['0.00', '0,00'],
    ['5802407.00', '5802407,00'],
    ['-0.01', '-0,01'],
    ['2024', '2024'],
  ])('keeps the amount %s a number (Dutch: %s)', (amount, dutch) => {
    expect(renderCsv(header, [['2024', 'Leiden', amount]], en)).toBe(`jaar,naam,bedrag\n2024,Leiden,${amount}\n`);
    expect(renderCsv(header, [['2024', 'Leiden', amount]], nl)).toBe(`${BOM}jaar;naam;bedrag\n2024;Leiden;${dutch}\n`);
  });

  it('treats anything but a plain decimal in a numeric column as text', () => {
    expect(renderCsv(header, [['2024', 'x', '-1+cmd|calc']], en)).toBe("jaar,naam,bedrag\n2024,x,'-1+cmd|calc\n");
    expect(renderCsv(header, [['2024', 'x', '-1+cmd|calc']], nl)).toBe(`${BOM}jaar;naam;bedrag\n2024;x;'-1+cmd|calc\n`);
    expect(renderCsv(header, [['2024', 'x', '']], en)).toBe('jaar,naam,bedrag\n2024,x,\n');
  });
});
