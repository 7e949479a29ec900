import { formatAmount, parseAmount } from '@libs/money';
import { RecordedEvent } from '@libs/event-store';
import { eventHash, GENESIS_HASH, HASH_PATTERN, storedHash } from './event-hash';

/** What can be wrong with a stored history, as `verify` names it. */
export type ChainFault = 'edited' | 'missing' | 'reordered' | 'inserted' | 'unchained' | 'unbalanced';

export interface ChainProblem {
  readonly streamId: string;
  readonly revision: bigint;
  readonly fault: ChainFault;
  readonly detail: string;
}

/** The parts of a stored event the check reads; the position only where the store gives one. */
export type CheckedEvent = Pick<RecordedEvent, 'eventId' | 'type' | 'data' | 'metadata' | 'revision'> & {
  readonly position?: bigint;
};

/** Where a check stands after some events: enough to go on from there (a snapshot keeps it). */
export interface ChainPoint {
  /** the hash of the last event checked */
  readonly head: string;
  /** the hash before it (GENESIS_HASH for the first event) */
  readonly previous: string;
  /** the revision of the last event checked */
  readonly revision: bigint;
  /** its global position, where the store gives one */
  readonly position?: bigint;
  /** the first revision that carries a hash, if any does yet */
  readonly chainedFrom?: bigint;
  /** how many of the events carry no hash */
  readonly unchained: number;
}

/**
 * Follows one stream event by event, as the ledger folds it or `verify` reads it: revisions must run
 * 0, 1, 2…, the global order must follow them, each event's hash must be the hash of the one before it
 * and its own content, and its postings must sum to zero. Events without a hash are accepted only
 * before the first one with a hash (recorded before the chain existed); their hashes are computed all
 * the same, so the head covers them too and a later copy that chains them arrives at the same head.
 */
export class ChainCheck {
  private headHash = GENESIS_HASH;
  private previousHash = GENESIS_HASH;
  private nextRevision = 0n;
  private lastPosition: bigint | undefined;
  private chainedFrom: bigint | undefined;
  private counted = 0;
  private unchainedCount = 0;
  private found: ChainProblem | undefined;

  constructor(readonly streamId: string) {}

  /** A check that goes on after `point`, as if it had checked every event up to it (a snapshot's). */
  static resume(streamId: string, point: ChainPoint): ChainCheck {
    const check = new ChainCheck(streamId);
    check.headHash = point.head;
    check.previousHash = point.previous;
    check.nextRevision = point.revision + 1n;
    check.lastPosition = point.position;
    check.chainedFrom = point.chainedFrom;
    check.counted = Number(point.revision) + 1;
    check.unchainedCount = point.unchained;
    return check;
  }

  /** The global position of the last event, once the store has given it one (a batch learns it at its commit). */
  settle(position: bigint): void {
    if (position >= 0n) this.lastPosition = position;
  }

  /** Where the check stands: undefined before the first event. */
  get point(): ChainPoint | undefined {
    if (this.counted === 0) return undefined;
    return {
      head: this.headHash,
      previous: this.previousHash,
      revision: this.nextRevision - 1n,
      ...(this.lastPosition !== undefined ? { position: this.lastPosition } : {}),
      ...(this.chainedFrom !== undefined ? { chainedFrom: this.chainedFrom } : {}),
      unchained: this.unchainedCount,
    };
  }

  /**
   * Takes in an event whose hash the caller computed itself from exactly what it appended (the ledger,
   * after its append was accepted): nothing to check again.
   */
  advance(hash: string, position?: bigint): void {
    if (this.found) return;
    this.previousHash = this.headHash;
    this.headHash = hash;
    this.chainedFrom ??= this.nextRevision;
    this.nextRevision += 1n;
    if (position !== undefined && position >= 0n) this.lastPosition = position;
    this.counted += 1;
  }

  /** The hash of the last accepted event: the stream's ledger hash. */
  get head(): string {
    return this.headHash;
  }

  get events(): number {
    return this.counted;
  }

  /** How many events carry no hash (recorded before the chain existed). */
  get unchained(): number {
    return this.unchainedCount;
  }

  get problem(): ChainProblem | undefined {
    return this.found;
  }

  /** The revision the next event must have. */
  get expectedRevision(): bigint {
    return this.nextRevision;
  }

  /** Checks the next event; returns the problem (and accepts nothing more) when it breaks the history. */
  accept(event: CheckedEvent): ChainProblem | undefined {
    if (this.found) return this.found;
    const problem = this.inspect(event);
    if (problem) {
      this.found = problem;
      return problem;
    }
    return undefined;
  }

  /** The hash an event at the next revision gets (for appending it). */
  hashOfNext(event: Omit<CheckedEvent, 'revision'>): string {
    return eventHash(this.headHash, { ...event, revision: this.nextRevision });
  }

  private inspect(event: CheckedEvent): ChainProblem | undefined {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- the events of a backup file carry revisions and positions as JSON strings at run time, whatever their type says
    const revision = BigInt(event.revision);
    if (revision !== this.nextRevision) {
      return revision > this.nextRevision
        ? this.fail(
            this.nextRevision,
            'missing',
            `the stream goes from revision ${this.nextRevision - 1n} to ${revision}`,
          )
        : this.fail(
            revision,
            'reordered',
            `revision ${revision} appears again after revision ${this.nextRevision - 1n}`,
          );
    }
    const computed = eventHash(this.headHash, event);
    const stored = storedHash(event);
    if (stored === undefined) {
      if (this.chainedFrom !== undefined)
        return this.fail(
          revision,
          'unchained',
          `it has no hash although the chain starts at revision ${this.chainedFrom}: it was written outside the ledger`,
        );
      this.unchainedCount += 1;
    } else if (typeof stored !== 'string' || !HASH_PATTERN.test(stored) || stored !== computed) {
      return this.fail(
        revision,
        'edited',
        'its content does not match its hash: it was edited, or written outside the ledger',
      );
    } else {
      this.chainedFrom ??= revision;
    }
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- the events of a backup file carry revisions and positions as JSON strings at run time, whatever their type says
    const position = event.position === undefined || event.position < 0n ? undefined : BigInt(event.position);
    if (position !== undefined && this.lastPosition !== undefined && position <= this.lastPosition)
      return this.fail(
        revision,
        'reordered',
        `it is stored before revision ${revision - 1n} in the global order, though it comes after it`,
      );
    const unbalanced = unbalancedPostings(event.data);
    if (unbalanced) return this.fail(revision, 'unbalanced', unbalanced);
    this.previousHash = this.headHash;
    this.headHash = computed;
    this.nextRevision = revision + 1n;
    if (position !== undefined) this.lastPosition = position;
    this.counted += 1;
    return undefined;
  }

  private fail(revision: bigint, fault: ChainFault, detail: string): ChainProblem {
    return { streamId: this.streamId, revision, fault, detail };
  }
}

/** Why an event's postings do not balance, or undefined when they sum to zero (or it has none). */
export function unbalancedPostings(data: unknown): string | undefined {
  const postings = (data as { postings?: unknown } | null)?.postings;
  if (postings === undefined) return undefined;
  if (!Array.isArray(postings)) return 'its postings are not a list';
  let total = 0n;
  for (const posting of postings) {
    const { account, amount } = (posting ?? {}) as { account?: unknown; amount?: unknown };
    try {
      total += parseAmount(amount);
    } catch {
      return `its posting on ${String(account)} has no valid amount (${JSON.stringify(amount)})`;
    }
  }
  return total === 0n ? undefined : `its postings sum to ${formatAmount(total)}, not zero`;
}
