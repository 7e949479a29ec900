import { statementDifference } from './replay';

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
});
