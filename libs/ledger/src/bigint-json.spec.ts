import fc from 'fast-check';
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
      '\u0000field': 3n,
    };
    const back = readBigintJson(writeBigintJson(value));
    expect(back).toStrictEqual(value);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.keys(back as object)).toEqual(Object.keys(value));
  });

  it('writes the bigints of fields that hold no other number as plain numbers, every other bigint marked', () => {
    const value = {
      year: 2024,
      postings: [
        { account: 'rijk', amount: -3402250093n },
        { account: 'region:r:bw-historical', amount: 3402250093n },
      ],
      // a field that holds a number somewhere keeps its bigints marked
      mixed: [{ count: 3 }, { count: 4n }],
      huge: { amount: 9007199254740993n },
      list: [5n],
    };
    const text = writeBigintJson(value);
    expect(text).toContain('"amount":-3402250093');
    expect(text).toContain('"count":"\\u00004"');
    expect(text).toContain('"amount":"\\u00009007199254740993"');
    expect(text).toContain('"list":["\\u00005"]');
    expect(readBigintJson(text)).toStrictEqual(value);
  });

  it('writes ASCII: every other character escaped, read back as it was', () => {
    const value = { provider: 'Coöperatie “De Brug” €', emoji: '😀', lone: '\ud83d', key: { ë: 1n } };
    const text = writeBigintJson(value);
    expect(text).toMatch(/^[ -\u007f]*$/);
    expect(text).toContain('Co\\u00f6peratie \\u201cDe Brug\\u201d \\u20ac');
    expect(text).toContain('\\ud83d\\ude00');
    expect(readBigintJson(text)).toStrictEqual(value);
  });

  it('reads back every value exactly, its fields in order', () => {
    const leaf = fc.oneof(
      fc.bigInt(),
      fc.bigInt({ min: -(2n ** 53n), max: 2n ** 53n }),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((number) => !Object.is(number, -0)),
      fc.string({ unit: fc.constantFrom('\u0000', 's', '1', '-', 'a', 'ö', '€', '\u007f', '\ud83d', '\ude00') }),
      fc.boolean(),
      fc.constant(null),
    );
    const key = fc.constantFrom('amount', 'year', 'count', '__proto__', '\u0000x', 'value', 'numbers', '0');
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, leaf, tie('list'), tie('object')),
      list: fc.array(tie('tree'), { maxLength: 4 }),
      object: fc
        .array(fc.tuple(key, tie('tree')), { maxLength: 5 })
        // Object.fromEntries defines its fields: one named __proto__ is a field
        .map((fields) => Object.fromEntries(fields) as unknown),
    }));
    fc.assert(
      fc.property(tree, (value) => {
        const text = writeBigintJson(value);
        expect(text).toMatch(/^[ -\u007f]*$/);
        const back = readBigintJson(text);
        expect(back).toStrictEqual(value);
        expect(JSON.stringify(back, (_key, item: unknown) => (typeof item === 'bigint' ? `${item}n` : item))).toBe(
          JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? `${item}n` : item)),
        );
      }),
      { numRuns: 2_000 },
    );
  });

  it('refuses a mark that holds no integer, a bigint field that holds no integer, and a text of another form', () => {
    expect(() => readBigintJson('{"numbers":[],"value":{"a":"\\u0000"}}')).toThrow(SyntaxError);
    expect(() => readBigintJson('{"numbers":[],"value":{"a":"\\u00001.5"}}')).toThrow(SyntaxError);
    expect(() => readBigintJson('{"numbers":[],"value":["\\u0000x"]}')).toThrow(SyntaxError);
    expect(() => readBigintJson('{"numbers":["a"],"value":{"a":1.5}}')).toThrow(SyntaxError);
    expect(() => readBigintJson('{"numbers":["a"],"value":{"a":1e300}}')).toThrow(SyntaxError);
    expect(() => readBigintJson('{"a":1}')).toThrow(SyntaxError);
    expect(() => readBigintJson('{"numbers":[1],"value":{}}')).toThrow(SyntaxError);
  });
});
