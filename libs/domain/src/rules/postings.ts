import { Cents, formatAmount } from '@libs/money';
import { Account } from '../accounts';
import { invariant } from '../errors';
import { Posting } from '../events/posting';

/**
 * Builds the postings of one money event from signed movements: zero movements are dropped, several
 * movements on one account are netted, and the result must sum to zero — an event that would create
 * or destroy money is a bug, never recorded.
 */
export function postings(movements: Iterable<readonly [account: Account, amount: Cents]>): Posting[] {
  const byAccount = new Map<Account, Cents>();
  for (const [account, amount] of movements) byAccount.set(account, (byAccount.get(account) ?? 0n) + amount);
  let total = 0n;
  const result: Posting[] = [];
  for (const [account, amount] of byAccount) {
    total += amount;
    if (amount !== 0n) result.push({ account, amount });
  }
  invariant(
    total === 0n,
    () =>
      `postings must sum to zero, these sum to ${formatAmount(total)}: ${result.map((posting) => `${posting.account} ${formatAmount(posting.amount)}`).join(', ')}`,
  );
  return result;
}

/**
 * Money moving from one account to another: what `postings` makes of the two movements, written out
 * (every money fact records one) — nothing when it moves nothing or stays on one account.
 */
export function transfer(from: Account, to: Account, amount: Cents): Posting[] {
  if (amount === 0n || from === to) return [];
  return [
    { account: from, amount: -amount },
    { account: to, amount },
  ];
}

/** Each member's share moves between `pool` and the member's account: to the members when positive. */
export function shareMovements(
  pool: Account,
  shares: ReadonlyMap<string, Cents>,
  memberAccount: (code: string) => Account,
): [Account, Cents][] {
  const movements: [Account, Cents][] = [];
  let total = 0n;
  for (const [code, amount] of shares) {
    movements.push([memberAccount(code), amount]);
    total += amount;
  }
  movements.push([pool, -total]);
  return movements;
}
