import { AllocationLine, DerivedMoneyData, KeyReference, SolidarityData } from '@libs/domain';
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
}

export interface Explanation {
  regionId: string;
  year: number;
  account: string;
  asOf: string | null;
  postings: ExplainedPosting[];
  balance: string;
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
  for (const event of recordedUpTo(events, asOf)) {
    if (yearOf(event) !== year) continue;
    for (const posting of postingsOfRecorded(event)) {
      if (posting.account !== account) continue;
      balance += parseAmount(posting.amount);
      postings.push(explainPosting(event, account, posting.amount));
    }
  }
  const explained = postings.reduce((sum, posting) => sum + parseAmount(posting.amount), 0n);
  if (explained !== balance)
    throw new Error(
      `explain of ${account} ${year}: postings sum to ${formatAmount(explained)}, balance is ${formatAmount(balance)}`,
    );
  return { regionId, year, account, asOf: asOf?.toISOString() ?? null, postings, balance: formatAmount(balance) };
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
  };
  if (data.rule) {
    base.rule = data.rule;
    if (data.key) base.key = keyOf(data.key);
    base.inputs = { ...data.inputs };
  }
  base.derivation = derive(event.type, data, account, amount);
  return base;
}

function keyOf(key: KeyReference) {
  return { keyId: key.keyId, version: key.version, basis: key.basis };
}

const memberOf = (account: string) => /^municipality:(GM\d{4}):/.exec(account)?.[1];

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
