import {
  Accounts,
  AllocationLine,
  parseAccount,
  DerivedMoneyData,
  KeyReference,
  SolidarityData,
  SolidarityLine,
} from '@libs/domain';
import { Cents, formatAmount, formatEuro, parseAmount } from '@libs/money';
import { LedgerEvent, postingsOfRecorded, recordedUpTo, yearOf } from './recorded-events';

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

export interface PostingDetails {
  /** a derived amount's scheme (BW, MO), when it has one */
  scheme?: string;
  /** a recorded fact's fields, as given (without regionId and postings) */
  fact?: Record<string, unknown>;
  /** an amount split over a key: this account's line, the total split and the key's weight sum */
  share?: AllocationLine & { total: string; weightSum: string };
  /** how many members an amount was split over (when this account is not one of them) */
  splitOver?: number;
  /** solidarity: this municipality's line (absent for an account that is not a member's), the volume */
  solidarity?: { line?: SolidarityLine; volume: string; agreementVersion: number };
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

const euro = (amount: string | Cents) => formatEuro(typeof amount === 'bigint' ? amount : parseAmount(amount));
const signedCents = (amount: string) => {
  const text = euro(amount).slice(2);
  return amount.startsWith('-') ? text : `+${text}`;
};

/**
 * Every posting on one account for one budget year, in recorded order, each with who recorded it,
 * the rule, key and inputs behind it and a one-line derivation a controller can redo by hand.
 * The postings always sum to the balance.
 */
export function explainAccount(
  regionId: string,
  events: readonly LedgerEvent[],
  year: number,
  account: string,
  asOf?: Date,
): Explanation {
  const postings: ExplainedPosting[] = [];
  let balance = 0n;
  let before = 0n;
  let openingInYear = 0n;
  for (const event of recordedUpTo(events, asOf)) {
    const eventYear = yearOf(event);
    if (eventYear === undefined || eventYear > year) continue;
    for (const posting of postingsOfRecorded(event)) {
      if (posting.account !== account) continue;
      if (eventYear < year) {
        before += parseAmount(posting.amount);
        continue;
      }
      balance += parseAmount(posting.amount);
      if (event.type === 'ReserveOpeningRecorded') openingInYear += parseAmount(posting.amount);
      postings.push(explainPosting(event, account, posting.amount));
    }
  }
  const explained = postings.reduce((sum, posting) => sum + parseAmount(posting.amount), 0n);
  if (explained !== balance)
    throw new Error(
      `explain of ${account} ${year}: postings sum to ${formatAmount(explained)}, balance is ${formatAmount(balance)}`,
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

function explainPosting(event: LedgerEvent, account: string, amount: string): ExplainedPosting {
  const data = event.data as Partial<DerivedMoneyData> & Record<string, unknown>;
  const base: ExplainedPosting = {
    eventId: event.eventId,
    eventType: event.type,
    amount,
    recordedAt: event.metadata.recordedAt,
    actor: event.metadata.actor,
    source: event.metadata.source,
    derivation: '',
    details: {},
  };
  if (data.rule) {
    base.rule = data.rule;
    if (data.key) base.key = keyOf(data.key);
    base.inputs = { ...data.inputs };
    base.details = { ...(data.scheme ? { scheme: data.scheme } : {}), ...derivedDetails(event.type, data, account) };
  } else {
    const { regionId: _region, postings: _postings, ...fact } = data;
    base.details = { fact };
  }
  base.derivation = derive(event.type, data, account, amount);
  return base;
}

function derivedDetails(
  type: string,
  data: Partial<DerivedMoneyData> & Record<string, unknown>,
  account: string,
): PostingDetails {
  const code = memberOf(account);
  if (type === 'SolidarityTransferred') {
    const solidarity = data as unknown as SolidarityData;
    const line = solidarity.lines?.find((entry) => entry.code === code);
    return {
      solidarity: {
        ...(line ? { line } : {}),
        volume: solidarity.volume,
        agreementVersion: solidarity.agreementVersion,
      },
    };
  }
  if (!data.allocation) return {};
  const line = code ? data.allocation.lines.find((entry) => entry.code === code) : undefined;
  return line && data.key
    ? { share: { ...line, total: data.allocation.total, weightSum: data.key.weightSum } }
    : { splitOver: data.allocation.lines.length };
}

function keyOf(key: KeyReference) {
  return { keyId: key.keyId, version: key.version, basis: key.basis };
}

const memberOf = (account: string) => {
  const ref = parseAccount(account);
  return ref?.kind === 'municipality' ? ref.code : undefined;
};

function derive(
  type: string,
  data: Partial<DerivedMoneyData> & Record<string, any>,
  account: string,
  amount: string,
): string {
  const inputs = (data.inputs ?? {}) as Record<string, any>;
  const key = data.key ? `key ${data.key.keyId} v${data.key.version}` : '';
  switch (type) {
    case 'RijkPaymentRecorded':
      return `Rijk payment ${data.paymentId} (${data.scheme} ${data.basis}, recipient ${data.recipient}${data.reference ? `, ${data.reference}` : ''}): ${euro(data.amount)}`;
    case 'RegionalCostRecorded':
      return `regional cost ${data.costId}${data.description ? ` (${data.description})` : ''}: ${euro(data.amount)} paid to providers`;
    case 'CoPaymentRecorded':
      return `co-payments ${data.coPaymentId}${data.description ? ` (${data.description})` : ''}: ${euro(data.amount)} received`;
    case 'LocalExpenditureRecorded':
      return `local expenditure ${data.expenditureId} of ${data.municipality}: care ${euro(data.careCosts)} + execution ${euro(data.executionCosts)} = ${euro(parseAmount(data.careCosts) + parseAmount(data.executionCosts))}`;
    case 'ReserveOpeningRecorded':
      return `reserve opening ${data.year}${data.reference ? ` (${data.reference})` : ''}: ${euro(data.amount)}`;
    case 'AdvanceRecorded':
      return `advance ${data.advanceId} (${data.scheme}) of ${data.municipality}${data.date ? ` on ${data.date}` : ''}${data.reference ? ` (${data.reference})` : ''}: ${euro(data.amount)} paid by (+) or to (−) the municipality on account of the settlement`;
    case 'ReserveTransferredToFund':
      return `transfer ${data.transferId} from the reserve to fund ${data.fundId}${data.reference ? ` (${data.reference})` : ''}: ${euro(data.amount)}`;
    case 'FundSpendingRecorded':
      return `fund spending ${data.spendingId} from fund ${data.fundId} to ${data.recipient} (${data.scheme}): ${euro(data.amount)}`;
    case 'BwHistoricalSkimmed':
      return withDelta(
        `round(${euro(inputs.regionalBudget)} × (1 − ${inputs.objectivePct}/100)) = ${euro(inputs.target)} skimmed from the historical BW budget (budget v${inputs.budgetVersion})`,
        inputs,
      );
    case 'MoBudgetSkimmed':
      return withDelta(
        `regional MO budget v${inputs.budgetVersion} = ${euro(inputs.target)} skimmed from the MO money of the central municipality`,
        inputs,
      );
    case 'BwHistoricalDistributed':
    case 'BwContributionsCharged':
    case 'MoBudgetDistributed':
    case 'RegionalResultSettled':
    case 'ReserveReplenished':
    case 'ReservePaidOut':
      return deriveSplit(type, data, account, amount, key);
    case 'RegionalResultTransferred':
      return `round(${data.scheme} result ${euro(inputs.result)} × ${inputs.toReservePct}/100) = ${euro(inputs.toReserve)} to (+) or from (−) the reserve (reserve agreement v${inputs.reserveAgreementVersion})`;
    case 'ReserveExcessTransferredToFund':
      return `reserve ${euro(inputs.balance)} above its maximum ${euro(inputs.max)}: ${euro(inputs.balance)} − ${inputs.payoutTo} ${euro(inputs.target)} = ${euro(inputs.amount)} to fund ${inputs.fundId}`;
    case 'SolidarityTransferred':
      return deriveSolidarity(data as unknown as SolidarityData, account);
    default:
      return `${type}: ${euro(amount)}`;
  }
}

function withDelta(text: string, inputs: Record<string, any>): string {
  return inputs.previouslyRecorded && inputs.previouslyRecorded !== '0.00'
    ? `${text}; earlier runs recorded ${euro(inputs.previouslyRecorded)}, so ${euro(parseAmount(inputs.target) - parseAmount(inputs.previouslyRecorded))} now`
    : text;
}

const SPLIT_TOTAL: Record<string, (inputs: Record<string, any>) => string> = {
  BwHistoricalDistributed: (inputs) =>
    `H − K = ${euro(inputs.historicalPayments)} − ${euro(inputs.skim)} = ${euro(inputs.remainder)}`,
  BwContributionsCharged: (inputs) =>
    `C − K = ${euro(inputs.regionalBudget)} − ${euro(inputs.skim)} = ${euro(inputs.contribution)}`,
  MoBudgetDistributed: (inputs) =>
    `M − C_MO = ${euro(inputs.moPayments)} − ${euro(inputs.regionalBudget)} = ${euro(inputs.remainder)}`,
  RegionalResultSettled: (inputs) =>
    `result to settle ${euro(inputs.settled)} (result ${euro(inputs.result)}, ${inputs.toReservePct}% to the reserve)`,
  ReserveReplenished: (inputs) =>
    `reserve ${euro(inputs.balance)} below its minimum ${euro(inputs.min)}: ${euro(inputs.target)} − ${euro(inputs.balance)} = ${euro(inputs.amount)}, scheme part ${euro(inputs.schemePart)}`,
  ReservePaidOut: (inputs) =>
    `reserve ${euro(inputs.balance)} above its maximum ${euro(inputs.max)}: ${euro(inputs.balance)} − ${euro(inputs.target)} = ${euro(inputs.amount)}, scheme part ${euro(inputs.schemePart)}`,
};

function deriveSplit(
  type: string,
  data: Partial<DerivedMoneyData> & Record<string, any>,
  account: string,
  amount: string,
  key: string,
): string {
  const inputs = (data.inputs ?? {}) as Record<string, any>;
  const total = SPLIT_TOTAL[type](inputs);
  const code = memberOf(account);
  const line: AllocationLine | undefined = code
    ? data.allocation?.lines.find((entry) => entry.code === code)
    : undefined;
  if (!line || !data.key) {
    return `${total}, split by ${key || 'key'} over ${data.allocation?.lines.length ?? 0} municipalities; this account's side: ${euro(amount)}`;
  }
  const splitTotal = data.allocation!.total;
  const share = `${line.weight} / ${data.key.weightSum} × ${euro(splitTotal)} = ${euro(line.target)} (largest remainder ${signedCents(line.remainderCent)}), ${key}`;
  const delta =
    line.previous !== '0.00'
      ? `; target ${euro(line.target)} − earlier ${euro(line.previous)} = ${euro(line.delta)}`
      : '';
  return `${share}${delta}; ${total}`;
}

function deriveSolidarity(data: SolidarityData, account: string): string {
  const code = memberOf(account);
  const line = data.lines?.find((entry) => entry.code === code);
  const inputs = data.inputs as Record<string, any>;
  const choices = `baseline ${inputs.baseline}, execution costs ${inputs.executionCosts}${inputs.surchargePct ? ` (${inputs.surchargePct}%)` : ''}, cap ${inputs.cap ? 'on' : 'off'}, own account ${inputs.ownAccountPct}%`;
  if (!line) return `solidarity volume ${euro(data.volume)} (${choices}, agreement v${data.agreementVersion})`;
  const role = line.target.startsWith('-') ? 'pays' : line.target === '0.00' ? 'neither pays nor receives' : 'receives';
  const delta =
    line.previous !== '0.00'
      ? `; target ${euro(line.target)} − earlier ${euro(line.previous)} = ${euro(line.delta)}`
      : '';
  return `income ${line.income} − spending ${line.spending} = result ${line.result}; deviation ${line.deviation}, pooled ${line.pooled}${line.cap ? `, cap ${line.cap}` : ''}; ${code} ${role} ${euro(line.target)} of volume ${euro(data.volume)} (${choices}, agreement v${data.agreementVersion})${delta}`;
}
