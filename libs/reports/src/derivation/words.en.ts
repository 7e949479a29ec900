import { DerivationWords, FactText } from './words';

const parenthesised = (text: string) => (text ? ` (${text})` : '');

/** The words of the JSON's `derivation` (the machine form) and of the text formats with `--locale en`. */
export const EN: DerivationWords = {
  decimal: (value) => value,
  percent: (value) => `${value}%`,
  per100: (value) => `${value}/100`,
  exactEuro: (value) => value,
  rounded: (expression, result) => `round(${expression}) = ${result}`,
  key: (keyId, version) => `key ${keyId} v${version}`,
  fund: (fundId) => `fund ${fundId}`,
  otherEvent: (eventType, amount) => `${eventType}: ${amount}`,
  facts: {
    RijkPaymentRecorded: (fact: FactText) =>
      `Rijk payment ${fact.paymentId} (${fact.scheme} ${fact.basis}, recipient ${fact.recipient}${fact.reference ? `, ${fact.reference}` : ''}): ${fact.amount}`,
    RegionalCostRecorded: (fact) =>
      `regional cost ${fact.costId}${parenthesised(fact.description)}: ${fact.amount} paid to providers`,
    CoPaymentRecorded: (fact) =>
      `co-payments ${fact.coPaymentId}${parenthesised(fact.description)}: ${fact.amount} received`,
    LocalExpenditureRecorded: (fact) =>
      `local expenditure ${fact.expenditureId} of ${fact.municipality}: care ${fact.careCosts} + execution ${fact.executionCosts} = ${fact.total}`,
    ReserveOpeningRecorded: (fact) => `reserve opening ${fact.year}${parenthesised(fact.reference)}: ${fact.amount}`,
    AdvanceRecorded: (fact) =>
      `advance ${fact.advanceId} (${fact.scheme}) of ${fact.municipality}${fact.date ? ` on ${fact.date}` : ''}${parenthesised(fact.reference)}: ${fact.amount} paid by (+) or to (−) the municipality on account of the settlement`,
    ReserveTransferredToFund: (fact) =>
      `transfer ${fact.transferId} from the reserve to fund ${fact.fundId}${parenthesised(fact.reference)}: ${fact.amount}`,
    FundSpendingRecorded: (fact) =>
      `fund spending ${fact.spendingId} from fund ${fact.fundId} to ${fact.recipient} (${fact.scheme}): ${fact.amount}`,
  },
  rules: {
    bwSkimmed: (version) => `skimmed from the historical BW budget (budget v${version})`,
    moSkimmed: (version, target) =>
      `regional MO budget v${version} = ${target} skimmed from the MO money of the central municipality`,
    earlierRuns: (earlier, now) => `earlier runs recorded ${earlier}, so ${now} now`,
    schemeResult: (scheme) => `${scheme} result`,
    toOrFromReserve: (version) => `to (+) or from (−) the reserve (reserve agreement v${version})`,
    reserveAboveMax: (balance, max) => `reserve ${balance} above its maximum ${max}`,
    reserveBelowMin: (balance, min) => `reserve ${balance} below its minimum ${min}`,
    bound: (bound) => bound,
    toFund: (fundId) => `to fund ${fundId}`,
  },
  split: {
    // the symbols of the rules (H, K, C, M, C_MO)
    difference: (kind, first, second, total) => `${SYMBOLS[kind]} = ${first} − ${second} = ${total}`,
    resultToSettle: (settled, result, pct) => `result to settle ${settled} (result ${result}, ${pct}% to the reserve)`,
    schemePart: (_scheme, part) => `scheme part ${part}`,
    weight: (weight, weightSum) => `${weight} / ${weightSum}`,
    largestRemainder: (cent) => `largest remainder ${cent}`,
    targetMinusEarlier: (target, earlier, delta) => `target ${target} − earlier ${earlier} = ${delta}`,
    splitOver: (key, members, amount) =>
      `split by ${key || 'key'} over ${members} municipalities; this account's side: ${amount}`,
  },
  solidarity: {
    choices: (choices) =>
      `baseline ${choices.baseline}, execution costs ${choices.executionCosts}${choices.surchargePct ? ` (${choices.surchargePct}%)` : ''}, cap ${choices.cap ? 'on' : 'off'}, own account ${choices.ownAccountPct}%`,
    agreement: (version) => `agreement v${version}`,
    volume: (volume, rest) => `solidarity volume ${volume} (${rest})`,
    line: (line) =>
      `income ${line.income} − spending ${line.spending} = result ${line.result}; deviation ${line.deviation}, pooled ${line.pooled}${line.cap ? `, cap ${line.cap}` : ''}`,
    memberShare: (share) => `${share.code} ${ROLES[share.role]} ${share.signed} of volume ${share.volume}`,
  },
  // the sentences tracePayment writes into the JSON: the English trace is the JSON's as it is
  trace: {
    event: (eventType, rule) => (rule ? `${eventType} (${rule})` : eventType),
    takenBack: (correction) => `taken back by correction ${correction} before it was allocated`,
    netted: (payment) => `netted against payment ${payment} before it was allocated`,
    held: 'still held (balance)',
    toTakeBack: 'still to be taken back (balance)',
  },
  text: {
    eventType: (eventType) => eventType,
    moment: (iso) => iso,
    accountHeading: ({ account, regionId, year, asOf }) =>
      `Account ${account} — ${regionId} ${year}${asOf ? ` (as recorded at ${asOf})` : ''}`,
    noPostings: '(no postings)',
    recorded: ({ moment, actor, source, eventId }) =>
      `recorded ${moment} by ${actor}, source ${source}, event ${eventId}`,
    opening: (year) => `Opening balance 1 January ${year}`,
    movements: (year, withOpening) =>
      `Movements ${year}${withOpening ? ' (the postings above without the reserve opening)' : ''}`,
    closing: (year) => `Closing balance 31 December ${year}`,
    balance: (year) => `Balance ${year}`,
    payment: ({ paymentId, regionId, year, amount }) => `Payment ${paymentId} (${regionId}, ${year}): ${amount}`,
  },
};

const SYMBOLS = { historical: 'H − K', contribution: 'C − K', mo: 'M − C_MO' } as const;
const ROLES = { pays: 'pays', receives: 'receives', neither: 'neither pays nor receives' } as const;
