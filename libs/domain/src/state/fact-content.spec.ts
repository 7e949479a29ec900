import fc from 'fast-check';
import { canonicalJson, sortedCopy, UNSAFE } from './canonical-json';
import { givenContentOf, givenContentOfSorted, SHORT_MEMBER_NAMES } from './fact-content';

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
