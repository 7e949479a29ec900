import {
  Account,
  DomainEvent,
  DomainEventType,
  foldsAsPostingsOnly,
  isFactEvent,
  postingsOf,
  yearOf,
} from '@libs/domain/model';
import { replayAsksContent } from './replay';
import { HistoryItem, HistoryPart, isMoneyRun, itemPart, MoneyRun } from './replay-history';

/**
 * Items in recorded order (a whole history, or one part of it) with every stretch of money facts at
 * consecutive steps, of one year and one part, that a replay folds as recorded as their postings alone
 * folded into one MoneyRun (runs among them too): most of a year's history is its payments and costs, a few
 * runs and closings between them, so that a history kept so reads a fraction of the events. No other step
 * comes between the facts of a stretch, so the run folds as they do (see evolveSummedPostings).
 */
export function withMoneyRuns(items: readonly HistoryItem[]): HistoryItem[] {
  const result: HistoryItem[] = [];
  let open: OpenRun | undefined;
  for (const item of items) {
    const year = foldedYear(item);
    const part = year === undefined ? undefined : itemPart(item);
    if (year === undefined || part === undefined) {
      if (open) result.push(closed(open));
      open = undefined;
      result.push(item);
      continue;
    }
    if (open?.next !== item.step || open.year !== year || open.part !== part) {
      if (open) result.push(closed(open));
      open = { step: item.step, next: item.step, year, part, count: 0, sums: new Map() };
    }
    add(open, item);
  }
  if (open) result.push(closed(open));
  return result;
}

/** A run being summed: the sums by account and event type, in the order first posted. */
interface OpenRun {
  readonly step: number;
  /** the step that follows the run */
  next: number;
  readonly year: number;
  readonly part: HistoryPart;
  count: number;
  readonly sums: Map<string, { account: Account; type: DomainEventType; amount: bigint }>;
}

/** The year of an item a run may hold (a money fact folded as its postings, or a run), undefined otherwise. */
function foldedYear(item: HistoryItem): number | undefined {
  if (isMoneyRun(item)) return item.money.year;
  return foldsAsMoves(item.event) ? yearOf(item.event) : undefined;
}

/** A fact a replay folds as recorded (it never asks for its content) and as its postings alone. */
function foldsAsMoves(event: DomainEvent): boolean {
  return isFactEvent(event) && !replayAsksContent(event) && foldsAsPostingsOnly(event);
}

function add(run: OpenRun, item: HistoryItem): void {
  const moves = isMoneyRun(item)
    ? item.money.moves
    : postingsOf(item.event).map((posting) => ({ ...posting, type: item.event.type }));
  for (const move of moves) {
    const key = `${move.account}\u0000${move.type}`;
    const sum = run.sums.get(key);
    if (sum) sum.amount += move.amount;
    else run.sums.set(key, { account: move.account, type: move.type, amount: move.amount });
  }
  const count = isMoneyRun(item) ? item.money.count : 1;
  run.count += count;
  run.next = item.step + count;
}

function closed(run: OpenRun): MoneyRun {
  return { step: run.step, money: { year: run.year, count: run.count, moves: [...run.sums.values()] } };
}
