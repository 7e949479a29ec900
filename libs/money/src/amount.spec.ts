import { formatAmount, formatEuro, MoneyFormatError, parseAmount, parseNonNegativeDecimal } from './amount';

describe('parseAmount', () => {
  it.each([
    ['5802407.00', 580240700n],
    ['-258783', -25878300n],
    ['0.5', 50n],
    ['-0.01', -1n],
    ['0', 0n],
    ['007.10', 710n],
  ])('reads %s as %s cents', (text, cents) => {
    expect(parseAmount(text)).toBe(cents);
  });

  it.each([
    [1200.5, /JSON number/],
    ['', /empty/],
    ['  ', /empty/],
    ['1.005', /more than two decimals/],
    ['1e5', /exponent/],
    ['1,000.00', /thousands separator/],
    ['1.000.000,00', /thousands separator/],
    ['1 000', /thousands separator/],
    ['NaN', /plain decimal/],
    ['Infinity', /plain decimal/],
    ['+5', /plain decimal/],
    ['.5', /plain decimal/],
    ['5.', /plain decimal/],
    [null, /null/],
    [true, /boolean/],
  ])('rejects %p with a reason', (value, reason) => {
    expect(() => parseAmount(value)).toThrow(MoneyFormatError);
    expect(() => parseAmount(value)).toThrow(reason);
  });
});

describe('parseNonNegativeDecimal', () => {
  it('keeps any precision and canonicalises', () => {
    expect(parseNonNegativeDecimal('24.30')).toBe('24.3');
    expect(parseNonNegativeDecimal('0.125')).toBe('0.125');
    expect(parseNonNegativeDecimal('100')).toBe('100');
  });

  it.each([
    ['-1', /negative/],
    ['', /empty/],
    [5, /decimal string/],
    ['1e2', /decimal string/],
    ['1,5', /decimal string/],
  ])('rejects %p', (value, reason) => {
    expect(() => parseNonNegativeDecimal(value)).toThrow(reason);
  });
});

describe('formatting', () => {
  it('formats plain amounts with exactly two decimals', () => {
    expect(formatAmount(580240700n)).toBe('5802407.00');
    expect(formatAmount(-11559300n)).toBe('-115593.00');
    expect(formatAmount(-1n)).toBe('-0.01');
    expect(formatAmount(0n)).toBe('0.00');
  });

  it('formats euros the Dutch way', () => {
    expect(formatEuro(580240700n)).toBe('€ 5.802.407,00');
    expect(formatEuro(-11559300n)).toBe('€ -115.593,00');
    expect(formatEuro(5n)).toBe('€ 0,05');
    expect(formatEuro(99999n)).toBe('€ 999,99');
  });

  it('round-trips every amount it formats', () => {
    for (const cents of [0n, 1n, -1n, 99n, 100n, 123456789012345n, -98765432101n])
      expect(parseAmount(formatAmount(cents))).toBe(cents);
  });
});
