import fc from 'fast-check';
import { isAmountText, statementDifference } from './replay';

describe('statementDifference', () => {
  it('takes the difference of every amount, also in the reserve movements, entry by entry', () => {
    const recorded = {
      name: 'Alpha',
      reserve: {
        closing: '100.00',
        movements: [
          { scheme: 'BW', kind: 'result', amount: '-100000.00' },
          { scheme: null, kind: 'fund', amount: '0.00' },
        ],
      },
    };
    const replayed = {
      name: 'Alpha',
      reserve: {
        closing: '150.00',
        movements: [
          { scheme: 'BW', kind: 'result', amount: '-50000.00' },
          { scheme: null, kind: 'fund', amount: '-10.00' },
        ],
      },
    };
    expect(statementDifference(replayed, recorded)).toEqual({
      name: 'Alpha',
      reserve: {
        closing: '50.00',
        movements: [
          { scheme: 'BW', kind: 'result', amount: '50000.00' },
          { scheme: null, kind: 'fund', amount: '-10.00' },
        ],
      },
    });
  });

  it('counts a reserve block missing on one side as zeros', () => {
    expect(
      statementDifference(
        { reserve: { movements: [{ scheme: 'MO', kind: 'payout', amount: '-5.00' }] } },
        { reserve: null },
      ),
    ).toEqual({ reserve: { movements: [{ scheme: 'MO', kind: 'payout', amount: '-5.00' }] } });
  });

  it('gives the same for a value and itself as for a value and its copy: every amount 0.00, the rest kept', () => {
    const statement = {
      year: 2025,
      closed: true,
      bw: { distributed: '-12.50', result: '0.00' },
      reserve: null,
      solidarity: { volume: '3.00', transfers: { GM0001: '-3.00', GM0002: '3.00' } },
      movements: [{ scheme: null, kind: 'fund', amount: '7.01' }],
      name: 'Gemeente 12.00',
    };
    const copy = structuredClone(statement);
    expect(JSON.stringify(statementDifference(statement, statement))).toBe(
      JSON.stringify(statementDifference(copy, statement)),
    );
    expect(statementDifference(statement, statement)).toMatchObject({ bw: { distributed: '0.00' }, reserve: null });
  });

  it('keeps the fields in order, those only the recorded side has last, and a fund named __proto__ as a field', () => {
    const funds = (amount: string) =>
      JSON.parse(`{"z":{"closing":"${amount}"},"__proto__":{"closing":"${amount}"}}`) as unknown;
    const replayed = { year: 2025, funds: funds('5.00'), only: { a: '1.00' } };
    const recorded = { late: '2.00', funds: funds('3.00'), year: 2025 };
    const difference = statementDifference(replayed, recorded);
    expect(JSON.stringify(difference)).toBe(
      '{"year":2025,"funds":{"z":{"closing":"2.00"},"__proto__":{"closing":"2.00"}},"only":{"a":"1.00"},"late":"-2.00"}',
    );
    expect(Object.getPrototypeOf((difference as { funds: object }).funds)).toBe(Object.prototype);
    expect(JSON.stringify(statementDifference(recorded, recorded))).toBe(
      '{"late":"0.00","funds":{"z":{"closing":"0.00"},"__proto__":{"closing":"0.00"}},"year":2025}',
    );
  });
});

describe('isAmountText', () => {
  const AMOUNT = /^-?\d+\.\d{2}$/;

  it('says of every text what the amount pattern says', () => {
    const texts = fc.string({ unit: fc.constantFrom('-', '.', '0', '5', '9', 'a', ' ', '\n', '/', ':'), maxLength: 8 });
    // and texts shaped like amounts, some of them amounts
    const amountLike = fc.stringMatching(/^-{0,2}[0-9.]{0,4}\.?[0-9]{0,3}$/);
    for (const arbitrary of [texts, amountLike])
      fc.assert(
        fc.property(arbitrary, (text) => isAmountText(text) === AMOUNT.test(text)),
        { numRuns: 20_000 },
      );
    for (const text of [
      '0.00',
      '-0.00',
      '5802407.00',
      '-.00',
      '.00',
      '1.0',
      '1..00',
      '--1.00',
      '1.00\n',
      '',
      '-',
      'x.00',
    ])
      expect(isAmountText(text)).toBe(AMOUNT.test(text));
  });
});
