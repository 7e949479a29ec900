import {
  Command,
  commandOfFact,
  decide,
  DerivedEvent,
  DomainError,
  DomainEvent,
  evolve,
  evolveSummedMoney,
  evolveUnremembered,
  FactEvent,
  factIdentity,
  initialState,
  isDerivedEvent,
  isFactEvent,
  isPlainObject,
  PLAN_EVERY_SCHEME,
  PlanScope,
  RegionState,
  RegionView,
  Scheme,
  unreachable,
  yearOf,
} from '@libs/domain/model';
import { formatAmount, parseAmount } from '@libs/money';
import { isAmountText } from './amount-text';
import { everySchemePlanned, reachOf, widened } from './replay-reach';
import type { Revision } from './revision';
import {
  carriedMoves,
  historyEntries,
  HistoryOutline,
  isMoneyRun,
  isRunMarker,
  MoneyRun,
  outlineOf,
  Reach,
  reaches,
  SelectedHistory,
  selectInMemory,
} from './replay-history';
import { buildStatement } from './statement.projection';
import { Statement } from './statement.types';

export { isAmountText } from './amount-text';
export { REVISABLE_COMMANDS } from './revision';
export type { Revision } from './revision';

/** The fact each revisable command records. */
const RECORDED_AS: Record<Revision['type'], FactEvent['type']> = {
  AdoptDistributionKey: 'DistributionKeyAdopted',
  AdoptReserveAgreement: 'ReserveAgreementAdopted',
  AdoptSolidarityAgreement: 'SolidarityAgreementAdopted',
};

export interface ReplayYear {
  recorded: Statement;
  replayed: Statement;
  difference: Statement;
}

export interface ReplayReport {
  regionId: string;
  revisions: { type: string; identity: string; replaced: number }[];
  years: Record<string, ReplayYear>;
}

/**
 * The region's recorded history as the commands that produced it, in recorded order: facts and
 * agreements as given, runs, closings and reopenings. Derived money events are left out: a replay
 * computes them again. The facts are read as recorded (typed events), never parsed as input again.
 */
export function historyAsCommands(events: readonly DomainEvent[]): Command[] {
  return events.flatMap((event): Command[] => {
    if (isFactEvent(event)) return [commandOfFact(event)];
    switch (event.type) {
      case 'AllocationRunCompleted':
        return [{ type: 'RunAllocation', regionId: event.data.regionId, year: event.data.year }];
      case 'YearClosed':
        return [{ type: 'CloseYear', regionId: event.data.regionId, year: event.data.year }];
      case 'YearReopened':
        return [{ type: 'ReopenYear', ...event.data }];
      case 'BwHistoricalSkimmed':
      case 'BwHistoricalDistributed':
      case 'BwContributionsCharged':
      case 'MoBudgetSkimmed':
      case 'MoBudgetDistributed':
      case 'RegionalResultTransferred':
      case 'RegionalResultSettled':
      case 'ReserveReplenished':
      case 'ReservePaidOut':
      case 'ReserveExcessTransferredToFund':
      case 'SolidarityTransferred':
        return [];
      default:
        return unreachable(event, 'no command for event');
    }
  });
}

/**
 * The money facts (payments, costs, expenditure, advances, the reserve's opening and transfers): what
 * they record and whether they may be recorded depends on the region's registration and on which years
 * are closed, never on a key or an agreement. A replay, which re-decides every run and closing, leaves
 * the closed years as they were, so it folds these facts as recorded instead of deciding them again.
 */
const FOLDED_AS_RECORDED: ReadonlySet<DomainEvent['type']> = new Set<FactEvent['type']>([
  'RijkPaymentRecorded',
  'RegionalCostRecorded',
  'CoPaymentRecorded',
  'LocalExpenditureRecorded',
  'PolicyCorrectionRecorded',
  'ReserveOpeningRecorded',
  'AdvanceRecorded',
  'ReserveTransferredToFund',
  'FundSpendingRecorded',
]);

/**
 * Whether a replay may ask for a recorded fact's given content: for every fact but a money fact, which it
 * folds as recorded without remembering it (see FOLDED_AS_RECORDED), so that a history need not keep theirs.
 */
export function replayAsksContent(event: FactEvent): boolean {
  return !FOLDED_AS_RECORDED.has(event.type);
}

/**
 * Keys, budgets and reserve agreements: deciding one reads the command, the region's registration (its
 * members), the years closed and whether its identity is recorded already (see decide: checkKey,
 * normaliseBudget, checkReserveAgreement, recordOnce) — in a replay all as recorded at its place, except
 * the facts the revisions recorded before it. So while no revision took its identity, deciding it again
 * records it as it was recorded, and a replay folds it as recorded; once a revision took its identity, it
 * is decided again (recognised as the same, or refused as a version recorded with other content).
 */
const RECORDED_ONCE: ReadonlySet<FactEvent['type']> = new Set<FactEvent['type']>([
  'DistributionKeyAdopted',
  'RegionalBudgetAdopted',
  'ReserveAgreementAdopted',
]);

/** A recorded fact no revision can change, folded as recorded (with the given content it was recorded with). */
export interface AsRecorded {
  readonly type: 'AsRecorded';
  readonly event: FactEvent;
}

/** One step of a replay: a command decided again, or a fact folded as recorded. */
export type ReplayStep = Command | AsRecorded;

/**
 * Puts the revisions into the history: a key version replaces the recorded version with the same
 * keyId and version; an agreement replaces every recorded agreement of its kind with the same
 * validFrom. What replaces nothing is added as if adopted first, right after the region's registration.
 */
export function reviseHistory<T extends { readonly type: string }>(
  history: readonly T[],
  revisions: readonly Revision[],
): { commands: (T | Revision)[]; applied: ReplayReport['revisions'] } {
  let commands: (T | Revision)[] = [...history];
  const applied: ReplayReport['revisions'] = [];
  const additions: Revision[] = [];
  for (const revision of revisions) {
    const indexes: number[] = [];
    for (let index = 0; index < commands.length; index += 1)
      if (replaces(revision, commands[index])) indexes.push(index);
    const identity =
      revision.type === 'AdoptDistributionKey'
        ? `${revision.keyId} v${revision.version}`
        : `${revision.type} from ${revision.validFrom} (v${revision.version})`;
    applied.push({ type: revision.type, identity, replaced: indexes.length });
    if (indexes.length === 0) {
      additions.push(revision);
      continue;
    }
    commands[indexes[0]] = revision;
    const removed = new Set(indexes.slice(1));
    if (removed.size > 0) commands = commands.filter((_, index) => !removed.has(index));
  }
  const registration = commands.findIndex((command) => command.type === 'RegisterRegion');
  commands.splice(registration + 1, 0, ...additions);
  return { commands, applied };
}

/** Whether a revision takes a recorded command's place: a key version by key and version, an agreement by validFrom. */
function replaces(revision: Revision, command: { readonly type: string }): boolean {
  if (command.type !== revision.type) return false;
  const recorded = command as Revision;
  switch (revision.type) {
    case 'AdoptDistributionKey':
      return (
        recorded.type === revision.type && recorded.keyId === revision.keyId && recorded.version === revision.version
      );
    case 'AdoptReserveAgreement':
      return recorded.type === revision.type && recorded.validFrom === revision.validFrom;
    case 'AdoptSolidarityAgreement':
      return recorded.type === revision.type && recorded.validFrom === revision.validFrom;
    default:
      return unreachable(revision, 'no rule for revision');
  }
}

/**
 * Runs commands through the rules in memory; nothing is recorded anywhere. A fact kept as recorded is
 * folded as it is. `knownContent` may give a fact's given content when it is known already (see
 * replayWithRevisions), so that it is not written out again as canonical JSON; undefined computes it.
 */
export function executeInMemory(
  steps: readonly ReplayStep[],
  knownContent: (event: FactEvent) => string | undefined = () => undefined,
): RegionState {
  const state = initialState();
  steps.forEach((step, index) => {
    if (step.type === 'AsRecorded') evolve(state, step.event, knownContent(step.event));
    else decideInReplay(state, step, index, knownContent);
  });
  return state;
}

/**
 * Decides one command of a replay (the `index`th), a run or closing planning the schemes `scope` says, and
 * evolves what it records; a refusal names the command.
 */
function decideInReplay(
  state: RegionState,
  command: Command,
  index: number,
  knownContent: (event: FactEvent) => string | undefined,
  scope: PlanScope = PLAN_EVERY_SCHEME,
): DomainEvent[] {
  try {
    const events = decide(command, state, scope).map(({ event }) => event);
    for (const event of events) evolve(state, event, isFactEvent(event) ? knownContent(event) : undefined);
    return events;
  } catch (error) {
    if (error instanceof DomainError) {
      throw new DomainError(
        error.code,
        `replaying recorded command ${index + 1} (${command.type}${'year' in command ? ` ${command.year}` : ''}) under the revision failed: ${error.message}`,
        error.field,
      );
    }
    throw error;
  }
}

/**
 * What-if: the recorded history re-executed with revised keys or agreements, year by year, from the
 * region's events in recorded order as held in memory (with the derived ones: without them, every year
 * is decided again).
 */
export function replayWithRevisions(
  regionId: string,
  events: readonly DomainEvent[],
  recorded: RegionView,
  revisions: readonly Revision[],
): ReplayReport {
  checkRegion(regionId, revisions);
  const entries = historyEntries(events);
  const outline = outlineOf(entries);
  // a history without its derived events does not say how the reserve moved in the years not decided again:
  // every year is decided again then
  const withoutDerived = events.some(isRunMarker) && !events.some(isDerivedEvent);
  let reach: Reach = withoutDerived ? { years: new Set(), from: -Infinity } : reachOf(outline, revisions);
  const contentOf = (event: FactEvent) => recorded.facts.get(factIdentity(event));
  for (;;) {
    const outcome = replaySelected({ outline, reach, entries: selectInMemory(entries, reach) }, contentOf, revisions);
    if ('state' in outcome) return reportOf(regionId, outcome.applied, recorded, outcome.state, reach);
    reach = 'spreadsFrom' in outcome ? widened(reach, outcome.spreadsFrom) : everySchemePlanned(reach);
  }
}

/** Where a replay reads the parts of a region's history it needs once it has seen the history's outline. */
export type HistorySource = (choose: (outline: HistoryOutline) => Reach) => Promise<SelectedHistory>;

/** What-if, as replayWithRevisions, reading only the parts of the history the revisions reach. */
export async function replayFromHistory(
  regionId: string,
  read: HistorySource,
  recorded: RegionView,
  revisions: readonly Revision[],
): Promise<ReplayReport> {
  return replayReportOf(await replayedFromHistory(regionId, read, revisions), recorded);
}

/**
 * What a replay decided, before its report is written: the replayed state, and the years the replay
 * decided again (every other year is as recorded). replayReportOf writes it as the report beside the
 * recorded state, and replayReportJson as the report's JSON text.
 */
export interface Replayed {
  readonly regionId: string;
  readonly applied: ReplayReport['revisions'];
  readonly replayed: RegionView;
  readonly reach: Reach;
}

/**
 * The revisions of a replay, or how they follow from the outline of the history it reads (its config part:
 * see HistoryOutline), asked once, when the outline is first read — so that what is asked of a region
 * before its what-if is answered from the read the replay makes anyway.
 */
export type ReplayRevisions = readonly Revision[] | ((outline: HistoryOutline) => readonly Revision[]);

/**
 * The replay of replayFromHistory, before its report is written. It reads nothing of the region as
 * recorded but its history: a fact folded as recorded takes the given content the history holds with it.
 */
export async function replayedFromHistory(
  regionId: string,
  read: HistorySource,
  revisions: ReplayRevisions,
): Promise<Replayed> {
  let asked = typeof revisions === 'function' ? undefined : revisions;
  const revisionsOf = (outline: HistoryOutline): readonly Revision[] => {
    if (asked === undefined && typeof revisions === 'function') {
      asked = revisions(outline);
      checkRegion(regionId, asked);
    }
    return asked ?? [];
  };
  if (asked) checkRegion(regionId, asked);
  let spreadsFrom: number | undefined;
  let everyScheme = false;
  for (;;) {
    const outcome = await replayRead(read, revisionsOf, spreadsFrom, everyScheme);
    if ('state' in outcome)
      return { regionId, applied: outcome.applied, replayed: outcome.state, reach: outcome.reach };
    if ('spreadsFrom' in outcome) spreadsFrom = Math.min(spreadsFrom ?? outcome.spreadsFrom, outcome.spreadsFrom);
    else everyScheme = true;
  }
}

/**
 * One replay of what `read` gives for the revisions' reach (widened from `spreadsFrom` on, with every scheme
 * planned when `everyScheme`). The history read
 * is not kept beyond it: the report that follows builds the statements of every year, and a history no
 * longer referenced need not be carried through the collections of its garbage.
 */
async function replayRead(
  read: HistorySource,
  revisionsOf: (outline: HistoryOutline) => readonly Revision[],
  spreadsFrom: number | undefined,
  everyScheme: boolean,
): Promise<ReturnType<typeof replaySelected> & { reach: Reach }> {
  const history = await read((outline) => {
    const reach = reachOf(outline, revisionsOf(outline));
    const wide = spreadsFrom === undefined ? reach : widened(reach, spreadsFrom);
    return everyScheme ? everySchemePlanned(wide) : wide;
  });
  return { ...replaySelected(history, contentsOf(history), revisionsOf(history.outline)), reach: history.reach };
}

/**
 * The given contents a history holds with its facts (see HistoryEntry), by the fact read: a fact decided
 * again, or read without its content, has its content computed. A money fact's is not asked for: a replay
 * does not remember it (see replaySelected).
 */
function contentsOf({ outline, entries }: SelectedHistory): RecordedContent {
  const contents = new Map<DomainEvent, string>();
  for (const list of [outline.config, entries])
    for (const item of list) {
      if (isMoneyRun(item)) continue;
      const { event, content } = item;
      if (content !== undefined && isFactEvent(event) && replayAsksContent(event)) contents.set(event, content);
    }
  return (event) => contents.get(event);
}

/** The given content a recorded fact was recorded with, where it is known (see recordedContent). */
type RecordedContent = (event: FactEvent) => string | undefined;

function checkRegion(regionId: string, revisions: readonly Revision[]): void {
  for (const revision of revisions) {
    if (revision.regionId !== regionId)
      throw new DomainError(
        'INVALID_FIELD',
        `the revision is for region "${revision.regionId}", not "${regionId}"`,
        'regionId',
      );
  }
}

/** A step of a year a replay leaves as recorded: it holds the step's place, so that every command keeps its number. */
const ELSEWHERE = { type: 'Elsewhere' } as const;

/**
 * The replayed state of the years `history.reach` decides again, or, when one of them moved the reserve
 * or a fund otherwise than recorded, the year from which later years must be decided again too.
 *
 * Every step keeps its place (its number in a refusal is the one the whole replay gives it). The config
 * and the years reached are run as the whole replay runs them; of the other years only what moves the
 * reserve or a fund is taken in, as recorded — what their runs and closings recorded is what the whole
 * replay derives again, as long as what they read is as recorded (see reachOf): the reserve is the one
 * thing a year reached may hand on to another year, so every run and closing of a year reached is
 * compared with what it recorded there.
 *
 * In the years reached, a run or closing gives the events of the schemes `reach.kept` keeps as it recorded
 * them (see PlanScope): they read nothing a revision changed as long as the reserve moved as recorded up to
 * there. When it did not, or a step is refused, the replay is to be made again with every scheme planned.
 */
function replaySelected(
  history: SelectedHistory,
  contentOf: RecordedContent,
  revisions: readonly Revision[],
): { state: RegionState; applied: ReplayReport['revisions'] } | { spreadsFrom: number } | { everyScheme: true } {
  const { outline, reach } = history;
  const kept = reach.kept !== undefined && reach.kept.size > 0 ? reach.kept : undefined;
  const { slots, stepOf, recordedOnce, derivedOf } = placedSteps(history);
  const knownContent = recordedContent(contentOf, revisions);
  const { commands, applied } = reviseHistory(slots, revisions);
  const state = initialState();
  const pending = [...derivedOf.keys()].sort((a, b) => a - b);
  let next = 0;
  // what the runs and closings of the years left as recorded moved, up to a step, as recorded
  const takeInUpTo = (step: number) => {
    for (; next < pending.length && pending[next] < step; next += 1)
      for (const event of derivedOf.get(pending[next]) ?? [])
        if (!reaches(reach, yearOf(event) ?? 0)) evolve(state, event);
  };
  let spreadsFrom: number | undefined;
  const spreads = () =>
    spreadsFrom !== undefined && outline.years.some((year) => year > (spreadsFrom ?? year) && !reaches(reach, year));
  for (let index = 0; index < commands.length; index += 1) {
    const step = commands[index];
    if (step.type === 'Elsewhere') continue;
    if (step.type === 'Summed') {
      takeInUpTo(step.step);
      evolveSummedMoney(state, step.run.money);
      continue;
    }
    const place = step.type === 'AsRecorded' ? (step as PlacedFact).step : stepOf.get(step);
    if (place !== undefined) takeInUpTo(place);
    if (step.type === 'AsRecorded') {
      // a money fact is never decided again in a replay (see FOLDED_AS_RECORDED): nothing asks for its identity
      if (FOLDED_AS_RECORDED.has(step.event.type)) evolveUnremembered(state, step.event);
      else evolve(state, step.event, knownContent(step.event));
      continue;
    }
    const fact = recordedOnce.get(step);
    if (fact !== undefined) {
      const identity = factIdentity(fact);
      if (!state.facts.has(identity)) {
        // its given content is the one recorded with its identity: no other recorded fact has it
        evolve(state, fact, contentOf(fact));
        continue;
      }
    }
    const run = place !== undefined && (step.type === 'RunAllocation' || step.type === 'CloseYear');
    const scope = run && kept ? keptAsRecorded(kept, derivedOf.get(place) ?? []) : PLAN_EVERY_SCHEME;
    let events: DomainEvent[];
    try {
      events = decideInReplay(state, step, index, knownContent, scope);
    } catch (error) {
      // the refusal is the one deciding every scheme gives
      if (kept) return { everyScheme: true };
      // a refusal counts only if no year before it handed on a reserve the years not reached did not see
      if (spreads() && spreadsFrom !== undefined) return { spreadsFrom };
      throw error;
    }
    if (run && !sameMoves(carriedMoves(events), carriedMoves(derivedOf.get(place) ?? []))) {
      // a scheme kept as recorded read the reserve as it was recorded
      if (kept) return { everyScheme: true };
      spreadsFrom = Math.min(spreadsFrom ?? step.year, step.year);
    }
  }
  takeInUpTo(Infinity);
  if (spreads() && spreadsFrom !== undefined) return { spreadsFrom };
  return { state, applied };
}

/** A run or closing's scope in a replay that keeps `kept`: their events as the step recorded them. */
function keptAsRecorded(kept: ReadonlySet<Scheme>, recorded: readonly DomainEvent[]): PlanScope {
  return {
    asRecorded(scheme, types) {
      if (!kept.has(scheme)) return undefined;
      const events: DerivedEvent[] = [];
      for (const type of types)
        for (const event of recorded)
          if (event.type === type && isDerivedEvent(event) && 'scheme' in event.data && event.data.scheme === scheme)
            events.push(event);
      return events;
    },
  };
}

/** What replaySelected runs, by place (see there). */
interface PlacedSteps {
  /** every step of the history at its place, what the replay leaves as recorded (or sums in a run) ELSEWHERE */
  readonly slots: (ReplayStep | PlacedRun | typeof ELSEWHERE)[];
  /** the place of each command (a fact folded as recorded carries its own: most steps are) */
  readonly stepOf: ReadonlyMap<ReplayStep | Revision | typeof ELSEWHERE, number>;
  /** the recorded fact of each step that is folded as recorded while its identity is free (see RECORDED_ONCE) */
  readonly recordedOnce: ReadonlyMap<ReplayStep | Revision | typeof ELSEWHERE, FactEvent>;
  /** the derived events recorded by each step (those that move the reserve or a fund, and those of the schemes kept) */
  readonly derivedOf: ReadonlyMap<number, DomainEvent[]>;
}

function placedSteps({ outline, reach, entries }: SelectedHistory): PlacedSteps {
  const slots = new Array<ReplayStep | PlacedRun | typeof ELSEWHERE>(outline.steps).fill(ELSEWHERE);
  const stepOf = new Map<ReplayStep | Revision | typeof ELSEWHERE, number>();
  const recordedOnce = new Map<ReplayStep | Revision | typeof ELSEWHERE, FactEvent>();
  const derivedOf = new Map<number, DomainEvent[]>();
  for (const item of entries) {
    if (isMoneyRun(item)) {
      // its other steps stay ELSEWHERE: the run folds them all at its first
      slots[item.step] = { type: 'Summed', step: item.step, run: item };
      continue;
    }
    const { event, step } = item;
    if (isDerivedEvent(event)) {
      const derived = derivedOf.get(step);
      if (derived) derived.push(event);
      else derivedOf.set(step, [event]);
      continue;
    }
    const command = stepOfEvent(event, step, reach);
    slots[step] = command;
    if (command.type === 'AsRecorded') continue;
    stepOf.set(command, step);
    if (isFactEvent(event) && RECORDED_ONCE.has(event.type)) recordedOnce.set(command, event);
  }
  return { slots, stepOf, recordedOnce, derivedOf };
}

/** A run of money facts folded as recorded at its first place (see MoneyRun). */
interface PlacedRun {
  readonly type: 'Summed';
  readonly step: number;
  readonly run: MoneyRun;
}

/** A fact folded as recorded, with its place in the history. */
interface PlacedFact extends AsRecorded {
  readonly step: number;
}

/**
 * A fact or marker at its place as a replay of `reach` runs it: a fact of a year left as recorded (it moves
 * the reserve or a fund) and a money fact as recorded, the rest as its command.
 */
function stepOfEvent(event: DomainEvent, step: number, reach: Reach): PlacedFact | Command {
  if (isFactEvent(event)) {
    const year = yearOf(event);
    if ((year !== undefined && !reaches(reach, year)) || FOLDED_AS_RECORDED.has(event.type))
      return { type: 'AsRecorded', event, step };
  }
  const [command] = historyAsCommands([event]);
  return command;
}

function sameMoves(a: ReadonlyMap<string, bigint>, b: ReadonlyMap<string, bigint>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, amount] of a) if (b.get(key) !== amount) return false;
  return true;
}

/** The recorded and the replayed statement of every year either has, and their difference. */
export function replayReport(
  regionId: string,
  applied: ReplayReport['revisions'],
  recorded: RegionView,
  replayed: RegionView,
): ReplayReport {
  return reportOf(regionId, applied, recorded, replayed, { years: new Set(), from: -Infinity });
}

/** The report of a replay (see Replayed) of the region as recorded in `recorded`. */
export function replayReportOf({ regionId, applied, replayed, reach }: Replayed, recorded: RegionView): ReplayReport {
  return reportOf(regionId, applied, recorded, replayed, reach);
}

/**
 * replayReport for a replay that decided only the years `reach` reaches again: the other years are as
 * recorded (see replaySelected), their replayed statement the recorded one.
 */
function reportOf(
  regionId: string,
  applied: ReplayReport['revisions'],
  recorded: RegionView,
  replayed: RegionView,
  reach: Reach,
): ReplayReport {
  const report: ReplayReport = { regionId, revisions: applied, years: {} };
  for (const year of reportYears(recorded.activeYears, replayed))
    report.years[String(year)] = replayYear(recorded, replayed, reach, year);
  return report;
}

/** The years of a replay's report: every year either side has (the recorded side's active years), in order. */
export function reportYears(recorded: ReadonlySet<number>, replayed: RegionView): number[] {
  return [...new Set([...recorded, ...replayed.activeYears])].sort((a, b) => a - b);
}

/** One year of a replay's report (see reportOf). */
export function replayYear(recorded: RegionView, replayed: RegionView, reach: Reach, year: number): ReplayYear {
  const before = buildStatement(recorded, year);
  const after = reaches(reach, year) ? buildStatement(replayed, year) : before;
  return { recorded: before, replayed: after, difference: statementDifference(after, before) as Statement };
}

/**
 * A replayed fact's given content taken from what was recorded with its identity (`contentOf`: the
 * recorded state's, or the one its history holds) instead of computed again. It only serves to recognise
 * the same identity decided twice, which within a replay can happen only between a revision and a fact
 * of the revision's own kind: those are computed as any fact is. Every other fact is a recorded one, its
 * identity unique in the history, and its content is the one it was recorded with.
 */
function recordedContent(contentOf: RecordedContent, revisions: readonly Revision[]): RecordedContent {
  const revised = new Set<string>(revisions.map((revision) => RECORDED_AS[revision.type]));
  return (event) => (revised.has(event.type) ? undefined : contentOf(event));
}

const ZERO = formatAmount(0n);

/**
 * replayed − recorded for every amount of a statement-shaped value; other fields (names, flags) are
 * taken from the replayed side, and a block missing on one side counts as zeros. (Every statement of a
 * what-if goes through here and through zeroed: plain loops, no intermediate lists.)
 */
export function statementDifference(replayed: unknown, recorded: unknown): unknown {
  if (replayed === recorded) return zeroed(replayed);
  const sample = replayed ?? recorded;
  if (sample === null || sample === undefined) return null;
  if (typeof sample === 'string' && isAmountText(sample)) {
    const after = typeof replayed === 'string' && isAmountText(replayed) ? parseAmount(replayed) : 0n;
    const before = typeof recorded === 'string' && isAmountText(recorded) ? parseAmount(recorded) : 0n;
    return formatAmount(after - before);
  }
  // lists of a fixed shape (the reserve's movements: every scheme and kind, always in the same order)
  // are compared entry by entry
  if (Array.isArray(sample)) {
    const after: readonly unknown[] = Array.isArray(replayed) ? replayed : [];
    const before: readonly unknown[] = Array.isArray(recorded) ? recorded : [];
    const difference = new Array<unknown>(sample.length);
    for (let index = 0; index < sample.length; index += 1)
      difference[index] = statementDifference(after[index], before[index]);
    return difference;
  }
  if (isPlainObject(sample)) {
    const after = isPlainObject(replayed) ? replayed : {};
    const before = isPlainObject(recorded) ? recorded : {};
    // the replayed side's fields in its order, then those only the recorded side has
    const difference: Record<string, unknown> = {};
    for (const key of Object.keys(after)) set(difference, key, statementDifference(after[key], before[key]));
    for (const key of Object.keys(before))
      if (!Object.hasOwn(after, key)) set(difference, key, statementDifference(undefined, before[key]));
    return difference;
  }
  return replayed ?? recorded;
}

/** statementDifference of a value and itself (a year the replay left as recorded): every amount 0.00, the rest as it is. */
export function zeroed(value: unknown): unknown {
  if (typeof value === 'string') return isAmountText(value) ? ZERO : value;
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) {
    const zeros = new Array<unknown>(value.length);
    for (let index = 0; index < value.length; index += 1) zeros[index] = zeroed(value[index]);
    return zeros;
  }
  if (isPlainObject(value)) {
    const zeros: Record<string, unknown> = {};
    for (const key of Object.keys(value)) set(zeros, key, zeroed(value[key]));
    return zeros;
  }
  return value;
}

/** A field set as Object.fromEntries sets it: a fund or code named "__proto__" is a field, not the prototype. */
function set(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
