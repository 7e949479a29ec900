import { EventOf, yearOf } from '@libs/domain';
import { formatAmount } from '@libs/money';
import { LedgerEvent } from '@libs/projections';
import { RegionPageData } from '../ui-read.service';
import { AdvanceRow } from '../views/explain.view';
import { RijkPaymentRow } from '../views/year/rijk-payments-section';

/** The year's recorded events of one type, typed by it. */
function eventsOf<T extends LedgerEvent['type']>(data: RegionPageData, type: T, year: number) {
  return data.events.filter(
    (event): event is LedgerEvent & EventOf<T> => event.type === type && yearOf(event) === year,
  );
}

export function rijkPayments(data: RegionPageData, year: number): RijkPaymentRow[] {
  return eventsOf(data, 'RijkPaymentRecorded', year).map(({ data: payment }) => ({
    paymentId: payment.paymentId,
    scheme: payment.scheme,
    basis: payment.basis,
    recipient: payment.recipient,
    amount: formatAmount(payment.amount),
    reference: payment.reference,
  }));
}

export function paymentIdsOf(data: RegionPageData, year: number): Map<string, string> {
  return new Map(eventsOf(data, 'RijkPaymentRecorded', year).map((event) => [event.eventId, event.data.paymentId]));
}

export function advancesOf(data: RegionPageData, year: number, code: string): AdvanceRow[] {
  return eventsOf(data, 'AdvanceRecorded', year)
    .filter((event) => event.data.municipality === code)
    .map((event) => ({
      advanceId: event.data.advanceId,
      scheme: event.data.scheme,
      amount: formatAmount(event.data.amount),
      date: event.data.date,
      reference: event.data.reference,
      recordedAt: event.metadata.recordedAt,
      actor: event.metadata.actor,
    }));
}
