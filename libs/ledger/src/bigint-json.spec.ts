import { readBigintJson, writeBigintJson } from './bigint-json';

describe('bigint JSON', () => {
  it('reads back exactly what it wrote: bigints, strings that look marked, fields named __proto__', () => {
    const value = {
      amount: 123456789012345678901234567890n,
      negative: -5n,
      zero: 0n,
      text: '\u0000not a bigint',
      marked: '\u0000s',
      plain: '12',
      list: [1n, '\u00001', { nested: [-2n, null, true, 1.5] }],
      // a computed key: an own field named __proto__, not the prototype
      ['__proto__']: 7n,
    };
    const back = readBigintJson(writeBigintJson(value));
    expect(back).toStrictEqual(value);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.keys(back as object)).toEqual(Object.keys(value));
  });

  it('refuses a mark that holds no integer', () => {
    expect(() => readBigintJson('{"a":"\\u0000"}')).toThrow(SyntaxError);
    expect(() => readBigintJson('{"a":"\\u00001.5"}')).toThrow(SyntaxError);
    expect(() => readBigintJson('["\\u0000x"]')).toThrow(SyntaxError);
  });
});
