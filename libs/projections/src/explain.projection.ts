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
  SolidarityTransferred,
  SplitEvent,
  unreachable,
  yearOf,
} from '@libs/domain/model';
import { Cents, formatAmount, formatEuro } from '@libs/money';
import { LedgerEvent, recordedUpTo } from './recorded-events';

export interface ExplainedPosting {
  eventId: string;
  eventType: string;
  amount: string;
  recordedAt: string;
  actor: string;
  source: string;
  rule?: string;
  key?: { keyId: string; version: number; basis: string };
  inputs?: Record<string, unknown>;
  derivation: string;
  /** the structured basis of the derivation, from which the Dutch text formats write their own sentence */
  details: PostingDetails;
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

export interface Explanation {
  regionId: string;
  year: number;
  account: string;
  asOf: string | null;
  postings: ExplainedPosting[];
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

const euro = formatEuro;
const signedCents = (amount: Cents) => {
  const text = euro(amount).slice(2);
  return amount < 0n ? text : `+${text}`;
};

/**
 * Every posting on one account for one budget year, in recorded order, each with who recorded it,
 * the rule, key and inputs behind it and a one-line derivation a controller can redo by hand.
 * `state` is the region as folded from the same events (as of `asOf`): the postings explained must
 * add up to the balance it holds for the account, or the explanation is wrong and is not given.
 */
export function explainAccount(
  state: RegionView,
  events: readonly LedgerEvent[],
  year: number,
  account: string,
  asOf?: Date,
): Explanation {
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
  const postings: ExplainedPosting[] = [];
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
  const explanation: Explanation = {
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

function explainPosting(event: LedgerEvent, account: string, amount: Cents): ExplainedPosting {
  const base: ExplainedPosting = {
    eventId: event.eventId,
    eventType: event.type,
    amount: formatAmount(amount),
    recordedAt: event.metadata.recordedAt,
    actor: event.metadata.actor,
    source: event.metadata.source,
    derivation: '',
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
  base.derivation = derive(event, account, amount);
  return base;
}

/** What a derived amount's Dutch sentence needs: this member's share or solidarity line, as recorded. */
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

function derive(event: LedgerEvent, account: string, amount: Cents): string {
  switch (event.type) {
    case 'RijkPaymentRecorded': {
      const { data } = event;
      return `Rijk payment ${data.paymentId} (${data.scheme} ${data.basis}, recipient ${data.recipient}${data.reference ? `, ${data.reference}` : ''}): ${euro(data.amount)}`;
    }
    case 'RegionalCostRecorded':
      return `regional cost ${event.data.costId}${event.data.description ? ` (${event.data.description})` : ''}: ${euro(event.data.amount)} paid to providers`;
    case 'CoPaymentRecorded':
      return `co-payments ${event.data.coPaymentId}${event.data.description ? ` (${event.data.description})` : ''}: ${euro(event.data.amount)} received`;
    case 'LocalExpenditureRecorded': {
      const { data } = event;
      return `local expenditure ${data.expenditureId} of ${data.municipality}: care ${euro(data.careCosts)} + execution ${euro(data.executionCosts)} = ${euro(data.careCosts + data.executionCosts)}`;
    }
    case 'ReserveOpeningRecorded':
      return `reserve opening ${event.data.year}${event.data.reference ? ` (${event.data.reference})` : ''}: ${euro(event.data.amount)}`;
    case 'AdvanceRecorded': {
      const { data } = event;
      return `advance ${data.advanceId} (${data.scheme}) of ${data.municipality}${data.date ? ` on ${data.date}` : ''}${data.reference ? ` (${data.reference})` : ''}: ${euro(data.amount)} paid by (+) or to (−) the municipality on account of the settlement`;
    }
    case 'ReserveTransferredToFund':
      return `transfer ${event.data.transferId} from the reserve to fund ${event.data.fundId}${event.data.reference ? ` (${event.data.reference})` : ''}: ${euro(event.data.amount)}`;
    case 'FundSpendingRecorded':
      return `fund spending ${event.data.spendingId} from fund ${event.data.fundId} to ${event.data.recipient} (${event.data.scheme}): ${euro(event.data.amount)}`;
    default:
      return isDerivedEvent(event) ? deriveRule(event, account, amount) : `${event.type}: ${euro(amount)}`;
  }
}

function deriveRule(event: DerivedEvent, account: string, amount: Cents): string {
  switch (event.type) {
    case 'BwHistoricalSkimmed': {
      const { inputs } = event.data;
      return withDelta(
        `round(${euro(inputs.regionalBudget)} × (1 − ${inputs.objectivePct}/100)) = ${euro(inputs.target)} skimmed from the historical BW budget (budget v${inputs.budgetVersion})`,
        inputs,
      );
    }
    case 'MoBudgetSkimmed':
      return withDelta(
        `regional MO budget v${event.data.inputs.budgetVersion} = ${euro(event.data.inputs.target)} skimmed from the MO money of the central municipality`,
        event.data.inputs,
      );
    case 'RegionalResultTransferred': {
      const { inputs } = event.data;
      return `round(${event.data.scheme} result ${euro(inputs.result)} × ${inputs.toReservePct}/100) = ${euro(inputs.toReserve)} to (+) or from (−) the reserve (reserve agreement v${inputs.reserveAgreementVersion})`;
    }
    case 'ReserveExcessTransferredToFund': {
      const { inputs } = event.data;
      return `reserve ${euro(inputs.balance)} above its maximum ${euro(inputs.max)}: ${euro(inputs.balance)} − ${inputs.payoutTo} ${euro(inputs.target)} = ${euro(inputs.amount)} to fund ${inputs.fundId}`;
    }
    case 'SolidarityTransferred':
      return deriveSolidarity(event.data, account);
    default:
      return deriveSplit(event, account, amount);
  }
}

function withDelta(text: string, inputs: { target: Cents; previouslyRecorded: Cents }): string {
  return inputs.previouslyRecorded !== 0n
    ? `${text}; earlier runs recorded ${euro(inputs.previouslyRecorded)}, so ${euro(inputs.target - inputs.previouslyRecorded)} now`
    : text;
}

/** The total a split event divided, as its rule computed it. */
function splitTotal(event: SplitEvent): string {
  switch (event.type) {
    case 'BwHistoricalDistributed': {
      const { inputs } = event.data;
      return `H − K = ${euro(inputs.historicalPayments)} − ${euro(inputs.skim)} = ${euro(inputs.remainder)}`;
    }
    case 'BwContributionsCharged': {
      const { inputs } = event.data;
      return `C − K = ${euro(inputs.regionalBudget)} − ${euro(inputs.skim)} = ${euro(inputs.contribution)}`;
    }
    case 'MoBudgetDistributed': {
      const { inputs } = event.data;
      return `M − C_MO = ${euro(inputs.moPayments)} − ${euro(inputs.regionalBudget)} = ${euro(inputs.remainder)}`;
    }
    case 'RegionalResultSettled': {
      const { inputs } = event.data;
      return `result to settle ${euro(inputs.settled)} (result ${euro(inputs.result)}, ${inputs.toReservePct}% to the reserve)`;
    }
    case 'ReserveReplenished': {
      const { inputs } = event.data;
      return `reserve ${euro(inputs.balance)} below its minimum ${euro(inputs.min)}: ${euro(inputs.target)} − ${euro(inputs.balance)} = ${euro(inputs.amount)}, scheme part ${euro(inputs.schemePart)}`;
    }
    case 'ReservePaidOut': {
      const { inputs } = event.data;
      return `reserve ${euro(inputs.balance)} above its maximum ${euro(inputs.max)}: ${euro(inputs.balance)} − ${euro(inputs.target)} = ${euro(inputs.amount)}, scheme part ${euro(inputs.schemePart)}`;
    }
    default:
      return unreachable(event, 'no total for split');
  }
}

function deriveSplit(event: SplitEvent, account: string, amount: Cents): string {
  const { key, allocation } = event.data;
  const keyText = key ? `key ${key.keyId} v${key.version}` : '';
  const total = splitTotal(event);
  const code = memberOf(account);
  const line = code ? allocation.lines.find((entry) => entry.code === code) : undefined;
  if (!line || !key) {
    return `${total}, split by ${keyText || 'key'} over ${allocation.lines.length} municipalities; this account's side: ${euro(amount)}`;
  }
  const share = `${line.weight} / ${key.weightSum} × ${euro(allocation.total)} = ${euro(line.target)} (largest remainder ${signedCents(line.remainderCent)}), ${keyText}`;
  const delta =
    line.previous !== 0n ? `; target ${euro(line.target)} − earlier ${euro(line.previous)} = ${euro(line.delta)}` : '';
  return `${share}${delta}; ${total}`;
}

function deriveSolidarity(data: SolidarityTransferred['data'], account: string): string {
  const code = memberOf(account);
  const line = data.lines.find((entry) => entry.code === code);
  const { inputs } = data;
  const choices = `baseline ${inputs.baseline}, execution costs ${inputs.executionCosts}${inputs.surchargePct ? ` (${inputs.surchargePct}%)` : ''}, cap ${inputs.cap ? 'on' : 'off'}, own account ${inputs.ownAccountPct}%`;
  if (!line) return `solidarity volume ${euro(data.volume)} (${choices}, agreement v${data.agreementVersion})`;
  const role = line.target < 0n ? 'pays' : line.target === 0n ? 'neither pays nor receives' : 'receives';
  const delta =
    line.previous !== 0n ? `; target ${euro(line.target)} − earlier ${euro(line.previous)} = ${euro(line.delta)}` : '';
  return `income ${line.income} − spending ${line.spending} = result ${line.result}; deviation ${line.deviation}, pooled ${line.pooled}${line.cap ? `, cap ${line.cap}` : ''}; ${code} ${role} ${euro(line.target)} of volume ${euro(data.volume)} (${choices}, agreement v${data.agreementVersion})${delta}`;
}
