import fc from 'fast-check';
import { canonicalize } from 'json-canonicalize';
import { canonicalJson } from './canonical-json';

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
});
