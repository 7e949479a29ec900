import { Accounts, EventOf, parseAccount, postingsOf, yearOf } from '@libs/domain';
import { formatAmount, parseAmount } from '@libs/money';
import { LedgerEvent, Trace, TraceFlow, tracePayment } from '@libs/projections';

const potOf = (account: string) => {
  const ref = parseAccount(account);
  return ref?.kind === 'region' ? ref.pot : undefined;
};
const isRijkPot = (account: string) => ['bw-historical', 'mo-budget'].includes(potOf(account) ?? '');
const isProvisions = (account: string) => ['bw-provisions', 'mo-provisions'].includes(potOf(account) ?? '');

const add = (map: Map<string, bigint>, key: string, amount: bigint) => map.set(key, (map.get(key) ?? 0n) + amount);
const f = formatAmount;

/**
 * The properties `trace` must have (README, "trace"), checked for every Rijk payment of a region; returns
 * what is wrong, so a test can expect an empty list and print every violation:
 * - every flow's children add up to it, and the leaves to the payment;
 * - per Rijk pot and year, the traces of all payments into it add up, per destination, to what that
 *   destination actually received from the pot (what the pot still holds to its balance, and what was
 *   netted between payments to zero);
 * - no payment sends a destination more than the pot paid it, nor takes back more than it returned
 *   (and through a provisions pot, no payment sends a destination more than the pot paid it);
 * - a correction recorded when the pot had nothing unallocated is traced to exactly the deltas of the
 *   run(s) that allocated it.
 */
export function traceViolations(regionId: string, events: readonly LedgerEvent[]): string[] {
  const payments = events.filter(
    (event): event is LedgerEvent & EventOf<'RijkPaymentRecorded'> => event.type === 'RijkPaymentRecorded',
  );
  const traces: Traces = new Map(
    payments.map((event) => [event.data.paymentId, tracePayment(regionId, events, event.data.paymentId)] as const),
  );
  const violations = sumViolations(traces);
  // per Rijk pot and year: what the pot did, read directly off the postings
  const pots = new Map<string, { year: number; pot: string }>();
  for (const event of payments) {
    const destination = postingsOf(event).find((posting) => isRijkPot(posting.account));
    if (destination)
      pots.set(`${event.data.year} ${destination.account}`, { year: event.data.year, pot: destination.account });
  }
  for (const { year, pot } of pots.values()) {
    const yearEvents = events.filter((event) => yearOf(event) === year);
    violations.push(...potViolations(year, pot, yearEvents, traces));
    violations.push(...correctionViolations(pot, yearEvents, traces));
  }
  return violations;
}

type Traces = ReadonlyMap<string, Trace>;

/** Every flow's children add up to it, and the roots to the payment. */
function sumViolations(traces: Traces): string[] {
  const violations: string[] = [];
  for (const [paymentId, trace] of traces) {
    const check = (flow: TraceFlow, path: string) => {
      if (flow.children.length === 0) return;
      const sum = flow.children.reduce((total, child) => total + parseAmount(child.amount), 0n);
      if (sum !== parseAmount(flow.amount))
        violations.push(`${paymentId}: children of ${path} add up to ${f(sum)}, not ${flow.amount}`);
      flow.children.forEach((child) => check(child, `${path} > ${child.account}`));
    };
    trace.flows.forEach((flow) => check(flow, flow.account));
    const roots = trace.flows.reduce((total, flow) => total + parseAmount(flow.amount), 0n);
    if (roots !== parseAmount(trace.amount)) violations.push(`${paymentId}: flows add up to ${f(roots)}`);
  }
  return violations;
}

/** What a Rijk pot moved in a year per counterparty (net, paid out, taken back) and its balance, off the postings. */
function potMovements(pot: string, yearEvents: readonly LedgerEvent[]) {
  const received = new Map<string, bigint>();
  const paid = new Map<string, bigint>();
  const returned = new Map<string, bigint>();
  let balance = 0n;
  for (const event of yearEvents) {
    const postings = postingsOf(event);
    const own = postings.find((posting) => posting.account === pot);
    if (!own) continue;
    balance += own.amount;
    if (event.type === 'RijkPaymentRecorded') continue;
    for (const posting of postings) {
      if (posting.account === pot) continue;
      const amount = posting.amount;
      add(received, posting.account, amount);
      add(amount > 0n ? paid : returned, posting.account, amount > 0n ? amount : -amount);
    }
  }
  return { received, paid, returned, balance };
}

/** The traces of all payments into a pot agree per destination with what the pot moved, and none overshoots. */
function potViolations(year: number, pot: string, yearEvents: readonly LedgerEvent[], traces: Traces): string[] {
  const violations: string[] = [];
  const { received, paid, returned, balance } = potMovements(pot, yearEvents);
  const traced = new Map<string, bigint>();
  let netted = 0n;
  let held = 0n;
  for (const event of yearEvents) {
    if (event.type !== 'RijkPaymentRecorded') continue;
    const paymentId = event.data.paymentId;
    const [root] = traces.get(paymentId)?.flows ?? [];
    if (root?.account !== pot) continue;
    for (const child of root.children) {
      const amount = parseAmount(child.amount);
      if (child.account === Accounts.rijk) netted += amount;
      else if (child.account === pot) held += amount;
      else {
        add(traced, child.account, amount);
        if (amount > (paid.get(child.account) ?? 0n) || -amount > (returned.get(child.account) ?? 0n))
          violations.push(
            `${paymentId} sends ${child.account} ${child.amount}; the pot paid it ${f(paid.get(child.account) ?? 0n)} and took back ${f(returned.get(child.account) ?? 0n)}`,
          );
        if (isProvisions(child.account) && amount >= 0n)
          violations.push(...provisionsViolations(paymentId, child, yearEvents));
      }
    }
  }
  for (const account of new Set([...received.keys(), ...traced.keys()])) {
    if ((received.get(account) ?? 0n) !== (traced.get(account) ?? 0n))
      violations.push(
        `${year} ${pot}: ${account} received ${f(received.get(account) ?? 0n)}, the traces of its payments add up to ${f(traced.get(account) ?? 0n)}`,
      );
  }
  if (netted !== 0n) violations.push(`${year} ${pot}: netting between payments adds up to ${f(netted)}, not 0.00`);
  if (held !== balance) violations.push(`${year} ${pot}: holds ${f(balance)}, the traces say ${f(held)}`);
  return violations;
}

/** Through a provisions pot, no payment sends a destination more than the pot paid it. */
function provisionsViolations(paymentId: string, provisions: TraceFlow, yearEvents: readonly LedgerEvent[]): string[] {
  const violations: string[] = [];
  for (const leaf of provisions.children) {
    const out = provisionsOut(provisions.account, leaf.account, yearEvents);
    const part = parseAmount(leaf.amount);
    if (leaf.account !== provisions.account && (part < 0n || part > out))
      violations.push(
        `${paymentId} sends ${leaf.account} ${leaf.amount} through ${provisions.account}, which paid it ${f(out)}`,
      );
  }
  return violations;
}

/** A correction recorded when the pot had nothing unallocated: exactly the deltas of the runs after it. */
function correctionViolations(pot: string, yearEvents: readonly LedgerEvent[], traces: Traces): string[] {
  const violations: string[] = [];
  let before = 0n;
  yearEvents.forEach((event, index) => {
    const own = postingsOf(event).find((posting) => posting.account === pot);
    if (!own) return;
    const amount = own.amount;
    if (event.type === 'RijkPaymentRecorded' && amount < 0n && before === 0n) {
      const deltas = new Map<string, bigint>();
      let allocated = false;
      for (const later of yearEvents.slice(index + 1)) {
        const postings = postingsOf(later);
        if (!postings.some((posting) => posting.account === pot)) continue;
        if (later.type === 'RijkPaymentRecorded') break;
        allocated = true;
        for (const posting of postings) if (posting.account !== pot) add(deltas, posting.account, posting.amount);
      }
      const paymentId = event.data.paymentId;
      const shown = new Map<string, bigint>();
      for (const child of traces.get(paymentId)?.flows[0]?.children ?? [])
        add(shown, child.account, parseAmount(child.amount));
      const expected = allocated ? deltas : new Map([[pot, amount]]);
      for (const account of new Set([...expected.keys(), ...shown.keys()])) {
        if ((expected.get(account) ?? 0n) !== (shown.get(account) ?? 0n))
          violations.push(
            `correction ${paymentId}: ${account} ${f(shown.get(account) ?? 0n)} in its trace, its run recorded ${f(expected.get(account) ?? 0n)}`,
          );
      }
    }
    before += amount;
  });
  return violations;
}

/** What a provisions pot paid one destination over the year, net. */
function provisionsOut(provisions: string, account: string, events: readonly LedgerEvent[]): bigint {
  let out = 0n;
  for (const event of events) {
    const postings = postingsOf(event);
    if (!postings.some((posting) => posting.account === provisions)) continue;
    for (const posting of postings) if (posting.account === account) out += posting.amount;
  }
  return out;
}
