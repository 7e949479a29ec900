import fc from 'fast-check';
import { Account } from '../accounts';
import { DomainEventType } from '../events/domain-event';
import { PostingLedger } from './posting-ledger';

type Entry = [year: number, account: Account, type: DomainEventType, amount: bigint];

/** The ledger as a plain list of its sums in first-added order: what a clone copied whole before. */
class ReferenceLedger {
  private readonly sums = new Map<number, Map<string, Map<string, bigint>>>();

  add(year: number, account: string, type: string, amount: bigint): void {
    let accounts = this.sums.get(year);
    if (!accounts) this.sums.set(year, (accounts = new Map()));
    let types = accounts.get(account);
    if (!types) accounts.set(account, (types = new Map()));
    types.set(type, (types.get(type) ?? 0n) + amount);
  }

  entries(): [number, string, string, bigint][] {
    const list: [number, string, string, bigint][] = [];
    for (const [year, accounts] of this.sums)
      for (const [account, types] of accounts)
        for (const [type, amount] of types) list.push([year, account, type, amount]);
    return list;
  }

  clone(): ReferenceLedger {
    const copy = new ReferenceLedger();
    for (const [year, account, type, amount] of this.entries()) copy.add(year, account, type, amount);
    return copy;
  }
}

const accounts = ['region:r:reserve', 'municipality:GM0001:BW', 'municipality:GM0002:MO'] as Account[];
const types: DomainEventType[] = ['RijkPaymentRecorded', 'ReservePaidOut', 'SolidarityTransferred'];

const posting = fc.tuple(
  fc.integer({ min: 2023, max: 2026 }),
  fc.constantFrom(...accounts),
  fc.constantFrom(...types),
  fc.bigInt({ min: -1000n, max: 1000n }),
);
// a step adds a posting to one of the ledgers made so far, or clones one of them
const step = fc.oneof(
  fc.record({ clone: fc.nat(), of: fc.constant(undefined) }),
  fc.record({ add: posting, to: fc.nat() }),
  fc.record({ add: posting, to: fc.nat() }),
);
type Step = { clone: number; of: undefined } | { add: Entry; to: number };

/** The ledgers made by `start` added to a first one and then `steps`, each beside its reference. */
function ledgersAfter(
  start: readonly Entry[],
  steps: readonly Step[],
): { ledgers: PostingLedger[]; references: ReferenceLedger[] } {
  const ledgers = [new PostingLedger()];
  const references = [new ReferenceLedger()];
  for (const each of start) {
    ledgers[0].add(...each);
    references[0].add(...each);
  }
  for (const each of steps) {
    if ('clone' in each) {
      const index = each.clone % ledgers.length;
      ledgers.push(ledgers[index].clone());
      references.push(references[index].clone());
    } else {
      const index = each.to % ledgers.length;
      ledgers[index].add(...each.add);
      references[index].add(...each.add);
    }
  }
  return { ledgers, references };
}

describe('PostingLedger', () => {
  it('keeps a clone and its original apart, whichever adds first, in the order sums were first added', () => {
    fc.assert(
      fc.property(fc.array(posting, { maxLength: 20 }), fc.array(step, { maxLength: 40 }), (start, steps) => {
        const { ledgers, references } = ledgersAfter(start, steps);
        ledgers.forEach((ledger, index) => {
          const entries: Entry[] = [...ledger.entries()];
          expect(entries).toEqual(references[index].entries());
          const visited: Entry[] = [];
          ledger.forEachSum((year, account, type, amount) => visited.push([year, account, type, amount]));
          expect(visited).toEqual(entries);
          for (const [year, account] of entries)
            expect(ledger.balance(year, account)).toBe(
              references[index]
                .entries()
                .filter(([y, a]) => y === year && a === account)
                .reduce((sum, [, , , amount]) => sum + amount, 0n),
            );
        });
      }),
      { numRuns: 500 },
    );
  });
});

describe('PostingLedger.planningClone', () => {
  const sumsOf = (ledger: PostingLedger) => [...ledger.entries()];

  it('plans apart from its original, which reads the same meanwhile and goes on in place once the copy is let go', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 30 }),
        fc.nat(),
        fc.array(posting, { maxLength: 20 }),
        fc.array(fc.tuple(posting, fc.nat()), { maxLength: 20 }),
        (setup, chosen, planned, after) => {
          // ledgers that share sums already (clones of clones), one of which is planned on
          const { ledgers, references } = ledgersAfter([], setup);
          const original = chosen % ledgers.length;
          const copy = ledgers[original].planningClone();
          const copyReference = references[original].clone();
          for (const each of planned) {
            copy.add(...each);
            copyReference.add(...each);
          }
          expect(sumsOf(copy)).toEqual(copyReference.entries());
          ledgers.forEach((ledger, index) => expect(sumsOf(ledger)).toEqual(references[index].entries()));
          for (const [each, to] of after) {
            ledgers[to % ledgers.length].add(...each);
            references[to % ledgers.length].add(...each);
          }
          ledgers.forEach((ledger, index) => expect(sumsOf(ledger)).toEqual(references[index].entries()));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('PostingLedger.sumOver', () => {
  it('is sum over the same event types (all of them when none are listed)', () => {
    const types: DomainEventType[] = ['RijkPaymentRecorded', 'RegionalCostRecorded', 'ReservePaidOut'];
    const accounts = ['rijk', 'external:providers'] as Account[];
    const entry = fc.tuple(
      fc.constantFrom(2024, 2025),
      fc.constantFrom(...accounts),
      fc.constantFrom(...types),
      fc.bigInt({ min: -10_000n, max: 10_000n }),
    );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 20 }), fc.subarray(types), (entries, asked) => {
        const ledger = new PostingLedger();
        for (const [year, account, type, amount] of entries) ledger.add(year, account, type, amount);
        for (const year of [2024, 2025, 2026])
          for (const account of accounts)
            expect(ledger.sumOver(year, account, asked)).toBe(ledger.sum(year, account, ...asked));
      }),
      { numRuns: 500 },
    );
  });
});
