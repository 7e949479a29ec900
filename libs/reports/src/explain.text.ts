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

type Fields = Record<string, any>;

const euro = (amount: unknown) => formatEuroNl(String(amount));
const decimal = (value: unknown) => formatDecimalNl(String(value));
const schemeOf = (account: string) => /:(bw|mo)$/.exec(account)?.[1].toUpperCase();
const optionalText = (text: unknown, prefix = ' (', suffix = ')') => (text ? `${prefix}${String(text)}${suffix}` : '');

/** The posting's derivation in Dutch: the same arithmetic as the JSON's `derivation`, in words a controller reads. */
export function derivationNl(posting: ExplainedPosting, account: string): string {
  const fact: Fields = posting.details?.fact ?? {};
  const inputs: Fields = posting.inputs ?? {};
  const key = posting.key ? `${keyLabel(posting.key.keyId)} v${posting.key.version}` : '';
  switch (posting.eventType) {
    case 'RijkPaymentRecorded':
      return `Rijksbetaling ${fact.paymentId} (${fact.scheme} ${BASIS_LABELS[fact.basis] ?? fact.basis}, ontvanger ${fact.recipient}${optionalText(fact.reference, ', ', '')}): ${euro(fact.amount)}`;
    case 'RegionalCostRecorded':
      return `kostenpost ${fact.costId}${optionalText(fact.description)}: ${euro(fact.amount)} betaald aan aanbieders`;
    case 'CoPaymentRecorded':
      return `eigen bijdragen ${fact.coPaymentId}${optionalText(fact.description)}: ${euro(fact.amount)} ontvangen`;
    case 'LocalExpenditureRecorded':
      return `lokale uitgaven ${fact.expenditureId} van ${fact.municipality}: zorgkosten ${euro(fact.careCosts)} + uitvoeringskosten ${euro(fact.executionCosts)} = ${formatEuroNl(parseAmount(fact.careCosts) + parseAmount(fact.executionCosts))}`;
    case 'ReserveOpeningRecorded':
      return `openingsbalans reserve ${fact.year}${optionalText(fact.reference)}: ${euro(fact.amount)}`;
    case 'AdvanceRecorded':
      return `voorschot ${fact.advanceId} (${fact.scheme}) van ${fact.municipality}${fact.date ? ` op ${formatCalendarDateNl(fact.date)}` : ''}${optionalText(fact.reference)}: ${euro(fact.amount)} betaald door (+) of aan (−) de gemeente, op rekening van de afrekening`;
    case 'ReserveTransferredToFund':
      return `overheveling ${fact.transferId} van de reserve naar ${fundLabel(fact.fundId)}${optionalText(fact.reference)}: ${euro(fact.amount)}`;
    case 'FundSpendingRecorded':
      return `besteding ${fact.spendingId} uit ${fundLabel(fact.fundId)} aan ${fact.recipient === 'providers' ? 'aanbieders' : fact.recipient} (${fact.scheme}): ${euro(fact.amount)}`;
    case 'BwHistoricalSkimmed':
      return withDelta(
        `${euro(inputs.regionalBudget)} × (1 − ${decimal(inputs.objectivePct)} / 100), afgerond = ${euro(inputs.target)} afgeroomd van het historisch budget BW (begroting v${inputs.budgetVersion})`,
        inputs,
      );
    case 'MoBudgetSkimmed':
      return withDelta(
        `regionale begroting MO v${inputs.budgetVersion} = ${euro(inputs.target)} afgeroomd van het MO-geld van de centrumgemeente`,
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
      return `resultaat ${posting.details?.scheme ?? ''} ${euro(inputs.result)} × ${decimal(inputs.toReservePct)} / 100, afgerond = ${euro(inputs.toReserve)} naar (+) of uit (−) de reserve (reserveafspraak v${inputs.reserveAgreementVersion})`.replace(
        'resultaat  ',
        'resultaat ',
      );
    case 'ReserveExcessTransferredToFund':
      return `reserve ${euro(inputs.balance)} boven het maximum ${euro(inputs.max)}: ${euro(inputs.balance)} − ${inputs.payoutTo === 'min' ? 'minimum' : 'maximum'} ${euro(inputs.target)} = ${euro(inputs.amount)} naar ${fundLabel(String(inputs.fundId))}`;
    case 'SolidarityTransferred':
      return solidarityNl(posting, account);
    default:
      return `${eventLabel(posting.eventType)}: ${euro(posting.amount)}`;
  }
}

function withDelta(text: string, inputs: Fields): string {
  return inputs.previouslyRecorded && inputs.previouslyRecorded !== '0.00'
    ? `${text}; eerdere verdelingen boekten ${euro(inputs.previouslyRecorded)}, dus nu ${formatEuroNl(parseAmount(inputs.target) - parseAmount(inputs.previouslyRecorded))}`
    : text;
}

const SPLIT_TOTAL: Record<string, (inputs: Fields, scheme: string | undefined) => string> = {
  BwHistoricalDistributed: (inputs) =>
    `H − K = ${euro(inputs.historicalPayments)} − ${euro(inputs.skim)} = ${euro(inputs.remainder)}`,
  BwContributionsCharged: (inputs) =>
    `C − K = ${euro(inputs.regionalBudget)} − ${euro(inputs.skim)} = ${euro(inputs.contribution)}`,
  MoBudgetDistributed: (inputs) =>
    `M − C_MO = ${euro(inputs.moPayments)} − ${euro(inputs.regionalBudget)} = ${euro(inputs.remainder)}`,
  RegionalResultSettled: (inputs) =>
    `af te rekenen resultaat ${euro(inputs.settled)} (resultaat ${euro(inputs.result)}, ${formatDecimalNl(String(inputs.toReservePct))} % naar de reserve)`,
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
  const choices = `grondslag ${choiceLabel(String(inputs.baseline))}, uitvoeringskosten ${choiceLabel(String(inputs.executionCosts))}${inputs.surchargePct ? ` (${decimal(inputs.surchargePct)} %)` : ''}, plafond ${inputs.cap ? 'aan' : 'uit'}, eigen rekening ${decimal(inputs.ownAccountPct)} %`;
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
