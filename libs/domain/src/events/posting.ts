import { Cents } from '@libs/money';
import { Account } from '../accounts';

/** One line of a money event: an account and the signed amount that moves on it. */
export interface Posting {
  readonly account: Account;
  readonly amount: Cents;
}

/** The postings of one money event; they sum to zero. */
export type Postings = readonly Posting[];
