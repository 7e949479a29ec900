import fc from 'fast-check';
import { canonicalJson, sortedCopy, UNSAFE } from './canonical-json';
import { givenContentOf, givenContentOfSorted, SHORT_MEMBER_NAMES } from './fact-content';
import { givenContentByScan } from './fact-content.reference.spec-helper';

/** The kept form written out again: every control character back to the member name it stands for. */
const expanded = (kept: string) => {
  let written = '';
  for (let index = 0; index < kept.length; index += 1) {
    const code = kept.charCodeAt(index);
    written += code >= 1 && code <= 31 ? `"${SHORT_MEMBER_NAMES[code - 1]}":` : kept[index];
  }
  return written;
};

/** What givenContentOf writes before it shortens names: the data without its postings, as canonical JSON. */
const canonicalGiven = ({ postings: _postings, ...given }: Record<string, unknown>) => canonicalJson(given);

/** Data whose names and texts are the shortened names, near misses, quotes, colons and control characters. */
const tricky = fc.constantFrom(
  ...SHORT_MEMBER_NAMES,
  'amounts',
  'Amount',
  '"amount":',
  'x"code":',
  ':',
  '"',
  '\u0001',
  '',
);
const text = fc.oneof(
  tricky,
  fc.string(),
  fc.array(tricky).map((parts) => parts.join('')),
);
const data = fc.dictionary(
  text,
  fc.oneof(text, fc.integer(), fc.dictionary(text, text, { maxKeys: 3 }), fc.array(text, { maxLength: 3 })),
  { maxKeys: 6 },
);

describe('givenContentOf', () => {
  it('shortens the common member names and leaves the postings out', () => {
    const kept = givenContentOf({ regionId: 'r', amount: '1.00', postings: [{ account: 'a', amount: '1.00' }] });
    expect(kept).toBe('{\u0003"1.00",\u0001"r"}');
    expect(expanded(kept)).toBe('{"amount":"1.00","regionId":"r"}');
  });

  it('is canonical JSON written one to one: equal kept forms exactly for equal contents', () => {
    fc.assert(
      fc.property(data, data, (left, right) => {
        expect(expanded(givenContentOf(left))).toBe(canonicalGiven(left));
        expect(givenContentOf(left) === givenContentOf(right)).toBe(canonicalGiven(left) === canonicalGiven(right));
      }),
      { numRuns: 2000 },
    );
  });

  it('tells apart contents that differ only where a shortened name is spelled inside a text', () => {
    const plain = { description: 'x', year: 2024 };
    const spelled = { description: 'x","year":2024,"y' };
    expect(givenContentOf(plain)).not.toBe(givenContentOf(spelled));
  });

  it('is the same from a sorted copy of the data (givenContentOfSorted), the shortened names too', () => {
    fc.assert(
      fc.property(data, (stored) => {
        const sorted = sortedCopy(stored);
        fc.pre(sorted !== UNSAFE);
        expect(givenContentOfSorted(sorted as Record<string, unknown>)).toBe(givenContentOf(stored));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('a fact’s given content from a sorted copy of its data', () => {
  it('is givenContentOf the data, for any stored data with or without postings', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.option(fc.jsonValue()), (data, postings) => {
        const stored: Record<string, unknown> = postings === null ? data : { ...data, postings };
        const sorted = sortedCopy(stored);
        // data the engine would not keep in order is written member by member instead (the ledger falls back)
        fc.pre(sorted !== UNSAFE);
        expect(givenContentOfSorted(sorted as Record<string, unknown>)).toBe(givenContentOf(stored));
      }),
      { numRuns: 500 },
    );
  });
});

describe('the one-pass writer of a given content', () => {
  it('writes what the canonical text with its names shortened by a scan says, for any data', () => {
    // tricky names and texts at any depth, keys that need escaping, arrays with holes, non-JSON values
    const odd = fc.oneof(
      fc.constant(undefined),
      fc.constant(new Date(0)),
      // an array with a hole, as sparse arrays come about
      fc.constant(Object.assign(new Array<number>(3), { 0: 1, 2: 3 })),
      fc.constant(Object.create(null) as Record<string, unknown>),
    );
    const value = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        text,
        fc.integer(),
        fc.double(),
        fc.boolean(),
        fc.constant(null),
        odd,
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(text, tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    const stored = fc.oneof(
      data,
      fc.dictionary(text, value, { maxKeys: 8 }),
      fc.dictionary(fc.string(), fc.jsonValue()),
    );
    fc.assert(
      fc.property(stored, fc.option(fc.jsonValue()), (given, postings) => {
        const withPostings: Record<string, unknown> = postings === null ? given : { ...given, postings };
        expect(givenContentOf(withPostings)).toBe(givenContentByScan(withPostings));
        const sorted = sortedCopy(withPostings);
        if (sorted !== UNSAFE)
          expect(givenContentOfSorted(sorted as Record<string, unknown>)).toBe(givenContentByScan(withPostings));
      }),
      { numRuns: 3000 },
    );
  });

  it('writes a stored fact as the scan does, a key that needs escaping and a __proto__ key too', () => {
    const cases: Record<string, unknown>[] = [
      { regionId: 'r', costId: 'c-1', year: 2024, scheme: 'BW', amount: '1.00', postings: [{ account: 'a' }] },
      { 'a"amount': '1.00', amount: '2.00' },
      { weights: { 'GM"0001': '1', GM0002: '2' }, keyId: 'k' },
      JSON.parse('{"__proto__": {"amount": "1.00"}, "year": 2024}') as Record<string, unknown>,
      { description: 'x","year":2024,"y', nested: [{ code: 'GM0001', name: '\u0001"name":' }] },
    ];
    for (const stored of cases) expect(givenContentOf(stored)).toBe(givenContentByScan(stored));
  });
});
