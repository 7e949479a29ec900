import {
  Command,
  commandOfFact,
  decide,
  DomainError,
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
import { LedgerEvent } from './recorded-events';
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
export function historyAsCommands(events: readonly LedgerEvent[]): Command[] {
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
 * Puts the revisions into the history: a key version replaces the recorded version with the same
 * keyId and version; an agreement replaces every recorded agreement of its kind with the same
 * validFrom. What replaces nothing is added as if adopted first, right after the region's registration.
 */
export function reviseHistory(
  history: readonly Command[],
  revisions: readonly Revision[],
): { commands: Command[]; applied: ReplayReport['revisions'] } {
  let commands = [...history];
  const applied: ReplayReport['revisions'] = [];
  const additions: Command[] = [];
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
function replaces(revision: Revision, command: Command): boolean {
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
 * Runs commands through the rules in memory; nothing is recorded anywhere. `knownContent` may give a
 * decided fact's given content when it is known already (see replayWithRevisions), so that it is not
 * written out again as canonical JSON; undefined computes it.
 */
export function executeInMemory(
  commands: readonly Command[],
  knownContent: (event: FactEvent) => string | undefined = () => undefined,
): RegionState {
  const state = initialState();
  commands.forEach((command, index) => {
    try {
      for (const { event } of decide(command, state))
        evolve(state, event, isFactEvent(event) ? knownContent(event) : undefined);
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
  });
  return state;
}

/** What-if: the recorded history re-executed with revised keys or agreements, year by year. */
export function replayWithRevisions(
  regionId: string,
  events: readonly LedgerEvent[],
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
  const { commands, applied } = reviseHistory(historyAsCommands(events), revisions);
  const replayed = executeInMemory(commands, recordedContent(recorded, revisions));
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
