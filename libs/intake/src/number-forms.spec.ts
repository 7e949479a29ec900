import { amountOfNumber, amountOfText, decimalOfNumber, decimalOfText } from './number-forms';

const value = (converted: { value: string } | { reason: string }) =>
  'value' in converted ? converted.value : undefined;
const reason = (converted: { value: string } | { reason: string }) =>
  'reason' in converted ? converted.reason : undefined;

describe('amounts written as text (interface.md §5)', () => {
  it.each([
    ['1.234.567,89', '1234567.89'],
    ['-250.000', '-250000'],
    ['1234567.89', '1234567.89'],
    ['1234567.8', '1234567.8'],
    ['1234567', '1234567'],
    ['1.000.000', '1000000'],
    ['250.000,5', '250000.5'],
    ['1234567,89', '1234567.89'],
    ['-0,07', '-0.07'],
    ['  12,50 ', '12.50'],
    ['0.5', '0.5'],
    ['007', '007'],
  ])('%s is %s', (text, expected) => expect(value(amountOfText(text))).toBe(expected));

  it.each([
    ['12,345', /meer dan twee decimalen/],
    ['1234.5678', /meer dan twee decimalen/],
    ['0.125', /meer dan twee decimalen/],
    ['1234.567', /een punt met drie cijfers erna scheidt duizendtallen/],
    ['1.234.56', /^is geen bedrag/],
    ['12.34.567,00', /duizendtallen in groepen van drie cijfers/],
    ['1,234.56', /^is geen bedrag/],
    ['1,2,3', /meer dan één decimale komma/],
    ['twaalf', /^is geen bedrag/],
    ['€ 12,00', /^is geen bedrag/],
    ['1 234,00', /^is geen bedrag/],
    ['+12', /^is geen bedrag/],
    ['-', /^is geen bedrag/],
    [',5', /^is geen bedrag/],
    ['12,', /^is geen bedrag/],
  ])('%s is refused', (text, why) => expect(reason(amountOfText(text))).toMatch(why));
});

describe('amounts in number cells', () => {
  it('takes a value with at most two decimals', () => {
    expect(value(amountOfNumber(1234567.89))).toBe('1234567.89');
    expect(value(amountOfNumber(-250000))).toBe('-250000');
    expect(value(amountOfNumber(0.07))).toBe('0.07');
  });

  it('reads a double by its shortest round-trip decimal: 0.1 + 0.2 has 17 decimals and is refused', () => {
    expect(reason(amountOfNumber(0.1 + 0.2))).toMatch(
      /meer dan twee decimalen \(de cel bevat 0,30000000000000004\); is het een formule, rond die dan af op centen/,
    );
    expect(reason(amountOfNumber(1234.567))).toMatch(/meer dan twee decimalen/);
    // 1.1 * 3 is 3.3000000000000003, not 3.30
    expect(reason(amountOfNumber(1.1 * 3))).toMatch(/3,3000000000000003/);
  });

  it('writes exponents out in full', () => {
    expect(decimalOfNumber(1e21)).toBe('1000000000000000000000');
    expect(decimalOfNumber(1.5e-7)).toBe('0.00000015');
    expect(decimalOfNumber(-2.5e22)).toBe('-25000000000000000000000');
    expect(reason(amountOfNumber(1e-7))).toMatch(/meer dan twee decimalen/);
  });
});

describe('percentages and weights', () => {
  it.each([
    ['6,8', '6.8'],
    ['6.8', '6.8'],
    ['100', '100'],
    ['0,125', '0.125'],
  ])('%s is %s', (text, expected) => expect(value(decimalOfText(text))).toBe(expected));

  it.each(['1.234,5', '6,8%', 'zes', '6,8,1'])('%s is refused (no grouping, no sign)', (text) =>
    expect(reason(decimalOfText(text))).toMatch(/schrijf het als 6,8/),
  );
});
