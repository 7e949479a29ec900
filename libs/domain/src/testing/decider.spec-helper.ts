import { Cents, formatAmount, parseAmount } from '@libs/money';
import { Account } from '../accounts';
import { parseCommand } from '../commands/parse-command';
import { decide } from '../decide';
import { DomainError, DomainErrorCode } from '../errors';
import { DomainEvent, postingsOf } from '../events/domain-event';
import { Posting } from '../events/posting';
import { evolve, initialState } from '../state/evolve';
import { RegionState, RegionView } from '../state/region-state';

/** A command as a command file holds it: `{"command": "<Name>", ...fields}`. */
export interface RawCommand {
  readonly command: string;
  readonly [field: string]: unknown;
}

/** Applies raw commands (as in a command file) to a state, the way the ledger would; returns their events. */
export function record(state: RegionState, ...commands: RawCommand[]): DomainEvent[] {
  const events: DomainEvent[] = [];
  for (const raw of commands) {
    for (const { event } of decide(parseCommand(raw), state)) {
      evolve(state, event);
      events.push(event);
    }
  }
  return events;
}

/**
 * The decider's specification, after Emmett's `DeciderSpecification`: `given` a history (events, or
 * commands that are decided and folded in turn), `when` one more command, `then` exactly the events it
 * decides — or `thenThrows` the DomainError it refuses with, or `thenNothing`. Every decided event must
 * balance (its postings sum to zero), whatever the test checks besides.
 */
export function given(...history: (RawCommand | DomainEvent)[]) {
  const state = initialState();
  for (const item of history) {
    if ('command' in item) record(state, item);
    else evolve(state, item);
  }
  return {
    when(raw: RawCommand) {
      const decided = () => {
        const events = decide(parseCommand(raw), state).map(({ event }) => event);
        for (const event of events) expect([event.type, sumOfPostings(event)]).toEqual([event.type, '0.00']);
        return events;
      };
      return {
        /** Exactly these events, in this order. */
        then(expected: readonly DomainEvent[]): void {
          expect(decided()).toEqual(expected);
        },
        /** Nothing is recorded: the command changes nothing. */
        thenNothing(): void {
          expect(decided()).toEqual([]);
        },
        /** The command is refused with this code (and field and reason), and nothing is recorded. */
        thenThrows(code: DomainErrorCode, field?: string, reason?: RegExp): DomainError {
          let caught: unknown;
          try {
            decided();
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(DomainError);
          const error = caught instanceof DomainError ? caught : new DomainError(code, 'not thrown');
          expect(error.code).toBe(code);
          if (field !== undefined) expect(error.field).toBe(field);
          if (reason) expect(error.message).toMatch(reason);
          return error;
        },
        /**
         * The state the decided events leave behind (the given state evolved by them), for what only the
         * fold shows — balances, open and closed years. The given state itself is never what is checked.
         */
        thenState(check: (after: RegionView, events: readonly DomainEvent[]) => void): void {
          const after = state.clone();
          const events = decided();
          for (const event of events) evolve(after, event);
          check(after, events);
        },
      };
    },
  };
}

/** An amount in euros as cents: `eur('1000.50')` is 100050n. */
export const eur = (amount: string): Cents => parseAmount(amount);

/** One posting: an account and an amount in euros. */
export const posting = (account: Account, amount: string): Posting => ({ account, amount: eur(amount) });

export function sumOfPostings(event: DomainEvent): string {
  return formatAmount(postingsOf(event).reduce((sum, entry) => sum + entry.amount, 0n));
}

/** The postings of some events on one account, summed, as a decimal string. */
export function moved(events: readonly DomainEvent[], account: Account): string {
  let total = 0n;
  for (const event of events)
    for (const entry of postingsOf(event)) if (entry.account === account) total += entry.amount;
  return formatAmount(total);
}

export function balance(state: RegionView, year: number, account: Account): string {
  return formatAmount(state.ledger.balance(year, account));
}
