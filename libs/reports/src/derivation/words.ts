/**
 * The words of explain and trace in one language: every sentence part a derivation (derivation.ts)
 * puts around its arithmetic, how a trace says what money moved by, and the text formats' lines. Amounts arrive formatted (`€ 1.234,56`, the same in both languages);
 * weights, percentages, dates and ids arrive as recorded, for the language to write them its way.
 * One module per language: words.nl.ts, words.en.ts.
 */
export interface DerivationWords {
  /** a weight or a percentage as recorded ("24.3") */
  decimal(value: string): string;
  /** `p %` of a percentage */
  percent(value: string): string;
  /** `p / 100` in a formula */
  per100(value: string): string;
  /** an amount of euros with all its decimals as recorded (a solidarity line's exact euros) */
  exactEuro(value: string): string;
  /** `round(expression) = result` */
  rounded(expression: string, result: string): string;
  /** a key by id and version, as a key split names it */
  key(keyId: string, version: string): string;
  /** a fund by its id, as the object of "to" or "from" */
  fund(fundId: string): string;

  readonly facts: FactWords;
  /** any other event: its name and the amount on the account */
  otherEvent(eventType: string, amount: string): string;
  readonly rules: RuleWords;
  readonly split: SplitWords;
  readonly solidarity: SolidarityWords;
  readonly trace: TraceWords;
  readonly text: TextWords;
}

/** A recorded fact's fields, each as text ('' when absent); amounts already formatted. */
export type FactText = Readonly<Record<string, string>>;

/** The recorded facts that move money, each with its own sentence. */
export const FACT_TYPES = [
  'RijkPaymentRecorded',
  'RegionalCostRecorded',
  'CoPaymentRecorded',
  'LocalExpenditureRecorded',
  'ReserveOpeningRecorded',
  'AdvanceRecorded',
  'ReserveTransferredToFund',
  'FundSpendingRecorded',
] as const;
export type FactType = (typeof FACT_TYPES)[number];

/** One sentence per fact; LocalExpenditureRecorded's `fact.total` is care costs + execution costs. */
export type FactWords = Readonly<Record<FactType, (fact: FactText) => string>>;

/** The words of the rules that move an amount between two pots, after their arithmetic. */
export interface RuleWords {
  /** after `round(C × (1 − p/100)) = K` */
  bwSkimmed(budgetVersion: string): string;
  /** `regional MO budget vN = K skimmed…` */
  moSkimmed(budgetVersion: string, target: string): string;
  /** `; earlier runs recorded E, so N now` */
  earlierRuns(earlier: string, now: string): string;
  /** a scheme's result, before its amount */
  schemeResult(scheme: string): string;
  /** after `round(result × p/100) = T` */
  toOrFromReserve(agreementVersion: string): string;
  reserveAboveMax(balance: string, max: string): string;
  reserveBelowMin(balance: string, min: string): string;
  /** the band's bound a payout goes down to ('min' or 'max') */
  bound(bound: string): string;
  /** the destination of a reserve's excess */
  toFund(fundId: string): string;
}

/** What a key split divides: the historical budget less the skim, the budget less the skim, the MO money less the MO budget. */
export type SplitDifference = 'historical' | 'contribution' | 'mo';

/** The words of an amount split over a key. */
export interface SplitWords {
  /** the total a distribution or contribution splits: `first − second = total`, each amount named */
  difference(kind: SplitDifference, first: string, second: string, total: string): string;
  /** the total a result settlement splits: the result less the part to the reserve */
  resultToSettle(settled: string, result: string, toReservePct: string): string;
  /** a scheme's part of a reserve movement */
  schemePart(scheme: string, part: string): string;
  /** a member's weight over the key's weight sum, before `× total` */
  weight(weight: string, weightSum: string): string;
  /** `(largest remainder +0,01)` */
  largestRemainder(cent: string): string;
  /** `target − earlier = delta`, where an earlier run recorded a share */
  targetMinusEarlier(target: string, earlier: string, delta: string): string;
  /** an account that is no member's line of the split: how many shared, and this account's side */
  splitOver(key: string, members: number, amount: string): string;
}

/** The agreement's design choices as they applied (SolidarityInputs), as recorded. */
export interface SolidarityChoices {
  readonly baseline: string;
  readonly executionCosts: string;
  readonly surchargePct: string;
  readonly cap: boolean;
  readonly ownAccountPct: string;
}

/** What a member does with its solidarity target: a negative one it pays. */
export type SolidarityRole = 'pays' | 'receives' | 'neither';

/** The words of the solidarity computation. */
export interface SolidarityWords {
  choices(choices: SolidarityChoices): string;
  agreement(version: string): string;
  /** an account that is no member's line: the volume only */
  volume(volume: string, choicesAndAgreement: string): string;
  /** the member's line, exact euros already written: income − spending = result; deviation, pooled, cap */
  line(line: {
    income: string;
    spending: string;
    result: string;
    deviation: string;
    pooled: string;
    cap: string;
  }): string;
  /** `GM0001 pays € -10,00 of volume € 100,00`: `signed` is the target as recorded, `magnitude` without its sign */
  memberShare(share: { code: string; role: SolidarityRole; signed: string; magnitude: string; volume: string }): string;
}

/** How a trace says what money moved by (the JSON's `via`). */
export interface TraceWords {
  /** an event type, with the rule when it has one */
  event(eventType: string, rule: string): string;
  readonly takenBack: (correction: string) => string;
  readonly netted: (payment: string) => string;
  readonly held: string;
  readonly toTakeBack: string;
}

/** The fixed lines of the explain and trace text formats. */
export interface TextWords {
  eventType(eventType: string): string;
  /** a recording time (ISO 8601, UTC) */
  moment(iso: string): string;
  accountHeading(heading: { account: string; regionId: string; year: number; asOf: string | null }): string;
  readonly noPostings: string;
  recorded(posting: { moment: string; actor: string; source: string; eventId: string }): string;
  opening(year: number): string;
  /** `withOpening`: a reserve opening recorded in the year is in the opening, not in the movements */
  movements(year: number, withOpening: boolean): string;
  closing(year: number): string;
  balance(year: number): string;
  payment(payment: { paymentId: string; regionId: string; year: number; amount: string }): string;
}
