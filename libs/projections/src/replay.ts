import {
  Command,
  commandOfFact,
  decide,
  DomainError,
  DomainEvent,
  evolve,
  FactEvent,
  factIdentity,
  initialState,
  isFactEvent,
  isPlainObject,
  RegionState,
  RegionView,
  unreachable,
} from '@libs/domain/model';
import { formatAmount, parseAmount } from '@libs/money';
import { buildStatement } from './statement.projection';
import { Statement } from './statement.types';

/** The commands a what-if may revise: keys and agreements. */
export const REVISABLE_COMMANDS = [
  'AdoptDistributionKey',
  'AdoptReserveAgreement',
  'AdoptSolidarityAgreement',
] as const;
export type Revision = Extract<Command, { type: (typeof REVISABLE_COMMANDS)[number] }>;

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
const FOLDED_AS_RECORDED: ReadonlySet<FactEvent['type']> = new Set<FactEvent['type']>([
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

/** A recorded fact no revision can change, folded as recorded (with the given content it was recorded with). */
export interface AsRecorded {
  readonly type: 'AsRecorded';
  readonly event: FactEvent;
}

/** One step of a replay: a command decided again, or a fact folded as recorded. */
export type ReplayStep = Command | AsRecorded;

/**
 * The history as a replay runs it: `historyAsCommands`, but with the money facts kept as recorded
 * (FOLDED_AS_RECORDED) rather than turned back into commands. One step per command, in the same order.
 */
export function historyAsSteps(events: readonly DomainEvent[]): ReplayStep[] {
  const steps: ReplayStep[] = [];
  for (const event of events) {
    if (isFactEvent(event) && FOLDED_AS_RECORDED.has(event.type)) steps.push({ type: 'AsRecorded', event });
    else steps.push(...historyAsCommands([event]));
  }
  return steps;
}

/**
 * Puts the revisions into the history: a key version replaces the recorded version with the same
 * keyId and version; an agreement replaces every recorded agreement of its kind with the same
 * validFrom. What replaces nothing is added as if adopted first, right after the region's registration.
 */
export function reviseHistory<T extends ReplayStep>(
  history: readonly T[],
  revisions: readonly Revision[],
): { commands: (T | Revision)[]; applied: ReplayReport['revisions'] } {
  let commands: (T | Revision)[] = [...history];
  const applied: ReplayReport['revisions'] = [];
  const additions: Revision[] = [];
  for (const revision of revisions) {
    const indexes = commands.flatMap((command, index) => (replaces(revision, command) ? [index] : []));
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
    commands = commands.filter((_, index) => !indexes.slice(1).includes(index));
  }
  const registration = commands.findIndex((command) => command.type === 'RegisterRegion');
  commands.splice(registration + 1, 0, ...additions);
  return { commands, applied };
}

/** Whether a revision takes a recorded command's place: a key version by key and version, an agreement by validFrom. */
function replaces(revision: Revision, command: ReplayStep): boolean {
  switch (revision.type) {
    case 'AdoptDistributionKey':
      return command.type === revision.type && command.keyId === revision.keyId && command.version === revision.version;
    case 'AdoptReserveAgreement':
      return command.type === revision.type && command.validFrom === revision.validFrom;
    case 'AdoptSolidarityAgreement':
      return command.type === revision.type && command.validFrom === revision.validFrom;
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
    if (step.type === 'AsRecorded') {
      evolve(state, step.event, knownContent(step.event));
      return;
    }
    try {
      for (const { event } of decide(step, state))
        evolve(state, event, isFactEvent(event) ? knownContent(event) : undefined);
    } catch (error) {
      if (error instanceof DomainError) {
        throw new DomainError(
          error.code,
          `replaying recorded command ${index + 1} (${step.type}${'year' in step ? ` ${step.year}` : ''}) under the revision failed: ${error.message}`,
          error.field,
        );
      }
      throw error;
    }
  });
  return state;
}

/** What-if: the recorded history re-executed with revised keys or agreements, year by year. */
export function replayWithRevisions(
  regionId: string,
  events: readonly DomainEvent[],
  recorded: RegionView,
  revisions: readonly Revision[],
): ReplayReport {
  for (const revision of revisions) {
    if (revision.regionId !== regionId)
      throw new DomainError(
        'INVALID_FIELD',
        `the revision is for region "${revision.regionId}", not "${regionId}"`,
        'regionId',
      );
  }
  const { commands, applied } = reviseHistory(historyAsSteps(events), revisions);
  return replayReport(regionId, applied, recorded, executeInMemory(commands, recordedContent(recorded, revisions)));
}

/** The recorded and the replayed statement of every year either has, and their difference. */
export function replayReport(
  regionId: string,
  applied: ReplayReport['revisions'],
  recorded: RegionView,
  replayed: RegionView,
): ReplayReport {
  const years = [...new Set([...recorded.activeYears, ...replayed.activeYears])].sort((a, b) => a - b);
  const report: ReplayReport = { regionId, revisions: applied, years: {} };
  for (const year of years) {
    const before = buildStatement(recorded, year);
    const after = buildStatement(replayed, year);
    report.years[String(year)] = {
      recorded: before,
      replayed: after,
      difference: statementDifference(after, before) as Statement,
    };
  }
  return report;
}

/**
 * A replayed fact's given content taken from the recorded state instead of computed again. It only
 * serves to recognise the same identity decided twice, which within a replay can happen only between a
 * revision and a fact of the revision's own kind: those are computed as any fact is. Every other fact
 * is a recorded one, its identity unique in the history, and its content is the one it was recorded with.
 */
function recordedContent(
  recorded: RegionView,
  revisions: readonly Revision[],
): (event: FactEvent) => string | undefined {
  const revised = new Set<string>(revisions.map((revision) => RECORDED_AS[revision.type]));
  return (event) => (revised.has(event.type) ? undefined : recorded.facts.get(factIdentity(event)));
}

const AMOUNT = /^-?\d+\.\d{2}$/;

/**
 * replayed − recorded for every amount of a statement-shaped value; other fields (names, flags) are
 * taken from the replayed side, and a block missing on one side counts as zeros.
 */
export function statementDifference(replayed: unknown, recorded: unknown): unknown {
  const sample = replayed ?? recorded;
  if (sample === null || sample === undefined) return null;
  if (typeof sample === 'string' && AMOUNT.test(sample)) {
    const after = typeof replayed === 'string' && AMOUNT.test(replayed) ? parseAmount(replayed) : 0n;
    const before = typeof recorded === 'string' && AMOUNT.test(recorded) ? parseAmount(recorded) : 0n;
    return formatAmount(after - before);
  }
  // lists of a fixed shape (the reserve's movements: every scheme and kind, always in the same order)
  // are compared entry by entry
  if (Array.isArray(sample)) {
    const after: readonly unknown[] = Array.isArray(replayed) ? replayed : [];
    const before: readonly unknown[] = Array.isArray(recorded) ? recorded : [];
    return sample.map((_, index) => statementDifference(after[index], before[index]));
  }
  if (isPlainObject(sample)) {
    const after = isPlainObject(replayed) ? replayed : {};
    const before = isPlainObject(recorded) ? recorded : {};
    const keys = new Set([...Object.keys(after), ...Object.keys(before)]);
    return Object.fromEntries([...keys].map((key) => [key, statementDifference(after[key], before[key])]));
  }
  return replayed ?? recorded;
}
