/** Exact money: cents, decimal strings at the boundaries, fractions and allocation, Dutch formatting (only what other packages use). */
export { allocate, allocateByIntegerWeights, onCommonDenominator } from './allocate';
export {
  AMOUNT_MAX_INTEGER_DIGITS,
  DECIMAL_MAX_SIGNIFICANT_DIGITS,
  MoneyFormatError,
  formatAmount,
  formatEuro,
  parseAmount,
  parseNonNegativeDecimal,
  sumCents,
} from './amount';
export type { Cents } from './amount';
export {
  formatAmountNl,
  formatCalendarDateNl,
  formatDateLongNl,
  formatDateTimeLongNl,
  formatDateTimeNl,
  formatDecimalNl,
  formatEuroNl,
  formatPercentNl,
} from './nl-format';
export { fractionAsDecimal, Rational, sumRationals } from './rational';
