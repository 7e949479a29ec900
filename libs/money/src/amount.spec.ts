import fc from 'fast-check';
import {
  formatAmountByBigint,
  parseAmountByPattern,
  parseNonNegativeDecimalByDecimalJs,
} from './amount.reference.spec-helper';
import {
  formatAmount,
  formatEuro,
  MoneyFormatError,
  parseAmount,
  parseNonNegativeDecimal,
  parseNonNegativeDecimal as parseDecimal,
} from './amount';

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
    [' 12.5', /\(has spaces before or after it\)$/],
    ['12.50\t', /\(has spaces before or after it\)$/],
    ['12,50', /\(uses a decimal comma; write a decimal point\)$/],
    ['-1234,5', /\(uses a decimal comma; write a decimal point\)$/],
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

  const input = { limits: true };

  it('accepts up to 12 digits before the decimal point as input and refuses more, naming the limit', () => {
    expect(parseAmount('999999999999.99', input)).toBe(99999999999999n);
    expect(parseAmount('-999999999999.99', input)).toBe(-99999999999999n);
    expect(parseAmount('0000000000000000001.00', input)).toBe(100n);
    expect(() => parseAmount('1000000000000.00', input)).toThrow(/at most 12 digits before the decimal point/);
    expect(() => parseAmount('-1000000000000', input)).toThrow(/at most 12 digits/);
    // what was recorded (or summed) is read without the input limit
    expect(parseAmount('1000000000000.00')).toBe(100000000000000n);
  });

  it('refuses a 400,000-digit amount from its text, without building the number, and keeps the message short', () => {
    let caught: unknown;
    try {
      parseAmount('9'.repeat(400_000), input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MoneyFormatError);
    expect((caught as Error).message).toMatch(/at most 12 digits before the decimal point.*got 400000 digits/);
    expect(() => parseAmount(`1.${'0'.repeat(400_000)}x`)).toThrow(/plain decimal/);
    expect(() => parseAmount(`1.${'0'.repeat(400_000)}x`)).not.toThrow(/0{50}/);
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

  it('accepts at most 20 significant digits (leading and trailing zeros do not count) and 40 decimals', () => {
    const parseNonNegativeDecimal = (value: unknown) => parseDecimal(value, { limits: true });
    expect(parseNonNegativeDecimal('12345678901234567890')).toBe('12345678901234567890');
    expect(parseNonNegativeDecimal('1.2345678901234567890000')).toBe('1.234567890123456789');
    expect(parseNonNegativeDecimal('0.00012345678901234567890')).toBe('0.0001234567890123456789');
    expect(parseNonNegativeDecimal(`000${'0'.repeat(1000)}24.30`)).toBe('24.3');
    expect(() => parseNonNegativeDecimal('123456789012345678901')).toThrow(/at most 20 significant digits, got 21/);
    expect(() => parseNonNegativeDecimal('1.23456789012345678901')).toThrow(/at most 20 significant digits/);
    expect(() => parseNonNegativeDecimal(`0.${'0'.repeat(40)}1`)).toThrow(/at most 40 decimals/);
    expect(() => parseNonNegativeDecimal(`0.${'0'.repeat(400_000)}1`)).toThrow(/at most 40 decimals/);
    expect(() => parseNonNegativeDecimal('7'.repeat(400_000))).toThrow(/at most 20 significant digits, got 400000/);
    expect(parseDecimal('123456789012345678901')).toBe('123456789012345678901');
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

describe('parseAmount reads every amount as formatAmount writes it (the form every stored amount has)', () => {
  it('round-trips any number of cents, with and without limits, and agrees with the padded forms', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }), (cents) => {
        const text = formatAmount(cents);
        expect(parseAmount(text)).toBe(cents);
        expect(parseAmount(`0${text.replace('-', '')}`)).toBe(cents < 0n ? -cents : cents);
        if (text.replace('-', '').length <= 15) expect(parseAmount(text, { limits: true })).toBe(cents);
      }),
    );
    expect(parseAmount('-0.00')).toBe(0n);
    expect(() => parseAmount('1000000000000.00', { limits: true })).toThrow(/at most 12 digits/);
  });
});

describe('parseAmount and formatAmount on safe integers', () => {
  const outcome = (parse: () => bigint) => {
    try {
      return { cents: parse() };
    } catch (error) {
      return { error: (error as Error).message };
    }
  };
  // texts near the plain form: signs, digits, points and other characters in any order, and plain amounts
  const nearAmount = fc.oneof(
    fc.string({ unit: fc.constantFrom('-', '0', '1', '9', '.', '5', ' ', 'e', '+', '٣', '/', ':'), maxLength: 18 }),
    fc
      .tuple(fc.boolean(), fc.stringMatching(/^\d{0,15}$/), fc.stringMatching(/^\d{0,3}$/))
      .map(([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}.${fraction}`),
    fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }).map((cents) => formatAmountByBigint(cents)),
    // a plain amount with one character changed: a digit's neighbours '/' and ':', a sign, a point…
    fc
      .tuple(
        fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }).map((cents) => formatAmountByBigint(cents)),
        fc.nat(),
        fc.constantFrom('/', ':', '-', '.', ' ', '0', 'a'),
      )
      .map(([text, at, character]) => {
        const index = at % text.length;
        return `${text.slice(0, index)}${character}${text.slice(index + 1)}`;
      }),
  );

  it('reads every text as the pattern and bigint parse did: the same cents or the same refusal', () => {
    fc.assert(
      fc.property(nearAmount, fc.boolean(), (text, limits) => {
        expect(outcome(() => parseAmount(text, { limits }))).toEqual(
          outcome(() => parseAmountByPattern(text, { limits })),
        );
      }),
      { numRuns: 5000 },
    );
  });

  it('writes every amount as bigint division did, beyond the safe integers too', () => {
    const cents = fc.oneof(
      fc.bigInt({ min: -100_000n, max: 100_000n }),
      fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n }),
      fc.constantFrom(
        BigInt(Number.MAX_SAFE_INTEGER),
        BigInt(Number.MAX_SAFE_INTEGER) + 1n,
        -BigInt(Number.MAX_SAFE_INTEGER),
        -BigInt(Number.MAX_SAFE_INTEGER) - 1n,
        0n,
      ),
    );
    fc.assert(
      fc.property(cents, (value) => {
        expect(formatAmount(value)).toBe(formatAmountByBigint(value));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('parseNonNegativeDecimal by one scan', () => {
  const outcome = (parse: () => string) => {
    try {
      return { text: parse() };
    } catch (error) {
      return { error: (error as Error).message };
    }
  };
  // digits with zeros on either side, points, signs and other characters in any order, and long runs
  const nearDecimal = fc.oneof(
    fc.string({ unit: fc.constantFrom('0', '0', '1', '9', '.', '-', ' ', 'e', '+', '/', ':', '٣'), maxLength: 12 }),
    fc
      .tuple(fc.stringMatching(/^0{0,3}\d{0,22}$/), fc.stringMatching(/^\d{0,44}0{0,3}$/), fc.boolean())
      .map(([whole, fraction, point]) => (point ? `${whole}.${fraction}` : `${whole}${fraction}`)),
    fc.constantFrom('0', '00', '0.0', '000.000', '1.', '.5', '', ' ', '-0', '-1.5', `0.${'0'.repeat(39)}1`),
  );

  it('gives the canonical form or the refusal that the patterns and decimal.js gave, with and without limits', () => {
    fc.assert(
      fc.property(nearDecimal, fc.boolean(), (text, limits) => {
        expect(outcome(() => parseNonNegativeDecimal(text, { limits }))).toEqual(
          outcome(() => parseNonNegativeDecimalByDecimalJs(text, { limits })),
        );
      }),
      { numRuns: 10000 },
    );
    for (const value of [24.3, null, undefined, {}, ['1']])
      expect(outcome(() => parseNonNegativeDecimal(value))).toEqual(
        outcome(() => parseNonNegativeDecimalByDecimalJs(value)),
      );
  });
});
