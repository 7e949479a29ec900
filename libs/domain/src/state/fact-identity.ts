import { unreachable } from '../errors';
import { DomainEvent } from '../events/domain-event';
import { FactEvent } from '../events/fact.events';

/**
 * What identifies a recorded fact within its region: the same identity with the same content again
 * changes nothing, with other content it is refused. Facts with an id are identified by it (per kind),
 * versioned things by their version, the registration and the reserve opening are one per region.
 */
export function factIdentity(event: FactEvent): string {
  switch (event.type) {
    case 'RegionRegistered':
      return 'region';
    case 'DistributionKeyAdopted':
      return `key:${event.data.keyId}:v${event.data.version}`;
    case 'RegionalBudgetAdopted':
      return `budget:${event.data.year}:${event.data.scheme}:v${event.data.version}`;
    case 'ReserveAgreementAdopted':
      return `reserve-agreement:v${event.data.version}`;
    case 'SolidarityAgreementAdopted':
      return `solidarity-agreement:v${event.data.version}`;
    case 'InhabitantsRecorded':
      return `inhabitants:${event.data.year}`;
    case 'RijkPaymentRecorded':
      return `payment:${event.data.paymentId}`;
    case 'RegionalCostRecorded':
      return `cost:${event.data.costId}`;
    case 'CoPaymentRecorded':
      return `co-payment:${event.data.coPaymentId}`;
    case 'LocalExpenditureRecorded':
      return `expenditure:${event.data.expenditureId}`;
    case 'PolicyCorrectionRecorded':
      return `correction:${event.data.correctionId}`;
    case 'ReserveOpeningRecorded':
      return 'reserve-opening';
    case 'AdvanceRecorded':
      return `advance:${event.data.advanceId}`;
    case 'ReserveTransferredToFund':
      return `fund-transfer:${event.data.transferId}`;
    case 'FundSpendingRecorded':
      return `fund-spending:${event.data.spendingId}`;
    default:
      return unreachable(event, 'no identity for fact');
  }
}

/** The id field of a fact that carries one (a payment, a cost, an advance…) and its value. */
export function factIdOf(event: DomainEvent): [field: string, id: string] | undefined {
  switch (event.type) {
    case 'RijkPaymentRecorded':
      return ['paymentId', event.data.paymentId];
    case 'RegionalCostRecorded':
      return ['costId', event.data.costId];
    case 'CoPaymentRecorded':
      return ['coPaymentId', event.data.coPaymentId];
    case 'LocalExpenditureRecorded':
      return ['expenditureId', event.data.expenditureId];
    case 'PolicyCorrectionRecorded':
      return ['correctionId', event.data.correctionId];
    case 'AdvanceRecorded':
      return ['advanceId', event.data.advanceId];
    case 'ReserveTransferredToFund':
      return ['transferId', event.data.transferId];
    case 'FundSpendingRecorded':
      return ['spendingId', event.data.spendingId];
    default:
      return undefined;
  }
}
