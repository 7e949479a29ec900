import { parseAccount } from '@libs/domain';
import { formatAmountNl, formatEuroNl, parseAmount } from '@libs/money';
import { Explanation, PostingBasis } from '@libs/projections';
import { Locale } from '../locale';
import { WORDS } from './locale-words';
import { DerivationWords, FACT_TYPES, FactType, SolidarityRole } from './words';

/** A recorded fact's fields or a rule's inputs as stored: JSON values, read by name. */
type Fields = Readonly<Record<string, unknown>>;

/** A stored field as text, the way a template literal prints it; an absent one as nothing. */
const printed = (value: unknown): string => String(value);
const text = (value: unknown): string => (value === undefined ? '' : printed(value));
const euro = (amount: unknown) => formatEuroNl(text(amount));
const cents = (amount: unknown) => parseAmount(text(amount));
/** a cent of a largest-remainder split, with its sign: "+0,01", "-0,01" */
const signedCent = (amount: string) => (amount.startsWith('-') ? '' : '+') + formatAmountNl(amount);
const FACT_AMOUNTS = ['amount', 'careCosts', 'executionCosts'];
const isFactType = (type: string): type is FactType => (FACT_TYPES as readonly string[]).includes(type);

/**
 * An explanation as explainAccount gives it, with each posting's derivation in a language (JSON: `en`
 * unless asked; the field stays where it always was, after `source`).
 */
export function withDerivations(explanation: Explanation<PostingBasis>, locale: Locale): Explanation {
  return {
    ...explanation,
    postings: explanation.postings.map((posting) => {
      const { eventId, eventType, amount, recordedAt, actor, source, ...rest } = posting;
      const derivation = derivationText(posting, explanation.account, locale);
      return { eventId, eventType, amount, recordedAt, actor, source, derivation, ...rest };
    }),
  };
}

/**
 * The one-line derivation of a posting a controller can redo by hand, in a language. The arithmetic
 * — which amounts, in which formula, what is added up or subtracted — is written here once; the words
 * around it are the language's (words.nl.ts, words.en.ts). Everything comes from what explain
 * shows of the posting (the fact's fields, the rule's inputs, this account's line in `details`).
 */
export function derivationText(posting: PostingBasis, account: string, locale: Locale): string {
  const words = WORDS[locale];
  const inputs: Fields = posting.inputs ?? {};
  const amount = euro(posting.amount);
  if (posting.details.fact) return factDerivation(words, posting.eventType, posting.details.fact, amount);
  switch (posting.eventType) {
    case 'BwHistoricalSkimmed':
      return withEarlierRuns(
        words,
        `${words.rounded(`${euro(inputs.regionalBudget)} × (1 − ${words.per100(text(inputs.objectivePct))})`, euro(inputs.target))} ${words.rules.bwSkimmed(text(inputs.budgetVersion))}`,
        inputs,
      );
    case 'MoBudgetSkimmed':
      return withEarlierRuns(words, words.rules.moSkimmed(text(inputs.budgetVersion), euro(inputs.target)), inputs);
    case 'RegionalResultTransferred':
      return `${words.rounded(`${words.rules.schemeResult(posting.details.scheme ?? '')} ${euro(inputs.result)} × ${words.per100(text(inputs.toReservePct))}`, euro(inputs.toReserve))} ${words.rules.toOrFromReserve(text(inputs.reserveAgreementVersion))}`;
    case 'ReserveExcessTransferredToFund':
      return `${words.rules.reserveAboveMax(euro(inputs.balance), euro(inputs.max))}: ${euro(inputs.balance)} − ${words.rules.bound(text(inputs.payoutTo))} ${euro(inputs.target)} = ${euro(inputs.amount)} ${words.rules.toFund(text(inputs.fundId))}`;
    case 'SolidarityTransferred':
      return solidarityDerivation(words, posting, account);
    default:
      return SPLIT_TOTAL[posting.eventType]
        ? splitDerivation(words, posting, account)
        : words.otherEvent(posting.eventType, amount);
  }
}

function factDerivation(words: DerivationWords, eventType: string, fact: Fields, amount: string): string {
  if (!isFactType(eventType)) return words.otherEvent(eventType, amount);
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(fact))
    fields[name] = FACT_AMOUNTS.includes(name) ? euro(value) : text(value);
  if (eventType === 'LocalExpenditureRecorded')
    fields.total = formatEuroNl(cents(fact.careCosts) + cents(fact.executionCosts));
  return words.facts[eventType](fields);
}

/** A skim's target, and where earlier runs already moved part of it, the difference this run moves. */
function withEarlierRuns(words: DerivationWords, sentence: string, inputs: Fields): string {
  const earlier = cents(inputs.previouslyRecorded ?? '0.00');
  return earlier === 0n
    ? sentence
    : `${sentence}; ${words.rules.earlierRuns(formatEuroNl(earlier), formatEuroNl(cents(inputs.target) - earlier))}`;
}

/** The total a split event divided, as its rule computed it. */
const SPLIT_TOTAL: Readonly<Record<string, (words: DerivationWords, inputs: Fields, scheme: string) => string>> = {
  BwHistoricalDistributed: (words, inputs) =>
    words.split.difference('historical', euro(inputs.historicalPayments), euro(inputs.skim), euro(inputs.remainder)),
  BwContributionsCharged: (words, inputs) =>
    words.split.difference('contribution', euro(inputs.regionalBudget), euro(inputs.skim), euro(inputs.contribution)),
  MoBudgetDistributed: (words, inputs) =>
    words.split.difference('mo', euro(inputs.moPayments), euro(inputs.regionalBudget), euro(inputs.remainder)),
  RegionalResultSettled: (words, inputs) =>
    words.split.resultToSettle(euro(inputs.settled), euro(inputs.result), text(inputs.toReservePct)),
  ReserveReplenished: (words, inputs, scheme) =>
    `${words.rules.reserveBelowMin(euro(inputs.balance), euro(inputs.min))}: ${euro(inputs.target)} − ${euro(inputs.balance)} = ${euro(inputs.amount)}, ${words.split.schemePart(scheme, euro(inputs.schemePart))}`,
  ReservePaidOut: (words, inputs, scheme) =>
    `${words.rules.reserveAboveMax(euro(inputs.balance), euro(inputs.max))}: ${euro(inputs.balance)} − ${euro(inputs.target)} = ${euro(inputs.amount)}, ${words.split.schemePart(scheme, euro(inputs.schemePart))}`,
};

/** A member's share of a key split (weight / weight sum × total), or for another account the split as a whole. */
function splitDerivation(words: DerivationWords, posting: PostingBasis, account: string): string {
  const scheme = posting.details.scheme ?? /:(bw|mo)$/.exec(account)?.[1].toUpperCase() ?? '';
  const total = SPLIT_TOTAL[posting.eventType](words, posting.inputs ?? {}, scheme);
  const key = posting.key ? words.key(posting.key.keyId, String(posting.key.version)) : '';
  const share = posting.details.share;
  if (!share) return `${total}, ${words.split.splitOver(key, posting.details.splitOver ?? 0, euro(posting.amount))}`;
  const line = `${words.split.weight(share.weight, share.weightSum)} × ${euro(share.total)} = ${euro(share.target)} (${words.split.largestRemainder(signedCent(share.remainderCent))}), ${key}`;
  return `${line}${earlierShare(words, share)}; ${total}`;
}

/** Where an earlier run recorded part of a target: target − earlier = what this run moved. */
function earlierShare(words: DerivationWords, line: { target: string; previous: string; delta: string }): string {
  return cents(line.previous) === 0n
    ? ''
    : `; ${words.split.targetMinusEarlier(euro(line.target), euro(line.previous), euro(line.delta))}`;
}

/** A member's line of the solidarity computation and its transfer, or for another account the volume. */
function solidarityDerivation(words: DerivationWords, posting: PostingBasis, account: string): string {
  const inputs: Fields = posting.inputs ?? {};
  const solidarity = posting.details.solidarity;
  const choices = words.solidarity.choices({
    baseline: text(inputs.baseline),
    executionCosts: text(inputs.executionCosts),
    surchargePct: inputs.surchargePct ? text(inputs.surchargePct) : '',
    cap: inputs.cap === true,
    ownAccountPct: text(inputs.ownAccountPct),
  });
  const terms = `${choices}, ${words.solidarity.agreement(text(solidarity?.agreementVersion))}`;
  const line = solidarity?.line;
  if (!line) return words.solidarity.volume(euro(solidarity?.volume ?? '0.00'), terms);
  const exact = (value: string | null) => (value === null ? '' : words.exactEuro(value));
  const ref = parseAccount(account);
  const target = cents(line.target);
  const role: SolidarityRole = target < 0n ? 'pays' : target === 0n ? 'neither' : 'receives';
  const share = words.solidarity.memberShare({
    code: ref?.kind === 'municipality' ? ref.code : line.code,
    role,
    signed: formatEuroNl(target),
    magnitude: formatEuroNl(target < 0n ? -target : target),
    volume: euro(solidarity.volume),
  });
  const computed = words.solidarity.line({
    income: exact(line.income),
    spending: exact(line.spending),
    result: exact(line.result),
    deviation: exact(line.deviation),
    pooled: exact(line.pooled),
    cap: exact(line.cap),
  });
  return `${computed}; ${share} (${terms})${earlierShare(words, line)}`;
}
