import { DerivedEvent } from '@libs/domain';
import { formatEuroNl, formatPercentNl } from '@libs/money';
import { choiceLabel, fundLabel } from '../event-labels';

/** Every field any rule stores among its inputs (the union over the derived event types). */
export type InputField = DerivedEvent extends infer E
  ? E extends { data: { inputs: infer Inputs } }
    ? keyof Inputs & string
    : never
  : never;

/** How a stored input reads: an amount, a percentage, a version, a choice, yes/no, a formula or a fund. */
type InputKind = 'amount' | 'percent' | 'version' | 'choice' | 'yesNo' | 'formula' | 'fund';

/**
 * The Dutch name of each input a rule stores, beside the words of the derivations (words.nl.ts). The
 * web page shows it with the field name, which a controller matches against the JSON and the exports.
 */
export const INPUT_LABELS: Readonly<Record<InputField, { readonly label: string; readonly kind: InputKind }>> = {
  historicalPayments: { label: 'Rijksbetalingen historisch budget', kind: 'amount' },
  regionalBudget: { label: 'regionale begroting', kind: 'amount' },
  budgetVersion: { label: 'versie regionale begroting', kind: 'version' },
  objectivePct: { label: 'percentage objectieve verdeling', kind: 'percent' },
  moPayments: { label: 'MO-betalingen', kind: 'amount' },
  formula: { label: 'formule', kind: 'formula' },
  target: { label: 'doelbedrag', kind: 'amount' },
  previouslyRecorded: { label: 'eerder geboekt', kind: 'amount' },
  skim: { label: 'afroming', kind: 'amount' },
  remainder: { label: 'te verdelen', kind: 'amount' },
  contribution: { label: 'te verdelen bijdrage', kind: 'amount' },
  result: { label: 'resultaat', kind: 'amount' },
  reserveAgreementVersion: { label: 'versie reserveafspraak', kind: 'version' },
  toReservePct: { label: 'percentage naar de reserve', kind: 'percent' },
  toReserve: { label: 'naar (+) of uit (−) de reserve', kind: 'amount' },
  settled: { label: 'af te rekenen resultaat', kind: 'amount' },
  balance: { label: 'saldo reserve', kind: 'amount' },
  base: { label: 'grondslag bandbreedte', kind: 'amount' },
  baseKind: { label: 'soort grondslag', kind: 'choice' },
  minPct: { label: 'ondergrens in procenten', kind: 'percent' },
  maxPct: { label: 'bovengrens in procenten', kind: 'percent' },
  min: { label: 'minimum reserve', kind: 'amount' },
  max: { label: 'maximum reserve', kind: 'amount' },
  budgetBW: { label: 'begroting BW', kind: 'amount' },
  budgetMO: { label: 'begroting MO', kind: 'amount' },
  replenishTo: { label: 'aanvullen tot', kind: 'choice' },
  payoutTo: { label: 'uitkeren tot', kind: 'choice' },
  amount: { label: 'bedrag', kind: 'amount' },
  schemePart: { label: 'deel van de regeling', kind: 'amount' },
  fundId: { label: 'fonds', kind: 'fund' },
  baseline: { label: 'grondslag', kind: 'choice' },
  executionCosts: { label: 'uitvoeringskosten', kind: 'choice' },
  surchargePct: { label: 'opslagpercentage', kind: 'percent' },
  cap: { label: 'plafond', kind: 'yesNo' },
  policyCorrections: { label: 'beleidscorrecties meegeteld', kind: 'yesNo' },
  ownAccountPct: { label: 'percentage eigen rekening', kind: 'percent' },
  weighted: { label: 'gewogen', kind: 'yesNo' },
};

/** The stored choices of the reserve band that are not the solidarity agreement's (choiceLabel). */
const BAND_CHOICES: Readonly<Record<string, string>> = {
  fixed: 'vast bedrag',
  budget: 'begroting',
  min: 'minimum',
  max: 'maximum',
};

const isInputField = (name: string): name is InputField => Object.hasOwn(INPUT_LABELS, name);

/** An input's Dutch name; a field without one (a newer stored form) keeps its name. */
export function inputLabelNl(name: string): string {
  return isInputField(name) ? INPUT_LABELS[name].label : name;
}

/** A stored input's value as a Dutch reader writes it: `€ 1.234,56`, `24,3 %`, `v1`, `ja`. */
export function inputValueNl(name: string, value: unknown): string {
  if (value === null) return '—';
  const kind = isInputField(name) ? INPUT_LABELS[name].kind : undefined;
  const stored = typeof value === 'string' ? value : JSON.stringify(value);
  switch (kind) {
    case 'amount':
      return formatEuroNl(stored);
    case 'percent':
      return formatPercentNl(stored);
    case 'version':
      return `v${stored}`;
    case 'choice':
      return BAND_CHOICES[stored] ?? choiceLabel(stored);
    case 'yesNo':
      return value === true ? 'ja' : 'nee';
    case 'fund':
      return fundLabel(stored);
    default:
      return stored;
  }
}
