import { renderCsv } from './csv';

describe('renderCsv', () => {
  const header = ['jaar', 'naam', 'bedrag'];

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
  ])('escapes the text cell %j as %s', (name, cell) => {
    expect(renderCsv(header, [['2024', name, '1.00']], [0, 2])).toBe(`jaar,naam,bedrag\n2024,${cell},1.00\n`);
  });

  it.each(['-115593.00', '0.00', '5802407.00', '-0.01', '2024'])('keeps the amount %s a number', (amount) => {
    expect(renderCsv(header, [['2024', 'Leiden', amount]], [0, 2])).toBe(`jaar,naam,bedrag\n2024,Leiden,${amount}\n`);
  });

  it('treats anything but a plain decimal in a numeric column as text', () => {
    expect(renderCsv(header, [['2024', 'x', '-1+cmd|calc']], [0, 2])).toBe("jaar,naam,bedrag\n2024,x,'-1+cmd|calc\n");
    expect(renderCsv(header, [['2024', 'x', '']], [0, 2])).toBe('jaar,naam,bedrag\n2024,x,\n');
  });
});
