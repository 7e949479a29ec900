import { DomainEvent, foldsAsSums, isFactEvent, MoneySums, yearOf } from '@libs/domain/model';
import { replayAsksContent } from './replay';
import { HistoryItem, HistoryPart, isMoneyRun, itemPart, MoneyRun } from './replay-history';

/**
 * Items in recorded order (a whole history, or one part of it) with every stretch of money facts at
 * consecutive steps, of one year and one part, that a replay folds as recorded and that only add to sums
 * folded into one MoneyRun (runs among them too): most of a year's history is its payments, costs and
 * advances, a few runs and closings between them, so that a history kept so reads a fraction of the
 * events. No other step comes between the facts of a stretch, so the run folds as they do (see
 * evolveSummedMoney).
 */
export function withMoneyRuns(items: readonly HistoryItem[]): HistoryItem[] {
  const result: HistoryItem[] = [];
  let open: OpenRun | undefined;
  for (const item of items) {
    const year = summedYear(item);
    const part = year === undefined ? undefined : itemPart(item);
    if (year === undefined || part === undefined) {
      if (open) result.push(closed(open));
      open = undefined;
      result.push(item);
      continue;
    }
    if (open?.next !== item.step || open.sums.year !== year || open.part !== part) {
      if (open) result.push(closed(open));
      open = { step: item.step, next: item.step, part, sums: new MoneySums(year) };
    }
    if (isMoneyRun(item)) {
      open.sums.addSums(item.money);
      open.next = item.step + item.money.count;
    } else if (isFactEvent(item.event)) {
      open.sums.addFact(item.event);
      open.next = item.step + 1;
    }
  }
  if (open) result.push(closed(open));
  return result;
}

/** A run being summed. */
interface OpenRun {
  readonly step: number;
  /** the step that follows the run */
  next: number;
  readonly part: HistoryPart;
  readonly sums: MoneySums;
}

/** The year of an item a run may hold (a money fact that only adds to sums, or a run), undefined otherwise. */
function summedYear(item: HistoryItem): number | undefined {
  if (isMoneyRun(item)) return item.money.year;
  return summed(item.event) ? yearOf(item.event) : undefined;
}

/** A fact a replay folds as recorded (it never asks for its content) and that only adds to sums. */
function summed(event: DomainEvent): boolean {
  return isFactEvent(event) && !replayAsksContent(event) && foldsAsSums(event);
}

function closed(run: OpenRun): MoneyRun {
  return { step: run.step, money: run.sums.summed() };
}
