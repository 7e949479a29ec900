import fc from 'fast-check';
import { Account, Accounts, DomainEvent, isAccount } from '@libs/domain/model';
import { parseAmount, Rational } from '@libs/money';
import { LedgerEvent } from '../recorded-events';
import { roundTable } from './controlled-rounding';
import { attributeRijkPot } from './rijk-pot.attribution';
import { splitCents } from './split-cents';

const POT = 'region:r:bw-historical';
const A = 'municipality:GM0001:bw';
const B = 'municipality:GM0002:bw';
const SKIM = 'region:r:bw-provisions';

let revision = 0;
const recorded = (event: DomainEvent): LedgerEvent => ({
  ...event,
  eventId: `e${revision}`,
  revision: BigInt(revision),
  position: BigInt(revision++),
  metadata: {
    actor: 't',
    recordedAt: '2026-01-01T00:00:00Z',
    source: 't',
    commandId: 'c',
    causationId: 'c',
    correlationId: 'c',
    schemaVersion: 1,
  },
});
const cents = (amount: string) => parseAmount(amount);
const account = (name: string): Account => {
  if (!isAccount(name)) throw new Error(`not an account: ${name}`);
  return name;
};
const pay = (paymentId: string, amount: string) =>
  recorded({
    type: 'RijkPaymentRecorded',
    data: {
      regionId: 'r',
      paymentId,
      year: 2024,
      scheme: 'BW',
      basis: 'historical',
      recipient: 'GM0001',
      amount: cents(amount),
      postings: [
        { account: Accounts.rijk, amount: -cents(amount) },
        { account: account(POT), amount: cents(amount) },
      ],
    },
  });
/** A run's movements out of the pot (the trace reads only its postings; its inputs and trail are left empty). */
const run = (moves: [string, string][]) => {
  const total = moves.reduce((sum, [, amount]) => sum + cents(amount), 0n);
  return recorded({
    type: 'BwHistoricalDistributed',
    data: {
      regionId: 'r',
      year: 2024,
      scheme: 'BW',
      rule: 'bw-historical-distribution',
      inputs: {
        historicalPayments: 0n,
        regionalBudget: 0n,
        budgetVersion: null,
        objectivePct: '0',
        skim: 0n,
        formula: '',
        remainder: 0n,
      },
      allocation: { total, previousTotal: 0n, lines: [] },
      postings: [
        { account: account(POT), amount: -total },
        ...moves.map(([name, amount]) => ({ account: account(name), amount: cents(amount) })),
      ],
    },
  });
};
const table = (map: Map<string, Map<string, bigint>>) =>
  Object.fromEntries(
    [...map].map(([owner, row]) => [owner, Object.fromEntries([...row].map(([k, v]) => [k, String(v)]))]),
  );

describe('attributeRijkPot: following a Rijk pot event by event', () => {
  it('a run divides its movements over the money in the pot, pro rata, in whole cents', () => {
    const result = attributeRijkPot(POT, [
      pay('p', '100.00'),
      pay('q', '200.00'),
      run([
        [A, '100.01'],
        [B, '199.99'],
      ]),
    ]);
    expect(table(result.moved)).toEqual({ p: { [A]: '3334', [B]: '6666' }, q: { [A]: '6667', [B]: '13333' } });
    expect(Object.fromEntries(result.held)).toEqual({ p: 0n, q: 0n });
  });

  it('a run that allocates part of the pot draws on every payment pro rata and leaves the rest held', () => {
    const result = attributeRijkPot(POT, [pay('p', '300.00'), pay('q', '700.00'), run([[A, '400.00']])]);
    expect(table(result.moved)).toEqual({ p: { [A]: '12000' }, q: { [A]: '28000' } });
    expect(Object.fromEntries(result.held)).toEqual({ p: 18000n, q: 42000n });
  });

  it("a correction after a run is a shortfall the next run takes back: its trace is that run's deltas", () => {
    const result = attributeRijkPot(POT, [
      pay('p', '1000.00'),
      run([
        [SKIM, '100.00'],
        [A, '450.00'],
        [B, '450.00'],
      ]),
      pay('q', '-250.00'),
      run([
        [A, '-125.01'],
        [B, '-124.99'],
      ]),
    ]);
    expect(table(result.moved)).toEqual({
      p: { [SKIM]: '10000', [A]: '45000', [B]: '45000' },
      q: { [A]: '-12501', [B]: '-12499' },
    });
  });

  it('a correction before the run cancels unallocated money; a payment after a shortfall settles it first', () => {
    const result = attributeRijkPot(POT, [
      pay('p', '1000.00'),
      pay('q', '-250.00'),
      run([
        [SKIM, '100.00'],
        [A, '650.00'],
      ]),
      pay('r', '-40.00'),
      pay('s', '100.00'),
      run([[A, '60.00']]),
    ]);
    expect(table(result.netted)).toEqual({
      p: { q: '25000' },
      q: { p: '-25000' },
      r: { s: '-4000' },
      s: { r: '4000' },
    });
    expect(table(result.moved)).toEqual({ p: { [SKIM]: '10000', [A]: '65000' }, s: { [A]: '6000' } });
  });

  it('a reshuffle with nothing in the pot moves what the destinations had of each payment', () => {
    const result = attributeRijkPot(POT, [
      pay('p', '1000.00'),
      run([
        [A, '500.00'],
        [B, '500.00'],
      ]),
      pay('q', '100.00'),
      pay('r', '-100.00'),
      run([
        [A, '-200.00'],
        [B, '200.00'],
      ]),
    ]);
    expect(table(result.moved)).toEqual({ p: { [A]: '30000', [B]: '70000' } });
    expect(result.held.get('p')).toBe(0n);
  });
});

describe('splitCents and roundTable', () => {
  it('splitCents: largest remainder over signed weights, parts summing to the total', () => {
    expect(
      Object.fromEntries(
        splitCents(
          100n,
          new Map([
            ['a', 1n],
            ['b', 1n],
            ['c', 1n],
          ]),
        ),
      ),
    ).toEqual({ a: 34n, b: 33n, c: 33n });
    const signed = splitCents(
      -7n,
      new Map([
        ['a', 3n],
        ['b', -1n],
      ]),
    );
    expect(signed.get('a')! + signed.get('b')!).toBe(-7n);
  });

  it('roundTable: every cell rounded down or up, every row and column adding up exactly', () => {
    const rows = ['x', 'y', 'z'];
    const columns = ['1', '2', '3', '4'];
    const rowTotals = new Map([
      ['x', 101n],
      ['y', 97n],
      ['z', 3n],
    ]);
    const columnTotals = new Map([
      ['1', 50n],
      ['2', 50n],
      ['3', 50n],
      ['4', 51n],
    ]);
    const exact = (row: string, column: string) => Rational.of(rowTotals.get(row)! * columnTotals.get(column)!, 201n);
    const result = roundTable(rows, columns, exact, rowTotals, columnTotals);
    for (const row of rows) {
      expect([...result.get(row)!.values()].reduce((a, b) => a + b, 0n)).toBe(rowTotals.get(row));
      for (const column of columns) {
        const cell = result.get(row)!.get(column)!;
        expect(cell === exact(row, column).floor() || cell === exact(row, column).floor() + 1n).toBe(true);
      }
    }
    for (const column of columns)
      expect(rows.reduce((sum, row) => sum + result.get(row)!.get(column)!, 0n)).toBe(columnTotals.get(column));
  });

  it('roundTable: finds the rounding along an augmenting path where the largest remainders alone do not fit', () => {
    // greedy by remainder raises (a,2) 0.8 and (b,3) 0.6 first and leaves row c and column 1 short
    const fractions: Record<string, [bigint, bigint][]> = {
      a: [
        [-1n, 5n],
        [4n, 5n],
        [-3n, 5n],
      ],
      b: [
        [-3n, 10n],
        [-3n, 10n],
        [3n, 5n],
      ],
      c: [
        [1n, 2n],
        [-1n, 2n],
        [0n, 1n],
      ],
    };
    const columns = ['1', '2', '3'];
    const exact = (row: string, column: string) => Rational.of(...fractions[row][columns.indexOf(column)]);
    const zeros = (keys: string[]) => new Map(keys.map((key) => [key, 0n]));
    const result = roundTable(['a', 'b', 'c'], columns, exact, zeros(['a', 'b', 'c']), zeros(columns));
    for (const row of ['a', 'b', 'c']) {
      expect([...result.get(row)!.values()].reduce((x, y) => x + y, 0n)).toBe(0n);
      for (const column of columns)
        expect(result.get(row)!.get(column)! - exact(row, column).floor()).toBeLessThanOrEqual(1n);
    }
    for (const column of columns)
      expect(['a', 'b', 'c'].reduce((sum, row) => sum + result.get(row)!.get(column)!, 0n)).toBe(0n);
  });

  it('roundTable: holds for random tables, also where the largest remainders alone would not fit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 20, maxLength: 20 }),
        fc.array(fc.tuple(fc.nat(3), fc.nat(4), fc.nat(3), fc.nat(4), fc.integer({ min: 1, max: 99 })), {
          maxLength: 6,
        }),
        (rowCount, columnCount, base, cycles) => {
          const rows = Array.from({ length: rowCount }, (_, index) => `r${index}`);
          const columns = Array.from({ length: columnCount }, (_, index) => `c${index}`);
          // an integer table plus cycles of fractions (+ε −ε / −ε +ε): margins stay whole
          const cells = new Map<string, Rational>();
          rows.forEach((row, i) =>
            columns.forEach((column, j) => cells.set(`${row} ${column}`, Rational.of(BigInt(base[i * 5 + j])))),
          );
          for (const [a, b, c, d, hundredths] of cycles) {
            const [r1, r2, c1, c2] = [
              rows[a % rowCount],
              rows[c % rowCount],
              columns[b % columnCount],
              columns[d % columnCount],
            ];
            if (r1 === r2 || c1 === c2) continue;
            const epsilon = Rational.of(BigInt(hundredths), 100n);
            const shift = (row: string, column: string, by: Rational) =>
              cells.set(`${row} ${column}`, cells.get(`${row} ${column}`)!.add(by));
            shift(r1, c1, epsilon);
            shift(r1, c2, epsilon.neg());
            shift(r2, c1, epsilon.neg());
            shift(r2, c2, epsilon);
          }
          const exact = (row: string, column: string) => cells.get(`${row} ${column}`)!;
          const rowTotals = new Map(
            rows.map((row) => [
              row,
              columns.reduce((sum, column) => sum.add(exact(row, column)), Rational.ZERO).floor(),
            ]),
          );
          const columnTotals = new Map(
            columns.map((column) => [
              column,
              rows.reduce((sum, row) => sum.add(exact(row, column)), Rational.ZERO).floor(),
            ]),
          );
          const result = roundTable(rows, columns, exact, rowTotals, columnTotals);
          for (const row of rows)
            expect([...result.get(row)!.values()].reduce((a, b) => a + b, 0n)).toBe(rowTotals.get(row));
          for (const column of columns) {
            expect(rows.reduce((sum, row) => sum + result.get(row)!.get(column)!, 0n)).toBe(columnTotals.get(column));
            for (const row of rows)
              expect(result.get(row)!.get(column)! - exact(row, column).floor()).toBeLessThanOrEqual(1n);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
