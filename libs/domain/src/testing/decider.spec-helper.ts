import { formatAmount, parseAmount } from '@libs/money';
import { Account } from '../accounts';
import { parseCommand } from '../commands/parse-command';
import { decide } from '../decide';
import { DomainError, DomainErrorCode } from '../errors';
import { DomainEvent, postingsOf } from '../events/event.types';
import { RegionState } from '../state/region-state';

export type RawCommand = { readonly command: string; readonly [field: string]: unknown };

/** Applies raw commands (as in a command file) to a state, the way the ledger would. */
export function record(state: RegionState, ...commands: RawCommand[]): DomainEvent[] {
  const events: DomainEvent[] = [];
  for (const raw of commands) {
    for (const { event } of decide(parseCommand(raw), state)) {
      state.apply(event);
      events.push(event);
    }
  }
  return events;
}

/**
 * Given/when/then for the decider: `given` a history of commands (or events), `when` one more
 * command, `then` the events it decides — or the error it refuses with.
 */
export function given(...history: (RawCommand | DomainEvent)[]) {
  const state = new RegionState();
  for (const item of history) {
    if ('command' in item) record(state, item);
    else state.apply(item);
  }
  return {
    state,
    when(raw: RawCommand) {
      const run = () => decide(parseCommand(raw), state).map(({ event }) => event);
      return {
        then(check: (events: DomainEvent[], state: RegionState) => void): DomainEvent[] {
          const events = run();
          for (const event of events) expect(sumOfPostings(event)).toBe('0.00');
          check(events, state);
          return events;
        },
        thenNothing(): void {
          expect(run()).toEqual([]);
        },
        thenRejects(code: DomainErrorCode, field?: string, message?: RegExp): DomainError {
          let caught: unknown;
          try {
            run();
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(DomainError);
          const error = caught as DomainError;
          expect(error.code).toBe(code);
          if (field !== undefined) expect(error.field).toBe(field);
          if (message) expect(error.message).toMatch(message);
          return error;
        },
      };
    },
  };
}

export function sumOfPostings(event: DomainEvent): string {
  return formatAmount(postingsOf(event).reduce((sum, posting) => sum + parseAmount(posting.amount), 0n));
}

/** The postings of some events on one account, summed, as a decimal string. */
export function moved(events: readonly DomainEvent[], account: string): string {
  let total = 0n;
  for (const event of events)
    for (const posting of postingsOf(event)) if (posting.account === account) total += parseAmount(posting.amount);
  return formatAmount(total);
}

export function balance(state: RegionState, year: number, account: Account): string {
  return formatAmount(state.ledger.balance(year, account));
}
