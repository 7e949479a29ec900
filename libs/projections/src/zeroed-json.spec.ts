import fc from 'fast-check';
import { statementDifference } from './replay';
import { writtenValue, zeroedJson } from './zeroed-json';

/** Amounts as statements write them, and texts that look almost like one. */
const amountLike = fc.oneof(
  fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }).map((cents) => {
    const sign = cents < 0n ? '-' : '';
    const digits = (cents < 0n ? -cents : cents).toString().padStart(3, '0');
    return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
  }),
  fc.constantFrom('0.00', '-0.00', '1.5', '1.500', '.50', '-.50', '1,00', '12.34 ', 'GM0363', '', '-', '2023'),
);
const text = fc.oneof(amountLike, fc.string({ unit: 'binary' }), fc.string());
const value = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(amountLike, fc.string()), tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('zeroedJson', () => {
  it('writes exactly what writing the difference of a value and itself writes (every amount 0.00)', () => {
    fc.assert(
      fc.property(value, (item) => {
        const written = JSON.stringify(item);
        expect(zeroedJson(written)).toBe(JSON.stringify(statementDifference(item, item)));
        expect(writtenValue(written)).toEqual({ value: JSON.parse(written) });
      }),
      { numRuns: 2000 },
    );
  });

  it('zeroes amounts, not names, and leaves the rest as written', () => {
    expect(zeroedJson('{"12.34":"-5.67","b":["1.00",2,"x\\"1.00",null,true,{}],"c":[]}')).toBe(
      '{"12.34":"0.00","b":["0.00",2,"x\\"1.00",null,true,{}],"c":[]}',
    );
  });

  it('reads nothing that JSON.stringify would not write so: such a text is not spliced', () => {
    for (const notWritten of [
      '',
      '{',
      '{"a":1',
      '{"a":1}x',
      '{"a":1,}',
      '[1,]',
      '{ "a":1}',
      '{"a": 1}',
      '["a" ,1]',
      '{a:1}',
      '"\\u0041"',
      '"\\/"',
      '"\\x"',
      '"\u0001"',
      '"\ud800"',
      '"\\ud83d\\ude00"',
      '1.50',
      '01',
      '-0',
      '1E3',
      '+1',
      'NaN',
      'True',
      'undefined',
      "'1.00'",
    ]) {
      expect([notWritten, zeroedJson(notWritten)]).toEqual([notWritten, undefined]);
      expect([notWritten, writtenValue(notWritten)]).toEqual([notWritten, undefined]);
    }
    for (const written of ['"\\ud800"', '"\\u0001"', '"\ud83d\ude00"', '1e+21', '1.5e-7', '-1', '{}', '[]', '""'])
      expect([written, writtenValue(written)]).toEqual([written, { value: JSON.parse(written) }]);
  });
});
