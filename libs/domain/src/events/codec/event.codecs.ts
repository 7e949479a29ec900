import { SCHEMES } from '../../scheme';
import * as derived from '../derived.events';
import { DomainEvent, DomainEventType, EventOf } from '../domain-event';
import * as facts from '../fact.events';
import {
  amount,
  arrayOf,
  boolean,
  CanonicalWrite,
  code,
  Codec,
  date,
  decimal,
  decimalText,
  EventDataError,
  id,
  isPlainObject,
  JsonObject,
  nullable,
  object,
  ObjectCodec,
  oneOf,
  optional,
  postings,
  recordOf,
  text,
  version,
  year,
} from './field.codecs';

/**
 * The stored form of every event: one object codec per event type, its fields in the order the
 * store has always held them, each field read and written by the codec of its kind. The stored form
 * is what the hash chain covers, so encoding an event read from a store gives back exactly its JSON.
 */

const scheme = oneOf(...SCHEMES);
const weights = recordOf(code, decimal);

const reserveBase: Codec<facts.ReserveBase> = {
  decode: (value) => {
    if (value === 'budget') return { kind: 'budget' };
    if (isPlainObject(value) && Object.keys(value).length === 1) {
      try {
        return { kind: 'fixed', amount: amount.decode(value.fixed) };
      } catch (error) {
        throw error instanceof EventDataError ? error.under('fixed') : error;
      }
    }
    throw new EventDataError('', 'must be "budget" or {"fixed": amount}');
  },
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- our field `fixed`, not String.prototype.fixed
  encode: (base) => (base.kind === 'budget' ? 'budget' : { fixed: amount.encode(base.amount) }),
};

const excessTarget: Codec<facts.ExcessTarget> = {
  decode: (value) => {
    if (value === 'municipalities') return { kind: 'municipalities' };
    if (typeof value === 'string' && value.startsWith('fund:'))
      return { kind: 'fund', fundId: id.decode(value.slice('fund:'.length)) };
    throw new EventDataError('', 'must be "municipalities" or "fund:<id>"');
  },
  encode: (target) => (target.kind === 'fund' ? `fund:${target.fundId}` : 'municipalities'),
};

const fundRecipient: Codec<string> = {
  decode: (value) => (value === 'providers' ? 'providers' : code.decode(value)),
  encode: (recipient) => recipient,
};

type DataOf<T extends DomainEventType> = EventOf<T>['data'];

const FACT_CODECS: { readonly [T in facts.FactEventType]: ObjectCodec<DataOf<T>> } = {
  RegionRegistered: object<facts.RegionRegistered['data']>({
    regionId: id,
    name: text,
    centralMunicipality: code,
    municipalities: arrayOf(object<facts.Member>({ code, name: text })),
  }),
  DistributionKeyAdopted: object<facts.DistributionKeyAdopted['data']>({
    regionId: id,
    keyId: id,
    version,
    validFrom: year,
    validTo: optional(year),
    unit: oneOf('percent', 'weight'),
    basis: text,
    weights,
  }),
  RijkPaymentRecorded: object<facts.RijkPaymentRecorded['data']>({
    regionId: id,
    paymentId: id,
    year,
    scheme,
    basis: oneOf('historical', 'objective'),
    recipient: code,
    amount,
    reference: optional(text),
    bookDate: optional(date),
    postings,
  }),
  RegionalBudgetAdopted: object<facts.RegionalBudgetAdopted['data']>({
    regionId: id,
    version,
    year,
    scheme,
    amount,
    objectivePct: optional(decimal),
    components: optional(arrayOf(object<facts.BudgetComponent>({ label: text, amount }))),
  }),
  RegionalCostRecorded: object<facts.RegionalCostRecorded['data']>({
    regionId: id,
    costId: id,
    year,
    scheme,
    amount,
    category: optional(text),
    provider: optional(text),
    description: optional(text),
    postings,
  }),
  CoPaymentRecorded: object<facts.CoPaymentRecorded['data']>({
    regionId: id,
    coPaymentId: id,
    year,
    scheme,
    amount,
    description: optional(text),
    postings,
  }),
  LocalExpenditureRecorded: object<facts.LocalExpenditureRecorded['data']>({
    regionId: id,
    expenditureId: id,
    year,
    scheme,
    municipality: code,
    careCosts: amount,
    executionCosts: amount,
    postings,
  }),
  PolicyCorrectionRecorded: object<facts.PolicyCorrectionRecorded['data']>({
    regionId: id,
    correctionId: id,
    year,
    municipality: code,
    amount,
    justification: text,
  }),
  ReserveAgreementAdopted: object<facts.ReserveAgreementAdopted['data']>({
    regionId: id,
    version,
    validFrom: year,
    schemes: arrayOf(scheme),
    minPct: decimal,
    maxPct: decimal,
    base: reserveBase,
    toReservePct: decimal,
    replenishTo: oneOf('min', 'max'),
    payoutTo: oneOf('max', 'min'),
    excessTo: excessTarget,
  }),
  ReserveOpeningRecorded: object<facts.ReserveOpeningRecorded['data']>({
    regionId: id,
    year,
    amount,
    reference: optional(text),
    postings,
  }),
  AdvanceRecorded: object<facts.AdvanceRecorded['data']>({
    regionId: id,
    advanceId: id,
    year,
    scheme,
    municipality: code,
    amount,
    date: optional(date),
    reference: optional(text),
    postings,
  }),
  ReserveTransferredToFund: object<facts.ReserveTransferredToFund['data']>({
    regionId: id,
    transferId: id,
    year,
    fundId: id,
    amount,
    reference: optional(text),
    postings,
  }),
  FundSpendingRecorded: object<facts.FundSpendingRecorded['data']>({
    regionId: id,
    spendingId: id,
    year,
    fundId: id,
    scheme,
    amount,
    recipient: fundRecipient,
    postings,
  }),
  SolidarityAgreementAdopted: object<facts.SolidarityAgreementAdopted['data']>({
    regionId: id,
    version,
    validFrom: year,
    baseline: oneOf('income', 'regional-average'),
    executionCosts: oneOf('actual', 'surcharge'),
    surchargePct: optional(decimal),
    cap: boolean,
    weights: optional(weights),
    policyCorrections: boolean,
    ownAccountPct: decimal,
    ownAccountPctByYear: optional(recordOf(id, decimal)),
  }),
  InhabitantsRecorded: object<facts.InhabitantsRecorded['data']>({
    regionId: id,
    year,
    counts: weights,
    source: optional(text),
  }),
};

const keyReference = object<derived.KeyReference>({
  keyId: id,
  version,
  basis: text,
  unit: oneOf('percent', 'weight'),
  weightSum: decimalText,
});

const allocation = object<derived.AllocationTrail>({
  total: amount,
  previousTotal: amount,
  lines: arrayOf(
    object<derived.AllocationLine>({
      code,
      weight: decimal,
      quota: decimalText,
      target: amount,
      remainderCent: amount,
      previous: amount,
      delta: amount,
    }),
  ),
});

const bw = {
  historicalPayments: amount,
  regionalBudget: amount,
  budgetVersion: nullable(version),
  objectivePct: decimal,
};
const mo = { moPayments: amount, regionalBudget: amount, budgetVersion: nullable(version) };
const skimProgress = { formula: text, target: amount, previouslyRecorded: amount };
const result = { result: amount, reserveAgreementVersion: nullable(version), toReservePct: decimal };
const band = {
  balance: amount,
  base: amount,
  baseKind: oneOf('fixed', 'budget'),
  minPct: decimal,
  maxPct: decimal,
  min: amount,
  max: amount,
  reserveAgreementVersion: version,
  budgetBW: amount,
  budgetMO: amount,
};

/** A derived event's stored form: the rule, its inputs, a key and trail where it splits, its postings. */
function moved<Rule extends string, Inputs extends object>(rule: Rule, inputs: ObjectCodec<Inputs>) {
  return { regionId: id, year, scheme, rule: oneOf(rule), inputs, postings };
}
function split<Rule extends string, Inputs extends object>(rule: Rule, inputs: ObjectCodec<Inputs>) {
  return { regionId: id, year, scheme, rule: oneOf(rule), key: optional(keyReference), inputs, allocation, postings };
}

/** The rules' inputs per derived event type (what explain lists under a derivation). */
const DERIVED_INPUTS: { readonly [T in derived.DerivedEvent['type']]: ObjectCodec<DataOf<T>['inputs']> } = {
  BwHistoricalSkimmed: object<derived.BwSkimInputs>({ ...bw, ...skimProgress }),
  BwHistoricalDistributed: object<derived.BwHistoricalDistributionInputs>({
    ...bw,
    skim: amount,
    formula: text,
    remainder: amount,
  }),
  BwContributionsCharged: object<derived.BwContributionInputs>({
    ...bw,
    skim: amount,
    formula: text,
    contribution: amount,
  }),
  MoBudgetSkimmed: object<derived.MoSkimInputs>({ ...mo, ...skimProgress }),
  MoBudgetDistributed: object<derived.MoDistributionInputs>({ ...mo, formula: text, remainder: amount }),
  RegionalResultTransferred: object<derived.ResultToReserveInputs>({ ...result, formula: text, toReserve: amount }),
  RegionalResultSettled: object<derived.ResultSettlementInputs>({ ...result, formula: text, settled: amount }),
  ReserveReplenished: object<derived.ReserveReplenishmentInputs>({
    ...band,
    replenishTo: oneOf('min', 'max'),
    target: amount,
    amount,
    schemePart: amount,
  }),
  ReservePaidOut: object<derived.ReservePayoutInputs>({
    ...band,
    payoutTo: oneOf('max', 'min'),
    target: amount,
    amount,
    schemePart: amount,
  }),
  ReserveExcessTransferredToFund: object<derived.ReserveExcessToFundInputs>({
    ...band,
    payoutTo: oneOf('max', 'min'),
    target: amount,
    amount,
    fundId: id,
  }),
  SolidarityTransferred: object<derived.SolidarityInputs>({
    baseline: oneOf('income', 'regional-average'),
    executionCosts: oneOf('actual', 'surcharge'),
    surchargePct: nullable(decimal),
    cap: boolean,
    policyCorrections: boolean,
    ownAccountPct: decimal,
    weighted: boolean,
  }),
};

const DERIVED_CODECS: { readonly [T in derived.DerivedEvent['type']]: ObjectCodec<DataOf<T>> } = {
  BwHistoricalSkimmed: object<derived.BwHistoricalSkimmed['data']>(
    moved('bw-skim', DERIVED_INPUTS.BwHistoricalSkimmed),
  ),
  BwHistoricalDistributed: object<derived.BwHistoricalDistributed['data']>(
    split('bw-historical-distribution', DERIVED_INPUTS.BwHistoricalDistributed),
  ),
  BwContributionsCharged: object<derived.BwContributionsCharged['data']>(
    split('bw-objective-contribution', DERIVED_INPUTS.BwContributionsCharged),
  ),
  MoBudgetSkimmed: object<derived.MoBudgetSkimmed['data']>(moved('mo-skim', DERIVED_INPUTS.MoBudgetSkimmed)),
  MoBudgetDistributed: object<derived.MoBudgetDistributed['data']>(
    split('mo-distribution', DERIVED_INPUTS.MoBudgetDistributed),
  ),
  RegionalResultTransferred: object<derived.RegionalResultTransferred['data']>(
    moved('result-to-reserve', DERIVED_INPUTS.RegionalResultTransferred),
  ),
  RegionalResultSettled: object<derived.RegionalResultSettled['data']>(
    split('result-settlement', DERIVED_INPUTS.RegionalResultSettled),
  ),
  ReserveReplenished: object<derived.ReserveReplenished['data']>(
    split('reserve-replenishment', DERIVED_INPUTS.ReserveReplenished),
  ),
  ReservePaidOut: object<derived.ReservePaidOut['data']>(split('reserve-payout', DERIVED_INPUTS.ReservePaidOut)),
  ReserveExcessTransferredToFund: object<derived.ReserveExcessTransferredToFund['data']>({
    regionId: id,
    year,
    rule: oneOf('reserve-excess-to-fund'),
    inputs: DERIVED_INPUTS.ReserveExcessTransferredToFund,
    postings,
  }),
  SolidarityTransferred: object<derived.SolidarityTransferred['data']>({
    regionId: id,
    year,
    scheme: oneOf('BW'),
    rule: oneOf('solidarity'),
    agreementVersion: version,
    inputs: DERIVED_INPUTS.SolidarityTransferred,
    volume: amount,
    lines: arrayOf(
      object<derived.SolidarityLine>({
        code,
        income: decimalText,
        spending: decimalText,
        result: decimalText,
        deviation: decimalText,
        pooled: decimalText,
        weight: decimalText,
        cap: nullable(decimalText),
        target: amount,
        previous: amount,
        delta: amount,
      }),
    ),
    postings,
  }),
};

const marker = { regionId: id, year };

const EVENT_CODECS: { readonly [T in DomainEventType]: ObjectCodec<DataOf<T>> } = {
  ...FACT_CODECS,
  ...DERIVED_CODECS,
  AllocationRunCompleted: object<EventOf<'AllocationRunCompleted'>['data']>(marker),
  YearClosed: object<EventOf<'YearClosed'>['data']>(marker),
  YearReopened: object<EventOf<'YearReopened'>['data']>({ ...marker, reason: text }),
};

/** The codec of one event type (the table holds one for each, typed by its event's data). */
function codecOf<T extends DomainEventType>(type: T): ObjectCodec<DataOf<T>> {
  return EVENT_CODECS[type];
}

/** Reads the stored data of an event of a known type as that event; throws EventDataError naming the field. */
export function decodeEvent(type: DomainEventType, data: unknown): DomainEvent {
  const event = { type, data: codecOf(type).decode(data) };
  // the union member of `type` is exactly { type, data: DataOf<type> }
  return event as DomainEvent;
}

/**
 * An event's data in its stored form, every object's fields in the order of its type's codec: the order
 * the store held until events were written in canonical order (encodeEventDataCanonical), and the order
 * a fact's fields are shown in (explain).
 */
export function encodeEventData(event: DomainEvent): JsonObject {
  return encodeData(event.type, event.data);
}

/**
 * An event's data as the ledger stores it: the same members as encodeEventData, with every object's
 * fields in canonical order (RFC 8785), so that one JSON text is both the row stored and the data its
 * hash covers. `canonical` says whether JSON.stringify of `data` is that canonical text: it is not when
 * a map (weights by code, percentages by year) holds its keys in another order, which it keeps.
 * Stores written before hold the codec's order; the hash covers the canonical content either way, and
 * reading does not depend on the order.
 */
export function encodeEventDataCanonical(event: DomainEvent): { data: JsonObject; canonical: boolean } {
  const sorted: CanonicalWrite = { canonical: true };
  const data = encodeData(event.type, event.data, sorted);
  return { data, canonical: sorted.canonical };
}

function encodeData<T extends DomainEventType>(type: T, data: DataOf<T>, sorted?: CanonicalWrite): JsonObject {
  return codecOf(type).encode(data, sorted);
}

/** The fields of an event type's stored form, in the codec's order (for documentation and tests). */
export function storedFields(type: DomainEventType): readonly string[] {
  return EVENT_CODECS[type].fields;
}

/** The fields of a derived event type's stored inputs, in the codec's order (explain lists them; tests check their labels). */
export function storedInputFields(type: derived.DerivedEvent['type']): readonly string[] {
  return DERIVED_INPUTS[type].fields;
}
