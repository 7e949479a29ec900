import fc from 'fast-check';
import { canonicalize } from 'json-canonicalize';
import { canonicalJson, sortedCopy, UNSAFE } from './canonical-json';
import { canonicalJsonByCopy, sortedCopyBySorting, UNSAFE_REFERENCE } from './canonical-json.reference.spec-helper';

/** canonicalJson takes a fast road (a sorted copy written by JSON.stringify); it must write what RFC 8785 writes. */
describe('canonicalJson', () => {
  const values: [string, unknown][] = [
    ['a stored fact', { year: 2024, amount: '100.00', regionId: 'r', postings: [{ amount: '-1.00', account: 'a' }] }],
    [
      'nested objects of one shape, repeated',
      [
        { b: 1, a: 2 },
        { b: 3, a: 4 },
        { a: 5, b: 6 },
      ],
    ],
    ['array-index keys, which the engine lists first', { '10': 'x', '2': 'y', b: 'z', a: { '1': 1, '0': 0 } }],
    ['a __proto__ key', JSON.parse('{"__proto__": {"x": 1}, "a": 1}')],
    ['keys sorted by UTF-16 code units', { é: 1, z: 2, Z: 3, '\u{1F600}': 4, '\uFB01': 5 }],
    ['strings that need escaping', { 'a"b': 'line\nbreak', c: '\u2028' }],
    ['numbers and literals', { n: 1e21, m: -0.5, t: true, f: false, z: null, e: [] }],
  ];

  it.each(values)('%s: as RFC 8785', (_name, value) => {
    expect(canonicalJson(value)).toBe(canonicalize(value));
  });

  it('writes what RFC 8785 writes for any JSON value, in order or not, and leaves the value as it was', () => {
    const sorted = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(sorted)
        : typeof value === 'object' && value !== null
          ? Object.fromEntries(
              Object.entries(value)
                .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
                .map(([key, item]) => [key, sorted(item)]),
            )
          : value;
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (json, inOrder) => {
        const value = inOrder ? sorted(json) : json;
        const before = JSON.stringify(value);
        expect(canonicalJson(value)).toBe(canonicalize(value));
        expect(JSON.stringify(value)).toBe(before);
      }),
      { numRuns: 500 },
    );
  });

  it('writes an object in canonical order already as it is, and one with a toJSON of its own by its members', () => {
    const inOrder = { account: 'a', amount: '-1.00', nested: [{ a: 1, b: [2, { c: 3 }] }] };
    expect(canonicalJson(inOrder)).toBe('{"account":"a","amount":"-1.00","nested":[{"a":1,"b":[2,{"c":3}]}]}');
    // the copy the canonical form always made: its members only (none here), not what toJSON says
    expect(canonicalJson({ a: new Date(0) })).toBe('{"a":{}}');
  });

  it('leaves out undefined members', () => {
    expect(canonicalJson({ b: undefined, a: 1 })).toBe('{"a":1}');
  });

  /** Values the one-pass writer must hand to the general road, or write as the copy does. */
  const awkward: [string, unknown][] = [
    ['a Date member', { b: new Date(0), a: 1 }],
    ['a Map member', { m: new Map([['a', 1]]) }],
    [
      'a class instance',
      [
        new (class Point {
          y = 2;
          x = 1;
        })(),
      ],
    ],
    ['an object without a prototype', Object.assign(Object.create(null) as object, { b: 1, a: [2] })],
    ['a toJSON of its own', { b: 1, toJSON: () => 'x' }],
    ['a function member and item', { f: () => 1, a: [() => 1, undefined, 3] }],
    ['a symbol member', { s: Symbol('s'), a: 1 }],
    ['holes in an array', Object.assign(new Array<number>(3), { 0: 1, 2: 3 })],
    ['a control character alone', ['a\u0001b', '\t', '\u007f']],
    ['non-finite numbers and minus zero', { n: Number.NaN, i: -Infinity, z: -0 }],
    ['a lone surrogate, controls and quotes', { '\ud800': '\udfff x', 'k"\\': '\u0000\u001f"\\\u007f\u2028' }],
    ['index keys and __proto__ again, nested', [JSON.parse('{"2":{"10":1,"__proto__":[{"b":1,"a":2}]},"a":null}')]],
  ];

  it.each(awkward)('%s: as the copy in canonical order writes it', (_name, value) => {
    expect(canonicalJson(value)).toStrictEqual(canonicalJsonByCopy(value));
  });

  it('gives what the copy gives for undefined, a function and a symbol on their own (no text)', () => {
    for (const value of [undefined, () => 1, Symbol('s')])
      expect(canonicalJson(value)).toBe(canonicalJsonByCopy(value));
  });

  it('writes what the copy in canonical order writes, for JSON of many shapes with keys of any kind', () => {
    // any UTF-16 code unit, lone surrogates and controls included
    const code = fc.oneof(
      fc.integer({ min: 0, max: 0x7f }),
      fc.integer({ min: 0xd7f0, max: 0xe010 }),
      fc.integer({ min: 0, max: 0xffff }),
    );
    const text = fc.string({ unit: code.map((each) => String.fromCharCode(each)) });
    const key = fc.oneof(text, fc.constantFrom('__proto__', '10', '2', '0', 'toJSON', '', 'a', 'b', 'é'));
    const leaf = fc.oneof(fc.jsonValue({ maxDepth: 1 }), text, fc.constant(undefined), fc.double(), fc.date());
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node')), fc.dictionary(key, tie('node'))),
    })).node;
    fc.assert(
      fc.property(value, (each) => {
        expect(canonicalJson(each)).toStrictEqual(canonicalJsonByCopy(each));
        // the sorted copy, with its orders looked up by key list, is the copy made by sorting every object's keys
        const copy = sortedCopy(each);
        const reference = sortedCopyBySorting(each);
        expect(copy === UNSAFE).toBe(reference === UNSAFE_REFERENCE);
        if (copy !== UNSAFE) expect(JSON.stringify(copy)).toStrictEqual(JSON.stringify(reference));
      }),
      { numRuns: 2000 },
    );
  });
});
