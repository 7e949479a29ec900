import { formatCalendarDateNl, formatDateTimeNl, formatDecimalNl } from '@libs/money';
import { accountLabel, BASIS_LABELS, choiceLabel, eventLabel, fundLabel, keyLabel } from '../event-labels';
import { DerivationWords } from './words';

const parenthesised = (text: string) => (text ? ` (${text})` : '');

/** The words a Dutch controller reads: the text formats' default and the web pages. */
export const NL: DerivationWords = {
  decimal: formatDecimalNl,
  percent: (value) => `${formatDecimalNl(value)} %`,
  per100: (value) => `${formatDecimalNl(value)} / 100`,
  exactEuro: (value) => `€ ${formatDecimalNl(value)}`,
  rounded: (expression, result) => `${expression}, afgerond = ${result}`,
  key: (keyId, version) => `${keyLabel(keyId)} v${version}`,
  fund: fundLabel,
  otherEvent: (eventType, amount) => `${eventLabel(eventType)}: ${amount}`,
  facts: {
    RijkPaymentRecorded: (fact) =>
      `Rijksbetaling ${fact.paymentId} (${fact.scheme} ${BASIS_LABELS[fact.basis] ?? fact.basis}, ontvanger ${fact.recipient}${fact.reference ? `, ${fact.reference}` : ''}): ${fact.amount}`,
    RegionalCostRecorded: (fact) =>
      `kostenpost ${fact.costId}${parenthesised(fact.description)}: ${fact.amount} betaald aan aanbieders`,
    CoPaymentRecorded: (fact) =>
      `eigen bijdragen ${fact.coPaymentId}${parenthesised(fact.description)}: ${fact.amount} ontvangen`,
    LocalExpenditureRecorded: (fact) =>
      `lokale uitgaven ${fact.expenditureId} van ${fact.municipality}: zorgkosten ${fact.careCosts} + uitvoeringskosten ${fact.executionCosts} = ${fact.total}`,
    ReserveOpeningRecorded: (fact) =>
      `openingsbalans reserve ${fact.year}${parenthesised(fact.reference)}: ${fact.amount}`,
    AdvanceRecorded: (fact) =>
      `voorschot ${fact.advanceId} (${fact.scheme}) van ${fact.municipality}${fact.date ? ` op ${formatCalendarDateNl(fact.date)}` : ''}${parenthesised(fact.reference)}: ${fact.amount} betaald door (+) of aan (−) de gemeente, op rekening van de afrekening`,
    ReserveTransferredToFund: (fact) =>
      `overheveling ${fact.transferId} van de reserve naar ${fundLabel(fact.fundId)}${parenthesised(fact.reference)}: ${fact.amount}`,
    FundSpendingRecorded: (fact) =>
      `besteding ${fact.spendingId} uit ${fundLabel(fact.fundId)} aan ${fact.recipient === 'providers' ? 'aanbieders' : fact.recipient} (${fact.scheme}): ${fact.amount}`,
  },
  rules: {
    bwSkimmed: (version) => `afgeroomd van het historisch budget BW (begroting v${version})`,
    moSkimmed: (version, target) =>
      `regionale begroting MO v${version} = ${target} afgeroomd van het MO-geld van de centrumgemeente`,
    earlierRuns: (earlier, now) => `eerdere verdelingen boekten ${earlier}, dus nu ${now}`,
    schemeResult: (scheme) => (scheme ? `resultaat ${scheme}` : 'resultaat'),
    toOrFromReserve: (version) => `naar (+) of uit (−) de reserve (reserveafspraak v${version})`,
    reserveAboveMax: (balance, max) => `reserve ${balance} boven het maximum ${max}`,
    reserveBelowMin: (balance, min) => `reserve ${balance} onder het minimum ${min}`,
    bound: (bound) => (bound === 'min' ? 'minimum' : 'maximum'),
    toFund: (fundId) => `naar ${fundLabel(fundId)}`,
  },
  split: {
    // each amount named, for a reader who does not know the rules' symbols (H − K, C − K, M − C_MO)
    difference: (kind, first, second, total) => {
      const [a, b, c] = TERMS[kind];
      return `${a} ${first} − ${b} ${second} = ${c} ${total}`;
    },
    resultToSettle: (settled, result, pct) =>
      `af te rekenen resultaat ${settled} (resultaat ${result}, ${formatDecimalNl(pct)} % naar de reserve)`,
    schemePart: (scheme, part) => `deel ${scheme || 'van de regeling'} ${part}`,
    weight: (weight, weightSum) => `aandeel ${formatDecimalNl(weight)} / ${formatDecimalNl(weightSum)}`,
    largestRemainder: (cent) => `afronding grootste restmethode ${cent}`,
    targetMinusEarlier: (target, earlier, delta) => `doel ${target} − eerder ${earlier} = ${delta}`,
    splitOver: (key, members, amount) =>
      `verdeeld met de ${key || 'sleutel'} over ${members} gemeenten; deze rekening: ${amount}`,
  },
  solidarity: {
    choices: (choices) =>
      `grondslag ${choiceLabel(choices.baseline)}, uitvoeringskosten ${choiceLabel(choices.executionCosts)}${choices.surchargePct ? ` (${formatDecimalNl(choices.surchargePct)} %)` : ''}, plafond ${choices.cap ? 'aan' : 'uit'}, eigen rekening ${formatDecimalNl(choices.ownAccountPct)} %`,
    agreement: (version) => `solidariteitsafspraak v${version}`,
    volume: (volume, rest) => `solidariteitsvolume ${volume} (${rest})`,
    line: (line) =>
      `inkomsten ${line.income} − uitgaven ${line.spending} = resultaat ${line.result}; afwijking ${line.deviation}, waarvan gedeeld ${line.pooled}${line.cap ? `, plafond ${line.cap}` : ''}`,
    memberShare: (share) => `${share.code} ${ROLES[share.role]} ${share.magnitude} van het volume ${share.volume}`,
  },
  trace: {
    event: (eventType) => eventLabel(eventType),
    takenBack: (correction) => `teruggenomen door correctie ${correction} voordat het verdeeld was`,
    netted: (payment) => `verrekend met betaling ${payment} voordat het verdeeld was`,
    held: 'staat nog in de pot (saldo)',
    toTakeBack: 'moet nog worden teruggenomen (saldo)',
  },
  text: {
    eventType: eventLabel,
    moment: formatDateTimeNl,
    accountHeading: ({ account, regionId, year, asOf }) => {
      const label = accountLabel(account, regionId);
      return `Rekening ${account}${label === account ? '' : ` (${label})`} — ${regionId} ${year}${asOf ? ` (zoals vastgelegd op ${formatDateTimeNl(asOf)})` : ''}`;
    },
    noPostings: '(geen boekingen)',
    recorded: ({ moment, actor, source, eventId }) =>
      `vastgelegd ${moment} door ${actor}, bron ${source}, gebeurtenis ${eventId}`,
    opening: (year) => `Beginsaldo 1 januari ${year}`,
    movements: (year, withOpening) =>
      `Mutaties ${year}${withOpening ? ' (de boekingen hierboven zonder de openingsbalans)' : ''}`,
    closing: (year) => `Eindsaldo 31 december ${year}`,
    balance: (year) => `Saldo ${year}`,
    payment: ({ paymentId, regionId, year, amount }) => `Betaling ${paymentId} (${regionId}, ${year}): ${amount}`,
  },
};

const TERMS = {
  historical: ['Rijksbetalingen historisch budget', 'afroming', 'te verdelen'],
  contribution: ['regionale begroting', 'afroming', 'te verdelen bijdrage'],
  mo: ['MO-betalingen', 'regionale begroting MO', 'te verdelen'],
} as const;
const ROLES = { pays: 'betaalt', receives: 'ontvangt', neither: 'betaalt noch ontvangt' } as const;
