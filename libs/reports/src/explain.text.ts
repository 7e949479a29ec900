import { parseAccount } from '@libs/domain';
import {
  formatAmountNl,
  formatCalendarDateNl,
  formatDateTimeNl,
  formatDecimalNl,
  formatEuroNl,
  parseAmount,
} from '@libs/money';
import { ExplainedPosting, Explanation } from '@libs/projections';
import { accountLabel, BASIS_LABELS, choiceLabel, eventLabel, fundLabel, keyLabel } from './event-labels';

/** An account's postings for a year, one block per posting, for a controller to check by hand. */
export function renderExplanationText(explanation: Explanation): string {
  const { account, regionId, year } = explanation;
  const label = accountLabel(account, regionId);
  const lines = [
    `Rekening ${account}${label === account ? '' : ` (${label})`} — ${regionId} ${year}${explanation.asOf ? ` (zoals vastgelegd op ${formatDateTimeNl(explanation.asOf)})` : ''}`,
    '',
  ];
  if (explanation.postings.length === 0) lines.push('  (geen boekingen)');
  for (const posting of explanation.postings) {
    lines.push(`${formatEuroNl(posting.amount).padStart(20)}  ${eventLabel(posting.eventType)}`);
    lines.push(`${' '.repeat(22)}${derivationNl(posting, account)}`);
    lines.push(
      `${' '.repeat(22)}vastgelegd ${formatDateTimeNl(posting.recordedAt)} door ${posting.actor}, bron ${posting.source}, gebeurtenis ${posting.eventId}`,
    );
  }
  lines.push('');
  const carried = explanation.carried;
  if (carried) {
    const withOpening = carried.movement !== explanation.balance;
    lines.push(`${formatEuroNl(carried.opening).padStart(20)}  Beginsaldo 1 januari ${year}`);
    lines.push(
      `${formatEuroNl(carried.movement).padStart(20)}  Mutaties ${year}${withOpening ? ' (de boekingen hierboven zonder de openingsbalans)' : ''}`,
    );
    lines.push(`${formatEuroNl(carried.closing).padStart(20)}  Eindsaldo 31 december ${year}`);
  } else {
    lines.push(`${formatEuroNl(explanation.balance).padStart(20)}  Saldo ${year}`);
  }
  return lines.join('\n');
}

/** A recorded fact's fields or a rule's inputs as stored: JSON values, read by name. */
type Fields = Readonly<Record<string, unknown>>;

/** A stored field as text, the way a template literal would print it. */
const text = (value: unknown): string => String(value);
const euro = (amount: unknown) => formatEuroNl(text(amount));
const decimal = (value: unknown) => formatDecimalNl(text(value));
const schemeOf = (account: string) => /:(bw|mo)$/.exec(account)?.[1].toUpperCase();
const optionalText = (value: unknown, prefix = ' (', suffix = ')') => (value ? `${prefix}${text(value)}${suffix}` : '');

/** The posting's derivation in Dutch: the same arithmetic as the JSON's `derivation`, in words a controller reads. */
export function derivationNl(posting: ExplainedPosting, account: string): string {
  const fact: Fields = posting.details?.fact ?? {};
  const inputs: Fields = posting.inputs ?? {};
  const key = posting.key ? `${keyLabel(posting.key.keyId)} v${posting.key.version}` : '';
  switch (posting.eventType) {
    case 'RijkPaymentRecorded':
      return `Rijksbetaling ${text(fact.paymentId)} (${text(fact.scheme)} ${BASIS_LABELS[text(fact.basis)] ?? text(fact.basis)}, ontvanger ${text(fact.recipient)}${optionalText(fact.reference, ', ', '')}): ${euro(fact.amount)}`;
    case 'RegionalCostRecorded':
      return `kostenpost ${text(fact.costId)}${optionalText(fact.description)}: ${euro(fact.amount)} betaald aan aanbieders`;
    case 'CoPaymentRecorded':
      return `eigen bijdragen ${text(fact.coPaymentId)}${optionalText(fact.description)}: ${euro(fact.amount)} ontvangen`;
    case 'LocalExpenditureRecorded':
      return `lokale uitgaven ${text(fact.expenditureId)} van ${text(fact.municipality)}: zorgkosten ${euro(fact.careCosts)} + uitvoeringskosten ${euro(fact.executionCosts)} = ${formatEuroNl(parseAmount(text(fact.careCosts)) + parseAmount(text(fact.executionCosts)))}`;
    case 'ReserveOpeningRecorded':
      return `openingsbalans reserve ${text(fact.year)}${optionalText(fact.reference)}: ${euro(fact.amount)}`;
    case 'AdvanceRecorded':
      return `voorschot ${text(fact.advanceId)} (${text(fact.scheme)}) van ${text(fact.municipality)}${fact.date ? ` op ${formatCalendarDateNl(text(fact.date))}` : ''}${optionalText(fact.reference)}: ${euro(fact.amount)} betaald door (+) of aan (−) de gemeente, op rekening van de afrekening`;
    case 'ReserveTransferredToFund':
      return `overheveling ${text(fact.transferId)} van de reserve naar ${fundLabel(text(fact.fundId))}${optionalText(fact.reference)}: ${euro(fact.amount)}`;
    case 'FundSpendingRecorded':
      return `besteding ${text(fact.spendingId)} uit ${fundLabel(text(fact.fundId))} aan ${fact.recipient === 'providers' ? 'aanbieders' : text(fact.recipient)} (${text(fact.scheme)}): ${euro(fact.amount)}`;
    case 'BwHistoricalSkimmed':
      return withDelta(
        `${euro(inputs.regionalBudget)} × (1 − ${decimal(inputs.objectivePct)} / 100), afgerond = ${euro(inputs.target)} afgeroomd van het historisch budget BW (begroting v${text(inputs.budgetVersion)})`,
        inputs,
      );
    case 'MoBudgetSkimmed':
      return withDelta(
        `regionale begroting MO v${text(inputs.budgetVersion)} = ${euro(inputs.target)} afgeroomd van het MO-geld van de centrumgemeente`,
        inputs,
      );
    case 'BwHistoricalDistributed':
    case 'BwContributionsCharged':
    case 'MoBudgetDistributed':
    case 'RegionalResultSettled':
    case 'ReserveReplenished':
    case 'ReservePaidOut':
      return splitNl(posting, account, key);
    case 'RegionalResultTransferred':
      return `resultaat ${posting.details?.scheme ?? ''} ${euro(inputs.result)} × ${decimal(inputs.toReservePct)} / 100, afgerond = ${euro(inputs.toReserve)} naar (+) of uit (−) de reserve (reserveafspraak v${text(inputs.reserveAgreementVersion)})`.replace(
        'resultaat  ',
        'resultaat ',
      );
    case 'ReserveExcessTransferredToFund':
      return `reserve ${euro(inputs.balance)} boven het maximum ${euro(inputs.max)}: ${euro(inputs.balance)} − ${inputs.payoutTo === 'min' ? 'minimum' : 'maximum'} ${euro(inputs.target)} = ${euro(inputs.amount)} naar ${fundLabel(text(inputs.fundId))}`;
    case 'SolidarityTransferred':
      return solidarityNl(posting, account);
    default:
      return `${eventLabel(posting.eventType)}: ${euro(posting.amount)}`;
  }
}

function withDelta(sentence: string, inputs: Fields): string {
  return inputs.previouslyRecorded && inputs.previouslyRecorded !== '0.00'
    ? `${sentence}; eerdere verdelingen boekten ${euro(inputs.previouslyRecorded)}, dus nu ${formatEuroNl(parseAmount(text(inputs.target)) - parseAmount(text(inputs.previouslyRecorded)))}`
    : sentence;
}

const SPLIT_TOTAL: Record<string, (inputs: Fields, scheme: string | undefined) => string> = {
  BwHistoricalDistributed: (inputs) =>
    `H − K = ${euro(inputs.historicalPayments)} − ${euro(inputs.skim)} = ${euro(inputs.remainder)}`,
  BwContributionsCharged: (inputs) =>
    `C − K = ${euro(inputs.regionalBudget)} − ${euro(inputs.skim)} = ${euro(inputs.contribution)}`,
  MoBudgetDistributed: (inputs) =>
    `M − C_MO = ${euro(inputs.moPayments)} − ${euro(inputs.regionalBudget)} = ${euro(inputs.remainder)}`,
  RegionalResultSettled: (inputs) =>
    `af te rekenen resultaat ${euro(inputs.settled)} (resultaat ${euro(inputs.result)}, ${formatDecimalNl(text(inputs.toReservePct))} % naar de reserve)`,
  ReserveReplenished: (inputs, scheme) =>
    `reserve ${euro(inputs.balance)} onder het minimum ${euro(inputs.min)}: ${euro(inputs.target)} − ${euro(inputs.balance)} = ${euro(inputs.amount)}, deel ${scheme ?? 'van de regeling'} ${euro(inputs.schemePart)}`,
  ReservePaidOut: (inputs, scheme) =>
    `reserve ${euro(inputs.balance)} boven het maximum ${euro(inputs.max)}: ${euro(inputs.balance)} − ${euro(inputs.target)} = ${euro(inputs.amount)}, deel ${scheme ?? 'van de regeling'} ${euro(inputs.schemePart)}`,
};

function signedCents(amount: string): string {
  const text = formatAmountNl(amount);
  return amount.startsWith('-') ? text : `+${text}`;
}

function splitNl(posting: ExplainedPosting, account: string, key: string): string {
  const inputs: Fields = posting.inputs ?? {};
  const scheme = posting.details?.scheme ?? schemeOf(account);
  const total = SPLIT_TOTAL[posting.eventType](inputs, scheme);
  const share = posting.details?.share;
  if (!share) {
    return `${total}, verdeeld met de ${key || 'sleutel'} over ${posting.details?.splitOver ?? 0} gemeenten; deze rekening: ${euro(posting.amount)}`;
  }
  const line = `${decimal(share.weight)} / ${decimal(share.weightSum)} × ${euro(share.total)} = ${euro(share.target)} (grootste restmethode ${signedCents(share.remainderCent)}), ${key}`;
  const delta =
    share.previous !== '0.00'
      ? `; doel ${euro(share.target)} − eerder ${euro(share.previous)} = ${euro(share.delta)}`
      : '';
  return `${line}${delta}; ${total}`;
}

function solidarityNl(posting: ExplainedPosting, account: string): string {
  const inputs: Fields = posting.inputs ?? {};
  const solidarity = posting.details?.solidarity;
  const choices = `grondslag ${choiceLabel(text(inputs.baseline))}, uitvoeringskosten ${choiceLabel(text(inputs.executionCosts))}${inputs.surchargePct ? ` (${decimal(inputs.surchargePct)} %)` : ''}, plafond ${inputs.cap ? 'aan' : 'uit'}, eigen rekening ${decimal(inputs.ownAccountPct)} %`;
  const agreement = `solidariteitsafspraak v${solidarity?.agreementVersion ?? '?'}`;
  const line = solidarity?.line;
  if (!solidarity || !line)
    return `solidariteitsvolume ${euro(solidarity?.volume ?? '0.00')} (${choices}, ${agreement})`;
  const ref = parseAccount(account);
  const code = ref?.kind === 'municipality' ? ref.code : line.code;
  const role = line.target.startsWith('-') ? 'betaalt' : line.target === '0.00' ? 'betaalt noch ontvangt' : 'ontvangt';
  const exact = (value: string) => `€ ${formatDecimalNl(value)}`;
  const delta =
    line.previous !== '0.00' ? `; doel ${euro(line.target)} − eerder ${euro(line.previous)} = ${euro(line.delta)}` : '';
  return `inkomsten ${exact(line.income)} − uitgaven ${exact(line.spending)} = resultaat ${exact(line.result)}; afwijking ${exact(line.deviation)}, gedeeld ${exact(line.pooled)}${line.cap ? `, plafond ${exact(line.cap)}` : ''}; ${code} ${role} ${euro(line.target.replace(/^-/, ''))} van het volume ${euro(solidarity.volume)} (${choices}, ${agreement})${delta}`;
}
