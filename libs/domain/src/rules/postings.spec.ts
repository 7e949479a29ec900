import fc from 'fast-check';
import { Account, Accounts } from '../accounts';
import { postings, transfer } from './postings';

describe('transfer', () => {
  const accounts: Account[] = [
    Accounts.rijk,
    Accounts.providers,
    Accounts.reserve('r'),
    Accounts.municipality('GM0001', 'BW'),
  ];

  it('is what postings makes of the two movements, for any accounts and amount', () => {
    fc.assert(
      fc.property(fc.constantFrom(...accounts), fc.constantFrom(...accounts), fc.bigInt(), (from, to, amount) => {
        expect(transfer(from, to, amount)).toEqual(
          postings([
            [from, -amount],
            [to, amount],
          ]),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('moves money from one account to another, and nothing when there is nothing to move', () => {
    expect(transfer(Accounts.rijk, Accounts.providers, 150n)).toEqual([
      { account: 'rijk', amount: -150n },
      { account: 'external:providers', amount: 150n },
    ]);
    expect(transfer(Accounts.rijk, Accounts.providers, 0n)).toEqual([]);
    expect(transfer(Accounts.rijk, Accounts.rijk, 150n)).toEqual([]);
  });
});
