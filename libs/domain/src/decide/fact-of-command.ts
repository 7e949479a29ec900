import type {
  AdoptDistributionKey,
  AdoptRegionalBudget,
  AdoptReserveAgreement,
  AdoptSolidarityAgreement,
  Command,
  RecordAdvance,
  RecordCoPayment,
  RecordFundSpending,
  RecordInhabitants,
  RecordLocalExpenditure,
  RecordPolicyCorrection,
  RecordRegionalCost,
  RecordReserveOpening,
  RecordRijkPayment,
  RegisterRegion,
  TransferReserveToFund,
} from '../commands/command.types';
import { unreachable } from '../errors';
import * as facts from '../events/fact.events';
import { Postings } from '../events/posting';

/**
 * The two directions between a validated fact command and the fact event that records it. Commands
 * and events are separate schemas: a command's rules may tighten, a recorded event stays as it was.
 * Only type imports from the command side: nothing here (nor in the replay that uses `commandOfFact`)
 * loads a command parser.
 */

export const regionRegistered = (c: RegisterRegion): facts.RegionRegistered => ({
  type: 'RegionRegistered',
  data: {
    regionId: c.regionId,
    name: c.name,
    centralMunicipality: c.centralMunicipality,
    municipalities: c.municipalities.map((member) => ({ code: member.code, name: member.name })),
  },
});

export const distributionKeyAdopted = (c: AdoptDistributionKey): facts.DistributionKeyAdopted => ({
  type: 'DistributionKeyAdopted',
  data: {
    regionId: c.regionId,
    keyId: c.keyId,
    version: c.version,
    validFrom: c.validFrom,
    validTo: c.validTo,
    unit: c.unit,
    basis: c.basis,
    weights: c.weights,
  },
});

export const rijkPaymentRecorded = (c: RecordRijkPayment, postings: Postings): facts.RijkPaymentRecorded => ({
  type: 'RijkPaymentRecorded',
  data: {
    regionId: c.regionId,
    paymentId: c.paymentId,
    year: c.year,
    scheme: c.scheme,
    basis: c.basis,
    recipient: c.recipient,
    amount: c.amount,
    reference: c.reference,
    bookDate: c.bookDate,
    postings,
  },
});

export const regionalBudgetAdopted = (c: AdoptRegionalBudget): facts.RegionalBudgetAdopted => ({
  type: 'RegionalBudgetAdopted',
  data: {
    regionId: c.regionId,
    version: c.version,
    year: c.year,
    scheme: c.scheme,
    amount: c.amount,
    objectivePct: c.objectivePct,
    components: c.components?.map((component) => ({ label: component.label, amount: component.amount })),
  },
});

export const regionalCostRecorded = (c: RecordRegionalCost, postings: Postings): facts.RegionalCostRecorded => ({
  type: 'RegionalCostRecorded',
  data: {
    regionId: c.regionId,
    costId: c.costId,
    year: c.year,
    scheme: c.scheme,
    amount: c.amount,
    category: c.category,
    provider: c.provider,
    description: c.description,
    postings,
  },
});

export const coPaymentRecorded = (c: RecordCoPayment, postings: Postings): facts.CoPaymentRecorded => ({
  type: 'CoPaymentRecorded',
  data: {
    regionId: c.regionId,
    coPaymentId: c.coPaymentId,
    year: c.year,
    scheme: c.scheme,
    amount: c.amount,
    description: c.description,
    postings,
  },
});

export const localExpenditureRecorded = (
  c: RecordLocalExpenditure,
  postings: Postings,
): facts.LocalExpenditureRecorded => ({
  type: 'LocalExpenditureRecorded',
  data: {
    regionId: c.regionId,
    expenditureId: c.expenditureId,
    year: c.year,
    scheme: c.scheme,
    municipality: c.municipality,
    careCosts: c.careCosts,
    executionCosts: c.executionCosts,
    postings,
  },
});

export const policyCorrectionRecorded = (c: RecordPolicyCorrection): facts.PolicyCorrectionRecorded => ({
  type: 'PolicyCorrectionRecorded',
  data: {
    regionId: c.regionId,
    correctionId: c.correctionId,
    year: c.year,
    municipality: c.municipality,
    amount: c.amount,
    justification: c.justification,
  },
});

export const reserveAgreementAdopted = (c: AdoptReserveAgreement): facts.ReserveAgreementAdopted => ({
  type: 'ReserveAgreementAdopted',
  data: {
    regionId: c.regionId,
    version: c.version,
    validFrom: c.validFrom,
    schemes: c.schemes,
    minPct: c.minPct,
    maxPct: c.maxPct,
    base: c.base,
    toReservePct: c.toReservePct,
    replenishTo: c.replenishTo,
    payoutTo: c.payoutTo,
    excessTo: c.excessTo,
  },
});

export const reserveOpeningRecorded = (c: RecordReserveOpening, postings: Postings): facts.ReserveOpeningRecorded => ({
  type: 'ReserveOpeningRecorded',
  data: { regionId: c.regionId, year: c.year, amount: c.amount, reference: c.reference, postings },
});

export const advanceRecorded = (c: RecordAdvance, postings: Postings): facts.AdvanceRecorded => ({
  type: 'AdvanceRecorded',
  data: {
    regionId: c.regionId,
    advanceId: c.advanceId,
    year: c.year,
    scheme: c.scheme,
    municipality: c.municipality,
    amount: c.amount,
    date: c.date,
    reference: c.reference,
    postings,
  },
});

export const reserveTransferredToFund = (
  c: TransferReserveToFund,
  postings: Postings,
): facts.ReserveTransferredToFund => ({
  type: 'ReserveTransferredToFund',
  data: {
    regionId: c.regionId,
    transferId: c.transferId,
    year: c.year,
    fundId: c.fundId,
    amount: c.amount,
    reference: c.reference,
    postings,
  },
});

export const fundSpendingRecorded = (c: RecordFundSpending, postings: Postings): facts.FundSpendingRecorded => ({
  type: 'FundSpendingRecorded',
  data: {
    regionId: c.regionId,
    spendingId: c.spendingId,
    year: c.year,
    fundId: c.fundId,
    scheme: c.scheme,
    amount: c.amount,
    recipient: c.recipient,
    postings,
  },
});

export const solidarityAgreementAdopted = (c: AdoptSolidarityAgreement): facts.SolidarityAgreementAdopted => ({
  type: 'SolidarityAgreementAdopted',
  data: {
    regionId: c.regionId,
    version: c.version,
    validFrom: c.validFrom,
    baseline: c.baseline,
    executionCosts: c.executionCosts,
    surchargePct: c.surchargePct,
    cap: c.cap,
    weights: c.weights,
    policyCorrections: c.policyCorrections,
    ownAccountPct: c.ownAccountPct,
    ownAccountPctByYear: c.ownAccountPctByYear,
  },
});

export const inhabitantsRecorded = (c: RecordInhabitants): facts.InhabitantsRecorded => ({
  type: 'InhabitantsRecorded',
  data: { regionId: c.regionId, year: c.year, counts: c.counts, source: c.source },
});

/** A fact's recorded fields without its postings: what the command gave. */
function given<D extends { readonly postings: Postings }>(data: D): Omit<D, 'postings'> {
  const { postings: _postings, ...fields } = data;
  return fields;
}

/** The command a recorded fact was recorded by (for a replay, which runs the history again). */
export function commandOfFact(event: facts.FactEvent): Command {
  switch (event.type) {
    case 'RegionRegistered':
      return { type: 'RegisterRegion', ...event.data };
    case 'DistributionKeyAdopted':
      return { type: 'AdoptDistributionKey', ...event.data, validTo: event.data.validTo };
    case 'RijkPaymentRecorded':
      return {
        type: 'RecordRijkPayment',
        ...given(event.data),
        reference: event.data.reference,
        bookDate: event.data.bookDate,
      };
    case 'RegionalBudgetAdopted':
      return {
        type: 'AdoptRegionalBudget',
        ...event.data,
        objectivePct: event.data.objectivePct,
        components: event.data.components,
      };
    case 'RegionalCostRecorded':
      return {
        type: 'RecordRegionalCost',
        ...given(event.data),
        category: event.data.category,
        provider: event.data.provider,
        description: event.data.description,
      };
    case 'CoPaymentRecorded':
      return { type: 'RecordCoPayment', ...given(event.data), description: event.data.description };
    case 'LocalExpenditureRecorded':
      return { type: 'RecordLocalExpenditure', ...given(event.data) };
    case 'PolicyCorrectionRecorded':
      return { type: 'RecordPolicyCorrection', ...event.data };
    case 'ReserveAgreementAdopted':
      return { type: 'AdoptReserveAgreement', ...event.data };
    case 'ReserveOpeningRecorded':
      return { type: 'RecordReserveOpening', ...given(event.data), reference: event.data.reference };
    case 'AdvanceRecorded':
      return { type: 'RecordAdvance', ...given(event.data), date: event.data.date, reference: event.data.reference };
    case 'ReserveTransferredToFund':
      return { type: 'TransferReserveToFund', ...given(event.data), reference: event.data.reference };
    case 'FundSpendingRecorded':
      return { type: 'RecordFundSpending', ...given(event.data) };
    case 'SolidarityAgreementAdopted':
      return {
        type: 'AdoptSolidarityAgreement',
        ...event.data,
        surchargePct: event.data.surchargePct,
        weights: event.data.weights,
        ownAccountPctByYear: event.data.ownAccountPctByYear,
      };
    case 'InhabitantsRecorded':
      return { type: 'RecordInhabitants', ...event.data, source: event.data.source };
    default:
      return unreachable(event, 'no command for fact');
  }
}
