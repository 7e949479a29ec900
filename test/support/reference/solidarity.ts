import { allocate, HUNDRED, ONE, Q, sumQ, ZERO } from './fraction';
import type { PerM, Raw, RegionFacts } from './types';

/** domain.md §6 step 5, from the formulas as written: transfers per member, + received, − paid. */
export function solidarityTransfers(region: RegionFacts, year: number, sa: Raw): PerM {
  const codes = region.members.map((m) => m.code).sort();
  const { I, R } = incomeAndResult(region, year, sa, codes);
  const x = pooled(year, sa, codes, I, R);
  const payers = codes.filter((m) => get(x, m).sign() > 0);
  const receivers = codes.filter((m) => get(x, m).sign() < 0);
  const N = sumQ(receivers.map((m) => get(x, m).abs()));
  const weight = (m: string): Q => {
    const w = (sa.weights as Record<string, string> | undefined)?.[m];
    return w === undefined ? ONE : Q.dec(w);
  };
  const a = new Map(payers.map((m) => [m, get(x, m).mul(weight(m))]));
  const pay = sa.cap ? cappedPayments(payers, a, x, R, N) : new Map(payers.map((m) => [m, share(N, a, payers, m)]));
  const out = new Map<string, bigint>(codes.map((m) => [m, 0n]));
  let volume = 0n;
  for (const m of payers) {
    const p = get(pay, m).floor();
    out.set(m, -p);
    volume += p;
  }
  if (volume > 0n)
    for (const [m, v] of allocate(volume, new Map(receivers.map((m) => [m, get(x, m).abs()])))) out.set(m, v);
  return out;
}

const get = (map: Map<string, Q>, m: string): Q => map.get(m) ?? ZERO;

function share(total: Q, a: Map<string, Q>, among: string[], m: string): Q {
  const sum = sumQ(among.map((k) => get(a, k)));
  return sum.sign() ? total.mul(get(a, m)).div(sum) : ZERO;
}

function incomeAndResult(region: RegionFacts, year: number, sa: Raw, codes: string[]) {
  const I = new Map<string, Q>();
  const R = new Map<string, Q>();
  const surcharge = HUNDRED.add(Q.dec((sa.surchargePct as string | undefined) ?? '0')).div(HUNDRED);
  for (const m of codes) {
    const income = Q.c(income_(region, year, m));
    let E = ZERO;
    for (const e of region.list('RecordLocalExpenditure', year, 'BW').filter((e) => e.m === m))
      E = E.add(sa.executionCosts === 'surcharge' ? Q.c(e.care).mul(surcharge) : Q.c(e.care + e.exec));
    if (sa.policyCorrections) E = E.sub(Q.c(region.sum('RecordPolicyCorrection', year, undefined, m)));
    I.set(m, income);
    R.set(m, income.sub(E));
  }
  return { I, R };
}

/** balance of municipality:m:bw for the year without local expenditure and solidarity */
function income_(region: RegionFacts, year: number, m: string): bigint {
  const y = region.rec(year);
  const at = (map: PerM, k: string) => map.get(k) ?? 0n;
  return (
    region.rijk(year, 'BW', m) +
    at(y.distBW, m) -
    at(y.contrib, m) +
    at(y.settled.BW, m) +
    at(y.paidOut.BW, m) -
    at(y.replenished.BW, m) +
    region.sum('RecordFundSpending', year, 'BW', m)
  );
}

function pooled(year: number, sa: Raw, codes: string[], I: Map<string, Q>, R: Map<string, Q>) {
  const byYear = sa.ownAccountPctByYear as Record<string, string> | undefined;
  const own = Q.dec(byYear?.[String(year)] ?? (sa.ownAccountPct as string));
  const sumR = sumQ(codes.map((m) => get(R, m)));
  const sumI = sumQ(codes.map((m) => get(I, m)));
  const x = new Map<string, Q>();
  for (const m of codes) {
    let d = get(R, m);
    if (sa.baseline === 'regional-average' && sumI.sign() !== 0) d = d.sub(get(I, m).mul(sumR).div(sumI));
    x.set(m, HUNDRED.sub(own).div(HUNDRED).mul(d));
  }
  return x;
}

/** water-filling: λ·a_m clipped at u_m, λ recomputed over the unclipped rest */
function cappedPayments(payers: string[], a: Map<string, Q>, x: Map<string, Q>, R: Map<string, Q>, N: Q) {
  const u = new Map(payers.map((m) => [m, get(x, m).min(get(R, m).sign() > 0 ? get(R, m) : ZERO)]));
  const pay = new Map<string, Q>();
  let left = N.min(sumQ(payers.map((m) => get(u, m))));
  let open = [...payers];
  for (;;) {
    const sumA = sumQ(open.map((m) => get(a, m)));
    const lambda = sumA.sign() ? left.div(sumA) : ZERO;
    const clipped = open.filter((m) => lambda.mul(get(a, m)).cmp(get(u, m)) > 0);
    if (!clipped.length) {
      for (const m of open) pay.set(m, lambda.mul(get(a, m)));
      return pay;
    }
    for (const m of clipped) {
      pay.set(m, get(u, m));
      left = left.sub(get(u, m));
    }
    open = open.filter((m) => !clipped.includes(m));
  }
}
