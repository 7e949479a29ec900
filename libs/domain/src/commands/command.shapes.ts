import { Cents } from '@libs/money';
import { invalidField } from '../errors';
import { Scheme, SCHEMES } from '../scheme';
import { FieldParser, isPlainObject, optional, parseObject, required, withDefault } from './fields';
import {
  amount,
  arrayOf,
  boolean,
  decimal,
  described,
  identifier,
  isoDate,
  municipalityCode,
  objectOf,
  oneOf,
  percentage,
  recordOf,
  slug,
  text,
  version,
  year,
  yearKey,
} from './field-schema';

export { SCHEMES };
export type { Scheme };
export const scheme = oneOf(...SCHEMES);

export type ReserveBase = { readonly kind: 'fixed'; readonly amount: Cents } | { readonly kind: 'budget' };
const parseReserveBase: FieldParser<ReserveBase> = (value, field, mode) => {
  if (value === 'budget') return { kind: 'budget' };
  if (isPlainObject(value)) {
    const parsed = parseObject(value, { fixed: required(amount) }, field, [], mode);
    if (parsed.fixed < 0n) throw invalidField(`${field}.fixed`, 'must not be negative');
    return { kind: 'fixed', amount: parsed.fixed };
  }
  throw invalidField(field, 'must be "budget" or {"fixed": "<amount>"}');
};
const reserveBase = described(parseReserveBase, {
  title: 'reserve base',
  description: '"budget" (the year\'s regional budgets of the covered schemes) or {"fixed": amount} (not negative)',
  oneOf: [
    { type: 'string', title: 'budget', description: 'the regional budgets', enum: ['budget'], example: 'budget' },
    {
      type: 'object',
      title: 'fixed',
      description: 'a fixed amount',
      properties: { fixed: amount.schema },
      required: ['fixed'],
      additionalProperties: false,
      example: { fixed: '5802407.00' },
    },
  ],
  example: { fixed: '5802407.00' },
});

/** Where money above the reserve's band goes: back to the municipalities or into a fund. */
export type ExcessTarget = { readonly kind: 'municipalities' } | { readonly kind: 'fund'; readonly fundId: string };
const parseExcessTarget: FieldParser<ExcessTarget> = (value, field) => {
  if (value === 'municipalities') return { kind: 'municipalities' };
  if (typeof value === 'string' && value.startsWith('fund:'))
    return { kind: 'fund', fundId: slug(value.slice(5), field) };
  throw invalidField(field, `must be "municipalities" or "fund:<id>", got ${JSON.stringify(value)}`);
};
const excessTarget = described(parseExcessTarget, {
  type: 'string',
  title: 'target',
  description: '"municipalities" or "fund:<id>" (a fund id is a slug)',
  pattern: '^(municipalities|fund:[a-z0-9][a-z0-9-]{0,62})$',
  example: 'municipalities',
});

const fundRecipient = described<string>(
  (value, field) => (value === 'providers' ? 'providers' : municipalityCode(value, field)),
  {
    type: 'string',
    title: 'recipient',
    description: 'a CBS municipality code ("GM0546") or "providers"',
    pattern: '^(providers|GM\\d{4})$',
    example: 'GM0546',
  },
);

/** The fields of every command of interface.md §1, with their parsers. */
export const COMMAND_SHAPES = {
  RegisterRegion: {
    regionId: required(slug),
    name: required(text(200)),
    centralMunicipality: required(municipalityCode),
    municipalities: required(
      arrayOf(objectOf({ code: required(municipalityCode), name: required(text(200)) }), { min: 1, max: 1000 }),
    ),
  },
  AdoptDistributionKey: {
    regionId: required(slug),
    keyId: required(slug),
    version: required(version),
    validFrom: required(year),
    validTo: optional(year),
    unit: required(oneOf('percent', 'weight')),
    basis: required(text(1000)),
    weights: required(recordOf(municipalityCode, decimal, { min: 1 })),
  },
  RecordRijkPayment: {
    regionId: required(slug),
    paymentId: required(identifier),
    year: required(year),
    scheme: required(scheme),
    basis: required(oneOf('historical', 'objective')),
    recipient: required(municipalityCode),
    amount: required(amount),
    reference: optional(text(1000)),
    bookDate: optional(isoDate),
  },
  AdoptRegionalBudget: {
    regionId: required(slug),
    version: required(version),
    year: required(year),
    scheme: required(scheme),
    amount: required(amount),
    objectivePct: optional(percentage()),
    components: optional(
      arrayOf(objectOf({ label: required(text(200)), amount: required(amount) }), { min: 1, max: 200 }),
    ),
  },
  RecordRegionalCost: {
    regionId: required(slug),
    costId: required(identifier),
    year: required(year),
    scheme: required(scheme),
    amount: required(amount),
    category: optional(text(100)),
    provider: optional(text(200)),
    description: optional(text(1000)),
  },
  RecordCoPayment: {
    regionId: required(slug),
    coPaymentId: required(identifier),
    year: required(year),
    scheme: required(scheme),
    amount: required(amount),
    description: optional(text(1000)),
  },
  RecordLocalExpenditure: {
    regionId: required(slug),
    expenditureId: required(identifier),
    year: required(year),
    scheme: required(scheme),
    municipality: required(municipalityCode),
    careCosts: required(amount),
    executionCosts: required(amount),
  },
  RecordPolicyCorrection: {
    regionId: required(slug),
    correctionId: required(identifier),
    year: required(year),
    municipality: required(municipalityCode),
    amount: required(amount),
    justification: required(text(2000)),
  },
  AdoptReserveAgreement: {
    regionId: required(slug),
    version: required(version),
    validFrom: required(year),
    schemes: required(arrayOf(scheme, { min: 1, max: 2 })),
    minPct: required(percentage()),
    maxPct: required(percentage()),
    base: required(reserveBase),
    toReservePct: withDefault(percentage(), '100'),
    replenishTo: withDefault(oneOf('min', 'max'), 'min'),
    payoutTo: withDefault(oneOf('max', 'min'), 'max'),
    excessTo: withDefault<ExcessTarget>(excessTarget, { kind: 'municipalities' }),
  },
  RecordReserveOpening: {
    regionId: required(slug),
    year: required(year),
    amount: required(amount),
    reference: optional(text(1000)),
  },
  RecordAdvance: {
    regionId: required(slug),
    advanceId: required(identifier),
    year: required(year),
    scheme: required(scheme),
    municipality: required(municipalityCode),
    amount: required(amount),
    date: optional(isoDate),
    reference: optional(text(1000)),
  },
  TransferReserveToFund: {
    regionId: required(slug),
    transferId: required(identifier),
    year: required(year),
    fundId: required(slug),
    amount: required(amount),
    reference: optional(text(1000)),
  },
  RecordFundSpending: {
    regionId: required(slug),
    spendingId: required(identifier),
    year: required(year),
    fundId: required(slug),
    scheme: required(scheme),
    amount: required(amount),
    recipient: required(fundRecipient),
  },
  AdoptSolidarityAgreement: {
    regionId: required(slug),
    version: required(version),
    validFrom: required(year),
    baseline: required(oneOf('income', 'regional-average')),
    executionCosts: required(oneOf('actual', 'surcharge')),
    surchargePct: optional(percentage(1000)),
    cap: required(boolean),
    weights: optional(recordOf(municipalityCode, decimal, { min: 1 })),
    policyCorrections: required(boolean),
    ownAccountPct: required(percentage()),
    ownAccountPctByYear: optional(recordOf(yearKey, percentage(), { min: 1 })),
  },
  RecordInhabitants: {
    regionId: required(slug),
    year: required(year),
    counts: required(recordOf(municipalityCode, decimal, { min: 1 })),
    source: optional(text(1000)),
  },
  RunAllocation: { regionId: required(slug), year: required(year) },
  CloseYear: { regionId: required(slug), year: required(year) },
  ReopenYear: { regionId: required(slug), year: required(year), reason: required(text(2000)) },
} as const;
