import fc from 'fast-check';
import { Accounts } from '../../accounts';
import { arrayOf, Codec, EventDataError, posting, postingByShape, postings } from './field.codecs';

/** What a codec makes of a value: what it reads, or where and why it refuses it. */
function outcome<T>(codec: Codec<T>, value: unknown): unknown {
  try {
    return { read: codec.decode(value) };
  } catch (error) {
    if (!(error instanceof EventDataError)) throw error;
    return { path: error.path, reason: error.reason };
  }
}

const anyValue = fc.oneof(
  fc.constantFrom(Accounts.rijk, Accounts.reserve('r'), 'region:r:pot', '', '12.50', '-0.01', '1e3', '12.5'),
  fc.string(),
  fc.integer(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant([]),
  fc.constant({}),
);
const postingLike = fc.oneof(
  fc.record({ account: anyValue, amount: anyValue }, { requiredKeys: [] }),
  fc.dictionary(fc.constantFrom('account', 'amount', 'amounts', '__proto__', 'type'), anyValue),
  anyValue,
);

describe('the posting codec written out', () => {
  it('reads and refuses every value as the general object codec of its shape does', () => {
    fc.assert(
      fc.property(postingLike, (value) => {
        expect(outcome(posting, value)).toEqual(outcome(postingByShape, value));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads and refuses lists of postings as a list of the general codec does', () => {
    const byShape = arrayOf(postingByShape);
    fc.assert(
      fc.property(fc.oneof(fc.array(postingLike, { maxLength: 4 }), anyValue), (value) => {
        expect(outcome(postings, value)).toEqual(outcome(byShape, value));
      }),
      { numRuns: 3000 },
    );
  });

  it('writes a posting as the general codec does, and reads back what it wrote', () => {
    fc.assert(
      fc.property(fc.constantFrom(Accounts.rijk, Accounts.providers), fc.bigInt(), (account, amount) => {
        const value = { account, amount };
        expect(JSON.stringify(posting.encode(value))).toBe(JSON.stringify(postingByShape.encode(value)));
        expect(postings.encode([value, value])).toEqual(arrayOf(postingByShape).encode([value, value]));
        expect(posting.decode(posting.encode(value))).toEqual(value);
      }),
      { numRuns: 1000 },
    );
  });
});
