import { Accounts, DomainError, EventOf, postingsOf, yearOf } from '@libs/domain/model';
import { Cents, formatAmount } from '@libs/money';
import { LedgerEvent, recordedUpTo } from './recorded-events';
import { isProvisionsPot, isRijkPot, netFlows } from './trace/pot-flows';
import { splitProvisions } from './trace/provisions.split';
import { attributeRijkPot, PotAttribution } from './trace/rijk-pot.attribution';

export interface TraceFlow {
  account: string;
  amount: string;
  via: string;
  children: TraceFlow[];
}

export interface Trace {
  regionId: string;
  paymentId: string;
  year: number;
  amount: string;
  asOf: string | null;
  flows: TraceFlow[];
}

/**
 * Forward from one Rijk payment: the tree of accounts its money flowed into for its budget year, in
 * whole cents — every flow's children add up exactly to it, and the leaves to the payment. The model
 * (README, "trace"): the Rijk pot is followed event by event (`attributeRijkPot`), so a correction is
 * traced to what its run took back; a provisions pot is split over the year by what its sources put in
 * (`splitProvisions`). Municipalities, providers, the reserve and funds are where a trace ends.
 */
export function tracePayment(regionId: string, events: readonly LedgerEvent[], paymentId: string, asOf?: Date): Trace {
  const visible = recordedUpTo(events, asOf);
  const payment = visible.find(
    (event): event is LedgerEvent & EventOf<'RijkPaymentRecorded'> =>
      event.type === 'RijkPaymentRecorded' && event.data.paymentId === paymentId,
  );
  if (!payment)
    throw new DomainError(
      'NOT_FOUND',
      `no Rijk payment "${paymentId}" is recorded for region "${regionId}"`,
      'payment',
    );
  const { year, amount } = payment.data;
  const destination = postingsOf(payment).find((posting) => posting.account !== Accounts.rijk);
  const trace = { regionId, paymentId, year, amount: formatAmount(amount), asOf: asOf?.toISOString() ?? null };
  // a payment of 0.00 moved nothing: it has no postings and no flows
  if (!destination) return { ...trace, flows: [] };
  const root: TraceFlow = {
    account: destination.account,
    amount: trace.amount,
    via: 'RijkPaymentRecorded',
    children: [],
  };
  if (isRijkPot(destination.account)) {
    const yearEvents = visible.filter((event) => yearOf(event) === year);
    root.children = potChildren(
      destination.account,
      attributeRijkPot(destination.account, yearEvents),
      paymentId,
      yearEvents,
    );
  }
  return { ...trace, flows: [root] };
}

function potChildren(
  pot: string,
  attribution: PotAttribution,
  paymentId: string,
  yearEvents: readonly LedgerEvent[],
): TraceFlow[] {
  const children: TraceFlow[] = [];
  for (const [account, amount] of sorted(attribution.moved.get(paymentId))) {
    if (amount === 0n) continue;
    const flow = leaf(account, amount, [...(attribution.via.get(account) ?? [])].join(', '));
    if (isProvisionsPot(account)) flow.children = provisionsChildren(account, pot, attribution, paymentId, yearEvents);
    children.push(flow);
  }
  for (const [other, amount] of sorted(attribution.netted.get(paymentId))) {
    if (amount === 0n) continue;
    children.push(
      leaf(
        Accounts.rijk,
        amount,
        amount > 0n
          ? `taken back by correction ${other} before it was allocated`
          : `netted against payment ${other} before it was allocated`,
      ),
    );
  }
  const held = attribution.held.get(paymentId) ?? 0n;
  if (held !== 0n)
    children.push(leaf(pot, held, held > 0n ? 'still held (balance)' : 'still to be taken back (balance)'));
  return children;
}

function provisionsChildren(
  provisions: string,
  pot: string,
  attribution: PotAttribution,
  paymentId: string,
  yearEvents: readonly LedgerEvent[],
): TraceFlow[] {
  const owners = new Map<string, Cents>();
  for (const [owner, row] of attribution.moved) owners.set(owner, row.get(provisions) ?? 0n);
  const parts = splitProvisions(provisions, netFlows(provisions, yearEvents), pot, owners);
  return (parts.get(paymentId) ?? []).map((part) => leaf(part.account, part.amount, part.via));
}

const leaf = (account: string, amount: Cents, via: string): TraceFlow => ({
  account,
  amount: formatAmount(amount),
  via,
  children: [],
});

const sorted = (row: ReadonlyMap<string, Cents> | undefined) =>
  [...(row ?? [])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** The leaves of a trace: where the payment's money ended up. */
export function traceLeaves(flows: readonly TraceFlow[]): TraceFlow[] {
  return flows.flatMap((flow) => (flow.children.length === 0 ? [flow] : traceLeaves(flow.children)));
}
