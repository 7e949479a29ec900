import { allocate, cents, HUNDRED, Q, ZERO } from './fraction';
import { solidarityTransfers } from './solidarity';
import type { Fact, PerM, Raw, Scheme, YearRecord } from './types';

export type { PerM, Raw, Scheme, YearRecord } from './types';

/**
 * An independent reference for a region's years, written from domain.md §2–§6 alone (not from the
 * product's code): the facts as given, and per year the lines each allocation run and close
 * recorded, so that a reopened year closed again records only differences.
 */

export const sumOf = (m: PerM | undefined) => [...(m?.values() ?? [])].reduce((a, b) => a + b, 0n);
export const at = (m: PerM | undefined, c: string) => m?.get(c) ?? 0n;
const keyFor = (scheme: Scheme) => (scheme === 'BW' ? 'bw-objective' : 'mo-objective');

/** which fact list a command adds to, and the fields it keeps */
const FACTS: Record<string, (c: Raw) => Partial<Fact>> = {
  RecordRijkPayment: (c) => ({ basis: c.basis, m: c.recipient, amount: cents(c.amount) }),
  RecordRegionalCost: (c) => ({ amount: cents(c.amount) }),
  RecordCoPayment: (c) => ({ amount: cents(c.amount) }),
  RecordLocalExpenditure: (c) => ({ m: c.municipality, care: cents(c.careCosts), exec: cents(c.executionCosts) }),
  RecordPolicyCorrection: (c) => ({ m: c.municipality, amount: cents(c.amount) }),
  RecordAdvance: (c) => ({ m: c.municipality, amount: cents(c.amount) }),
  TransferReserveToFund: (c) => ({ amount: cents(c.amount) }),
  RecordFundSpending: (c) => ({ m: c.recipient, amount: cents(c.amount) }),
};

export class ReferenceRegion {
  regionId = '';
  central = '';
  members: { code: string; name: string }[] = [];
  keys = new Map<string, { version: number; validFrom: number; validTo?: number; weights: Map<string, Q> }[]>();
  budgets = new Map<string, { version: number; amount: bigint; objectivePct: Q }[]>();
  facts = new Map<string, Fact[]>();
  reserveAgreements: Raw[] = [];
  solidarityAgreements: Raw[] = [];
  opening: { year: number; amount: bigint } | undefined;
  years = new Map<number, YearRecord>();
  /** fact commands recorded: the same again records nothing */
  private seen = new Set<string>();

  /** the reason the spec rejects the command, or undefined when it is accepted */
  apply(c: Raw): string | undefined {
    const fact = FACTS[c.command] as ((c: Raw) => Partial<Fact>) | undefined;
    if (fact) {
      const content = JSON.stringify(c);
      if (this.seen.has(content)) return;
      if (this.rec(c.year).closed) return 'YEAR_CLOSED';
      this.seen.add(content);
      const list = this.facts.get(c.command) ?? [];
      list.push({ year: c.year, scheme: c.scheme, ...fact(c) } as Fact);
      this.facts.set(c.command, list);
      return;
    }
    switch (c.command) {
      case 'RegisterRegion':
        this.regionId = c.regionId;
        this.central = c.centralMunicipality;
        this.members = c.municipalities;
        return;
      case 'AdoptDistributionKey':
        this.adoptKey(c);
        return;
      case 'AdoptRegionalBudget':
        return this.adoptBudget(c);
      case 'AdoptReserveAgreement':
        this.reserveAgreements.push(c);
        return;
      case 'AdoptSolidarityAgreement':
        this.solidarityAgreements.push(c);
        return;
      case 'RecordReserveOpening':
        this.opening = { year: c.year, amount: cents(c.amount) };
        return this.touch(c.year);
      case 'RunAllocation':
        if (this.isEmpty(c.year)) return 'YEAR_EMPTY';
        return this.rec(c.year).closed ? undefined : this.run(c.year);
      case 'CloseYear':
        return this.closeYear(c.year);
      case 'ReopenYear':
        this.rec(c.year).closed = false;
        return;
    }
    throw new Error(`the reference does not model ${c.command}`);
  }

  private adoptKey(c: Raw): void {
    const list = this.keys.get(c.keyId) ?? [];
    const weights = Object.entries(c.weights as Record<string, string>).map(([k, v]) => [k, Q.dec(v)] as const);
    list.push({ version: c.version, validFrom: c.validFrom, validTo: c.validTo, weights: new Map(weights) });
    this.keys.set(c.keyId, list);
  }

  private adoptBudget(c: Raw): string | undefined {
    const k = `${String(c.year)}:${String(c.scheme)}`;
    const list = this.budgets.get(k) ?? [];
    list.push({ version: c.version, amount: cents(c.amount), objectivePct: Q.dec(c.objectivePct ?? '0') });
    this.budgets.set(k, list);
    return this.touch(c.year);
  }

  private closeYear(year: number): string | undefined {
    if (this.isEmpty(year)) return 'YEAR_EMPTY';
    const y = this.rec(year);
    if (y.closed) return;
    const error = this.run(year);
    if (error) return error;
    this.close(year);
    y.closed = y.everClosed = true;
    return;
  }

  private touch(year: number): string | undefined {
    return this.rec(year).closed ? 'YEAR_CLOSED' : undefined;
  }

  list(command: string, year: number, scheme?: Scheme): Fact[] {
    return (this.facts.get(command) ?? []).filter((f) => f.year === year && (!scheme || f.scheme === scheme));
  }

  sum(command: string, year: number, scheme?: Scheme, m?: string): bigint {
    return this.list(command, year, scheme)
      .filter((f) => m === undefined || f.m === m)
      .reduce((s, f) => s + f.amount, 0n);
  }

  isEmpty(year: number): boolean {
    return !(
      [...this.facts.entries()].some(
        ([command, list]) => command !== 'RecordPolicyCorrection' && list.some((f) => f.year === year),
      ) ||
      [...this.budgets.keys()].some((k) => k.startsWith(`${String(year)}:`)) ||
      this.opening?.year === year
    );
  }

  rec(year: number): YearRecord {
    const found = this.years.get(year);
    if (found) return found;
    const e = () => new Map<string, bigint>();
    const y: YearRecord = {
      skimBW: 0n,
      distBW: e(),
      contrib: e(),
      skimMO: 0n,
      distMO: e(),
      toReserve: { BW: 0n, MO: 0n },
      settled: { BW: e(), MO: e() },
      replenished: { BW: e(), MO: e() },
      paidOut: { BW: e(), MO: e() },
      excessToFund: 0n,
      solidarity: undefined,
      closed: false,
      everClosed: false,
    };
    this.years.set(year, y);
    return y;
  }

  key(keyId: string, year: number): Map<string, Q> {
    const valid = (this.keys.get(keyId) ?? []).filter(
      (k) => k.validFrom <= year && (k.validTo === undefined || k.validTo >= year),
    );
    if (!valid.length) throw new Error(`no key ${keyId} for ${String(year)}`);
    return valid.reduce((a, b) => (b.version > a.version ? b : a)).weights;
  }

  budget(year: number, scheme: Scheme) {
    const list = this.budgets.get(`${String(year)}:${scheme}`) ?? [];
    return list.length ? list.reduce((a, b) => (b.version > a.version ? b : a)) : undefined;
  }

  agreement(list: Raw[], year: number): Raw | undefined {
    const valid = list.filter((a) => a.validFrom <= year);
    if (!valid.length) return undefined;
    return valid.reduce((a, b) =>
      b.validFrom > a.validFrom || (b.validFrom === a.validFrom && b.version > a.version) ? b : a,
    );
  }

  H(year: number): bigint {
    return this.list('RecordRijkPayment', year, 'BW')
      .filter((p) => p.basis === 'historical')
      .reduce((s, p) => s + p.amount, 0n);
  }

  M(year: number): bigint {
    return this.sum('RecordRijkPayment', year, 'MO', this.central);
  }

  /** the Rijk's money on a municipality's own account */
  rijk(year: number, scheme: Scheme, m: string): bigint {
    if (scheme === 'MO') return m === this.central ? 0n : this.sum('RecordRijkPayment', year, 'MO', m);
    return this.list('RecordRijkPayment', year, 'BW')
      .filter((p) => p.basis !== 'historical' && p.m === m)
      .reduce((s, p) => s + p.amount, 0n);
  }

  private run(year: number): string | undefined {
    const y = this.rec(year);
    const C = this.budget(year, 'BW')?.amount ?? 0n;
    const p = this.budget(year, 'BW')?.objectivePct ?? ZERO;
    const K = Q.c(C).mul(HUNDRED.sub(p)).div(HUNDRED).round();
    const CMO = this.budget(year, 'MO')?.amount ?? 0n;
    if (K > this.H(year) || CMO > this.M(year)) return 'SKIM_EXCEEDS';
    const split = (total: bigint, keyId: string) => (total === 0n ? new Map() : allocate(total, this.key(keyId, year)));
    y.skimBW = K;
    y.distBW = split(this.H(year) - K, 'bw-historical');
    y.contrib = split(C - K, 'bw-objective');
    y.skimMO = CMO;
    y.distMO = split(this.M(year) - CMO, 'mo-objective');
    return undefined;
  }

  provisions(year: number, scheme: Scheme): bigint {
    const y = this.rec(year);
    const inflow = scheme === 'BW' ? y.skimBW + sumOf(y.contrib) : y.skimMO;
    const co = this.sum('RecordCoPayment', year, scheme);
    const costs = this.sum('RecordRegionalCost', year, scheme);
    return inflow + co - costs - y.toReserve[scheme] - sumOf(y.settled[scheme]);
  }

  reserveUpTo(year: number): bigint {
    let b = this.opening && this.opening.year <= year ? this.opening.amount : 0n;
    for (const [yr, y] of this.years) {
      if (yr > year) continue;
      b += y.toReserve.BW + y.toReserve.MO - y.excessToFund - this.sum('TransferReserveToFund', yr);
      b += sumOf(y.replenished.BW) + sumOf(y.replenished.MO) - sumOf(y.paidOut.BW) - sumOf(y.paidOut.MO);
    }
    return b;
  }

  band(a: Raw, year: number): { min: bigint; max: bigint } {
    const schemes = a.schemes as Scheme[];
    const base =
      a.base === 'budget'
        ? Q.c(schemes.reduce((s, sc) => s + (this.budget(year, sc)?.amount ?? 0n), 0n))
        : Q.dec(a.base.fixed as string).mul(HUNDRED);
    const pct = (p: string) => base.mul(Q.dec(p)).div(HUNDRED).round();
    return { min: pct(a.minPct), max: pct(a.maxPct) };
  }

  private close(year: number): void {
    const y = this.rec(year);
    const ra = this.agreement(this.reserveAgreements, year);
    for (const scheme of ['BW', 'MO'] as const) {
      const r = this.provisions(year, scheme);
      const covered = ra !== undefined && (ra.schemes as Scheme[]).includes(scheme);
      const t = covered
        ? Q.c(r)
            .mul(Q.dec(ra.toReservePct ?? '100'))
            .div(HUNDRED)
            .round()
        : 0n;
      y.toReserve[scheme] += t;
      if (r - t !== 0n) this.addTo(y.settled[scheme], allocate(r - t, this.key(keyFor(scheme), year)));
    }
    if (ra) this.checkBand(year, ra);
    const sa = this.agreement(this.solidarityAgreements, year);
    if (sa) y.solidarity = solidarityTransfers(this, year, sa);
  }

  private addTo(target: PerM, parts: PerM): void {
    for (const [m, v] of parts) target.set(m, at(target, m) + v);
  }

  private checkBand(year: number, ra: Raw): void {
    const y = this.rec(year);
    const { min, max } = this.band(ra, year);
    const B = this.reserveUpTo(year);
    if (B >= min && B <= max) return;
    const into = B < min ? 'replenished' : 'paidOut';
    const X = B < min ? (ra.replenishTo === 'max' ? max : min) - B : B - (ra.payoutTo === 'min' ? min : max);
    if (into === 'paidOut' && ra.excessTo !== 'municipalities') {
      y.excessToFund += X;
      return;
    }
    const schemes = ra.schemes as Scheme[];
    const cb = this.budget(year, 'BW')?.amount ?? 0n;
    const cm = this.budget(year, 'MO')?.amount ?? 0n;
    const xb =
      schemes.length === 1
        ? schemes[0] === 'BW'
          ? X
          : 0n
        : cb + cm === 0n
          ? X
          : Q.c(X)
              .mul(Q.c(cb))
              .div(Q.c(cb + cm))
              .round();
    for (const [scheme, amount] of [
      ['BW', xb],
      ['MO', X - xb],
    ] as const)
      if (amount !== 0n) this.addTo(y[into][scheme], allocate(amount, this.key(keyFor(scheme), year)));
  }
}
