import fc from 'fast-check';
import { sortedCopy, UNSAFE } from './canonical-json';
import { givenContentOf, givenContentOfSorted } from './fact-content';

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
