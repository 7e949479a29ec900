import { DomainEvent, isDerivedEvent, parseAccount, postingsOf, Scheme, SummedMoney, yearOf } from '@libs/domain/model';

/**
 * One event of the recorded history as a replay reads it, with `step`: the place among the history's
 * facts and markers (0, 1, …) of the command that recorded it — its own place for a fact or a marker,
 * the place of its run's or closing's marker for a derived event (a command's events are recorded
 * together, the marker last).
 */
export interface HistoryEntry {
  readonly event: DomainEvent;
  readonly step: number;
  /** a fact's given content as recorded (see evolve), where the reader keeps it: a replay then need not compute it */
  readonly content?: string;
}

/**
 * Money facts of one year and one part at consecutive steps (from `step` on) that a replay folds as recorded
 * and that only add to sums (see foldsAsSums), as one: the sums of what they add (see SummedMoney). Nothing
 * is decided between them, so folding the sums at the first step leaves a replay as folding each at its own.
 */
export interface MoneyRun {
  readonly step: number;
  readonly money: SummedMoney;
}

/** What a history holds at a step: an event, or a run of money facts folded as one. */
export type HistoryItem = HistoryEntry | MoneyRun;

export const isMoneyRun = (item: HistoryItem): item is MoneyRun => 'money' in item;

/** The part of the history an item is kept in (see HistoryPart); a run's is that of each of its facts. */
export function itemPart(item: HistoryItem): HistoryPart | undefined {
  if (!isMoneyRun(item)) return historyPart(item.event);
  return item.money.moves.some((move) => carriedOver(move.account)) ? 'carried' : item.money.year;
}

/**
 * Where an event of the history is kept for a replay, so that a replay reads only what its revisions
 * can reach:
 *   'config'   the registration and the keys and agreements (what a revision replaces), and whatever has
 *              no year: every replay reads them;
 *   'carried'  whatever moves the reserve or a fund, the accounts whose balance runs on over the years (a
 *              closing reads the reserve of every earlier year): every replay reads them, and evolves those
 *              of years it does not decide again as recorded;
 *   a year     the other facts and the run, closing and reopening markers of that year;
 *   a year's scheme
 *              the other derived events of that year and scheme: a replay derives them again or leaves
 *              their year as recorded, or, in a year it decides again, folds them as recorded where its
 *              revisions cannot change the scheme (see Reach.kept);
 *   undefined  a derived event of no year or scheme (none is recorded so): a replay derives it again.
 */
export type HistoryPart = 'config' | 'carried' | number | SchemePart;

/** The part of a year's derived events of one scheme (see HistoryPart). */
export interface SchemePart {
  readonly year: number;
  readonly scheme: Scheme;
}

const CONFIG: ReadonlySet<DomainEvent['type']> = new Set<DomainEvent['type']>([
  'RegionRegistered',
  'DistributionKeyAdopted',
  'ReserveAgreementAdopted',
  'SolidarityAgreementAdopted',
]);

export function historyPart(event: DomainEvent): HistoryPart | undefined {
  if (CONFIG.has(event.type)) return 'config';
  if (postingsOf(event).some((posting) => carriedOver(posting.account))) return 'carried';
  if (isDerivedEvent(event)) {
    const year = yearOf(event);
    return year !== undefined && 'scheme' in event.data ? { year, scheme: event.data.scheme } : undefined;
  }
  return yearOf(event) ?? 'config';
}

/** The reserve and the funds: balances that run on from year to year. */
function carriedOver(account: string): boolean {
  let carried = carriedAccounts.get(account);
  if (carried === undefined) {
    const ref = parseAccount(account);
    carried = ref?.kind === 'fund' || (ref?.kind === 'region' && ref.pot === 'reserve');
    if (carriedAccounts.size >= MAX_ACCOUNTS_KNOWN) carriedAccounts.clear();
    carriedAccounts.set(account, carried);
  }
  return carried;
}

/**
 * Whether each account name seen is carried over: every posting of every run and closing a replay
 * compares is asked about, and a region has a few dozen accounts, so each is parsed once rather than per
 * posting (bounded: the map starts over when it is full).
 */
const carriedAccounts = new Map<string, boolean>();
const MAX_ACCOUNTS_KNOWN = 10_000;

/** The markers of the steps that read keys: runs and closings (a reopening reads none). */
export function isRunMarker(event: DomainEvent): boolean {
  return event.type === 'AllocationRunCompleted' || event.type === 'YearClosed';
}

/**
 * What a replay needs to know of the whole history before it chooses the years it decides again: the
 * config entries, where each year's first run or closing is, and how many facts and markers there are.
 */
export interface HistoryOutline {
  readonly config: readonly HistoryEntry[];
  /** year → the step of its first run or closing */
  readonly firstRun: ReadonlyMap<number, number>;
  /** every year that has a fact or a marker */
  readonly years: readonly number[];
  /** the number of facts and markers (steps) */
  readonly steps: number;
}

/** The years a replay decides again (see replay-reach). */
export interface Reach {
  readonly years: ReadonlySet<number>;
  /** every year from this one on, too */
  readonly from?: number;
  /**
   * the schemes the revisions cannot change (see schemesRevisedBy): in the years decided again, their
   * events at each run and closing are folded as recorded instead of planned again; none when undefined
   */
  readonly kept?: ReadonlySet<Scheme>;
}

export function reaches(reach: Reach, year: number): boolean {
  return reach.years.has(year) || (reach.from !== undefined && year >= reach.from);
}

/** A history as a replay reads it: its outline and, in recorded order, the entries of the parts it needs. */
export interface SelectedHistory {
  readonly outline: HistoryOutline;
  readonly reach: Reach;
  readonly entries: readonly HistoryItem[];
}

/** Whether a replay that decides `reach` again reads an entry of this part. */
export function readFor(part: HistoryPart, reach: Reach): boolean {
  if (typeof part === 'object') return reach.kept?.has(part.scheme) === true && reaches(reach, part.year);
  return part === 'config' || part === 'carried' || reaches(reach, part);
}

/**
 * A history's entries from its events in recorded order (derived events may be left out or not): every
 * fact and marker numbered, every derived event with the number of the marker that follows it.
 */
export function historyEntries(events: readonly DomainEvent[], firstStep = 0): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  let steps = firstStep;
  let derived: DomainEvent[] = [];
  for (const event of events) {
    if (isDerivedEvent(event)) {
      derived.push(event);
      continue;
    }
    for (const each of derived) entries.push({ event: each, step: steps });
    derived = [];
    entries.push({ event, step: steps });
    steps += 1;
  }
  for (const each of derived) entries.push({ event: each, step: steps });
  return entries;
}

/** Accumulates an outline over entries given in recorded order. */
export class OutlineBuilder {
  private readonly config: HistoryEntry[];
  private readonly firstRun: Map<number, number>;
  private readonly years: Set<number>;
  private steps: number;

  /** From nothing, or on from an outline of the history up to some point. */
  constructor(start?: HistoryOutline) {
    this.config = [...(start?.config ?? [])];
    this.firstRun = new Map(start?.firstRun ?? []);
    this.years = new Set(start?.years ?? []);
    this.steps = start?.steps ?? 0;
  }

  add(entry: HistoryEntry, part = historyPart(entry.event)): void {
    if (isDerivedEvent(entry.event)) return;
    this.steps = entry.step + 1;
    if (part === 'config') this.config.push(entry);
    const year = yearOf(entry.event);
    if (year === undefined) return;
    this.years.add(year);
    if (isRunMarker(entry.event) && !this.firstRun.has(year)) this.firstRun.set(year, entry.step);
  }

  outline(): HistoryOutline {
    return {
      config: [...this.config],
      firstRun: new Map(this.firstRun),
      years: [...this.years].sort((a, b) => a - b),
      steps: this.steps,
    };
  }
}

/** The outline of entries in recorded order, on from `start`. */
export function outlineOf(entries: readonly HistoryEntry[], start?: HistoryOutline): HistoryOutline {
  const builder = new OutlineBuilder(start);
  for (const entry of entries) builder.add(entry);
  return builder.outline();
}

/** The entries a replay deciding `reach` again reads (all it may read without), of entries held in memory. */
export function selectInMemory<T extends HistoryItem>(entries: readonly T[], reach: Reach | undefined): T[] {
  return entries.filter((entry) => {
    const part = itemPart(entry);
    return part !== undefined && (!reach || readFor(part, reach));
  });
}

/** What events moved on the reserve and the funds: the sum of each account's postings by event type. */
export function carriedMoves(events: readonly DomainEvent[]): Map<string, bigint> {
  const moves = new Map<string, bigint>();
  for (const event of events)
    for (const posting of postingsOf(event))
      if (carriedOver(posting.account)) {
        const key = `${posting.account} ${event.type}`;
        moves.set(key, (moves.get(key) ?? 0n) + posting.amount);
      }
  for (const [key, amount] of moves) if (amount === 0n) moves.delete(key);
  return moves;
}
