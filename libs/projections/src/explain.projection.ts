import {
  Accounts,
  DerivedEvent,
  DomainError,
  encodeEventData,
  hasFund,
  invariant,
  isAccount,
  isAccountOfRegion,
  isDerivedEvent,
  isPlainObject,
  KeyReference,
  parseAccount,
  postingsOf,
  RegionView,
  yearOf,
} from '@libs/domain/model';
import { Cents, formatAmount } from '@libs/money';
import { LedgerEvent, recordedUpTo } from './recorded-events';

/** A posting as explainAccount finds it: everything but its derivation. */
export interface PostingBasis {
  eventId: string;
  eventType: string;
  amount: string;
  recordedAt: string;
  actor: string;
  source: string;
  rule?: string;
  key?: { keyId: string; version: number; basis: string };
  inputs?: Record<string, unknown>;
  /** what the derivation is written from besides a fact's fields and the rule's inputs */
  details: PostingDetails;
}

/**
 * A posting with its one-line derivation a controller can redo by hand, in the asked language: the
 * reports write it from the posting's other fields (derivationText), one place for every language.
 */
export interface ExplainedPosting extends PostingBasis {
  derivation: string;
}

/** A line of an allocation trail as recorded (amounts as decimal strings). */
export interface ExplainedShare {
  code: string;
  weight: string;
  quota: string;
  target: string;
  remainderCent: string;
  previous: string;
  delta: string;
  /** the total split */
  total: string;
  /** the key's weight sum */
  weightSum: string;
}

/** A member's line of a solidarity computation as recorded (amounts as decimal strings). */
export interface ExplainedSolidarityLine {
  code: string;
  income: string;
  spending: string;
  result: string;
  deviation: string;
  pooled: string;
  weight: string;
  cap: string | null;
  target: string;
  previous: string;
  delta: string;
}

export interface PostingDetails {
  /** a derived amount's scheme (BW, MO), when it has one */
  scheme?: string;
  /** a recorded fact's fields, as given (without regionId and postings) */
  fact?: Record<string, unknown>;
  /** an amount split over a key: this account's line, the total split and the key's weight sum */
  share?: ExplainedShare;
  /** how many members an amount was split over (when this account is not one of them) */
  splitOver?: number;
  /** solidarity: this municipality's line (absent for an account that is not a member's), the volume */
  solidarity?: { line?: ExplainedSolidarityLine; volume: string; agreementVersion: number };
}

export interface Explanation<Posting extends PostingBasis = ExplainedPosting> {
  regionId: string;
  year: number;
  account: string;
  asOf: string | null;
  postings: Posting[];
  balance: string;
  /**
   * For an account that runs on over the years (the reserve, a fund): the balance before the year
   * plus a reserve opening recorded in it, the year's other movements and the closing balance —
   * opening + movement = closing. Absent for the accounts of one budget year.
   */
  carried?: CarriedBalance;
}

export interface CarriedBalance {
  opening: string;
  movement: string;
  closing: string;
}

/**
 * Every posting on one account for one budget year, in recorded order, each with who recorded it,
 * the rule, key and inputs behind it and what its derivation is written from (`details`).
 * `state` is the region as folded from the same events (as of `asOf`): the postings explained must
 * add up to the balance it holds for the account, or the explanation is wrong and is not given.
 */
export function explainAccount(
  state: RegionView,
  events: readonly LedgerEvent[],
  year: number,
  account: string,
  asOf?: Date,
): Explanation<PostingBasis> {
  if (!state.region) throw new DomainError('UNKNOWN_REGION', 'region is not registered', 'regionId');
  const regionId = state.region.regionId;
  const ref = parseAccount(account);
  const owner = {
    regionId,
    isMember: (code: string) => state.isMember(code),
    hasFund: (id: string) => hasFund(state, id),
  };
  if (ref !== undefined && !isAccountOfRegion(ref, owner))
    throw new DomainError(
      'INVALID_FIELD',
      ref.kind === 'fund' && ref.regionId === regionId
        ? `must be a fund region "${regionId}" has set up (by a transfer from the reserve, a spending from it or a reserve agreement's excessTo), got ${JSON.stringify(account)}`
        : `must be an account of region "${regionId}": its own pots and funds, a member's account, external:… or rijk, got ${JSON.stringify(account)}`,
      'account',
    );
  const postings: PostingBasis[] = [];
  let explained = 0n;
  let before = 0n;
  let openingInYear = 0n;
  for (const event of recordedUpTo(events, asOf)) {
    const eventYear = yearOf(event);
    if (eventYear === undefined || eventYear > year) continue;
    for (const posting of postingsOf(event)) {
      if (posting.account !== account) continue;
      if (eventYear < year) {
        before += posting.amount;
        continue;
      }
      explained += posting.amount;
      if (event.type === 'ReserveOpeningRecorded') openingInYear += posting.amount;
      postings.push(explainPosting(event, account, posting.amount));
    }
  }
  const balance = isAccount(account) ? state.ledger.balance(year, account) : 0n;
  invariant(
    explained === balance,
    () =>
      `explain of ${account} ${year}: the postings sum to ${formatAmount(explained)}, the balance is ${formatAmount(balance)}`,
  );
  const explanation: Explanation<PostingBasis> = {
    regionId,
    year,
    account,
    asOf: asOf?.toISOString() ?? null,
    postings,
    balance: formatAmount(balance),
  };
  if (isCarriedAccount(account, regionId))
    explanation.carried = {
      opening: formatAmount(before + openingInYear),
      movement: formatAmount(balance - openingInYear),
      closing: formatAmount(before + balance),
    };
  return explanation;
}

/**
 * The accounts whose balance runs on from year to year — the reserve and the funds (BBV: reserves);
 * every other account belongs to one budget year and starts each year at zero.
 */
export function isCarriedAccount(account: string, regionId: string): boolean {
  const ref = parseAccount(account);
  return account === Accounts.reserve(regionId) || (ref?.kind === 'fund' && ref.regionId === regionId);
}

function explainPosting(event: LedgerEvent, account: string, amount: Cents): PostingBasis {
  const base: PostingBasis = {
    eventId: event.eventId,
    eventType: event.type,
    amount: formatAmount(amount),
    recordedAt: event.metadata.recordedAt,
    actor: event.metadata.actor,
    source: event.metadata.source,
    details: {},
  };
  if (isDerivedEvent(event)) {
    base.rule = event.data.rule;
    if ('key' in event.data && event.data.key) base.key = keyOf(event.data.key);
    base.inputs = storedInputs(event);
    const scheme = 'scheme' in event.data ? { scheme: event.data.scheme } : {};
    base.details = { ...scheme, ...derivedDetails(event, account) };
  } else {
    const { regionId: _region, postings: _postings, ...fact } = encodeEventData(event);
    base.details = { fact };
  }
  return base;
}

/** What a derived amount's derivation needs: this member's share or solidarity line, as recorded. */
function derivedDetails(event: DerivedEvent, account: string): PostingDetails {
  const code = memberOf(account);
  if (event.type === 'SolidarityTransferred') {
    const { lines, volume, agreementVersion } = event.data;
    const line = lines.find((entry) => entry.code === code);
    const stored = line
      ? {
          line: {
            ...line,
            target: formatAmount(line.target),
            previous: formatAmount(line.previous),
            delta: formatAmount(line.delta),
          },
        }
      : {};
    return { solidarity: { ...stored, volume: formatAmount(volume), agreementVersion } };
  }
  if (!('allocation' in event.data)) return {};
  const { allocation, key } = event.data;
  const line = code ? allocation.lines.find((entry) => entry.code === code) : undefined;
  if (!line || !key) return { splitOver: allocation.lines.length };
  return {
    share: {
      code: line.code,
      weight: line.weight,
      quota: line.quota,
      target: formatAmount(line.target),
      remainderCent: formatAmount(line.remainderCent),
      previous: formatAmount(line.previous),
      delta: formatAmount(line.delta),
      total: formatAmount(allocation.total),
      weightSum: key.weightSum,
    },
  };
}

/** The rule's inputs as recorded (the stored form a controller also finds in an export). */
function storedInputs(event: DerivedEvent): Record<string, unknown> {
  const { inputs } = encodeEventData(event);
  return isPlainObject(inputs) ? { ...inputs } : {};
}

function keyOf(key: KeyReference) {
  return { keyId: key.keyId, version: key.version, basis: key.basis };
}

function memberOf(account: string): string | undefined {
  const ref = parseAccount(account);
  return ref?.kind === 'municipality' ? ref.code : undefined;
}
