import { allocate, Cents, fractionAsDecimal, Rational, sumRationals } from '@libs/money';
import { at } from '../errors';
import { SolidarityAgreement } from '../state/region-state';

/** What solidarity needs to know of one member for one year, all in cents. */
export interface SolidarityMemberInput {
  readonly code: string;
  /** I_m: BW income, without local expenditure and solidarity */
  readonly income: Cents;
  readonly careCosts: Cents;
  readonly executionCosts: Cents;
  readonly policyCorrections: Cents;
}

export interface SolidarityMemberOutcome {
  readonly code: string;
  readonly income: Rational;
  readonly spending: Rational;
  readonly result: Rational;
  readonly deviation: Rational;
  readonly pooled: Rational;
  readonly weight: Rational;
  /** u_m for a payer when the cap applies */
  readonly cap: Rational | undefined;
  /** exact payment before rounding (payers), exact claim |x_m| (receivers) */
  readonly exactPayment: Rational;
  /** received (+) or paid (−), in cents */
  readonly transfer: Cents;
}

export interface SolidarityOutcome {
  readonly ownAccountPct: string;
  readonly volume: Cents;
  readonly members: readonly SolidarityMemberOutcome[];
}

export function ownAccountPctFor(agreement: SolidarityAgreement, year: number): string {
  return agreement.ownAccountPctByYear?.[String(year)] ?? agreement.ownAccountPct;
}

/**
 * Solidarity between municipalities (domain.md §6.5, the AEF presentation's six design choices), in
 * exact fractions of a cent: payers pay their exact payment rounded down (so no cap is ever exceeded)
 * and the receivers share exactly what was paid, by largest remainder.
 */
export function computeSolidarity(
  agreement: SolidarityAgreement,
  year: number,
  inputs: readonly SolidarityMemberInput[],
): SolidarityOutcome {
  const ownAccountPct = ownAccountPctFor(agreement, year);
  const members = memberDeviations(agreement, ownAccountPct, inputs);

  const payers = members.filter((member) => member.pooled.isPositive());
  const receivers = members.filter((member) => member.pooled.isNegative());
  const need = sumRationals(receivers.map((member) => member.pooled.neg()));
  const caps = new Map<string, Rational>();
  if (agreement.cap)
    for (const payer of payers) caps.set(payer.code, payer.pooled.min(payer.result.max(Rational.ZERO)));

  const exactPayments = new Map<string, Rational>();
  if (payers.length > 0 && need.isPositive()) {
    if (agreement.cap) {
      const volume = need.min(sumRationals(caps.values()));
      waterFill(volume, payers, caps, exactPayments);
    } else {
      const shares = sumRationals(payers.map((payer) => payer.share));
      for (const payer of payers) exactPayments.set(payer.code, need.mul(payer.share).div(shares));
    }
  }

  const paid = new Map<string, Cents>();
  for (const [code, payment] of exactPayments) paid.set(code, payment.floor());
  const volume = [...paid.values()].reduce((sum, amount) => sum + amount, 0n);
  const received =
    volume > 0n && receivers.length > 0
      ? allocate(
          volume,
          receivers.map((member) => ({ code: member.code, weight: member.pooled.neg() })),
        )
      : new Map<string, Cents>();

  return {
    ownAccountPct,
    volume,
    members: members.map((member) => ({
      code: member.code,
      income: member.income,
      spending: member.spending,
      result: member.result,
      deviation: member.deviation,
      pooled: member.pooled,
      weight: member.weight,
      cap: caps.get(member.code),
      exactPayment:
        exactPayments.get(member.code) ?? (member.pooled.isNegative() ? member.pooled.neg() : Rational.ZERO),
      transfer: (received.get(member.code) ?? 0n) - (paid.get(member.code) ?? 0n),
    })),
  };
}

/**
 * Each member's result (income less spending as the agreement counts it), its deviation from the
 * baseline, the part of that deviation pooled, and its weighted share, all as exact fractions.
 */
function memberDeviations(
  agreement: SolidarityAgreement,
  ownAccountPct: string,
  inputs: readonly SolidarityMemberInput[],
) {
  const hundred = Rational.HUNDRED;
  const pooledShare = Rational.ONE.sub(Rational.fromDecimal(ownAccountPct).div(hundred));
  const surcharge = Rational.ONE.add(Rational.fromDecimal(agreement.surchargePct ?? '0').div(hundred));

  const base = inputs.map((member) => {
    const income = Rational.of(member.income);
    let spending =
      agreement.executionCosts === 'surcharge'
        ? Rational.of(member.careCosts).mul(surcharge)
        : Rational.of(member.careCosts + member.executionCosts);
    if (agreement.policyCorrections) spending = spending.sub(Rational.of(member.policyCorrections));
    const weightText = agreement.weights?.[member.code];
    return {
      code: member.code,
      income,
      spending,
      result: income.sub(spending),
      weight: weightText ? Rational.fromDecimal(weightText) : Rational.ONE,
    };
  });

  const totalIncome = sumRationals(base.map((member) => member.income));
  const totalResult = sumRationals(base.map((member) => member.result));
  const averageRatio =
    agreement.baseline === 'regional-average' && !totalIncome.isZero() ? totalResult.div(totalIncome) : undefined;
  return base.map((member) => {
    const deviation = averageRatio ? member.result.sub(member.income.mul(averageRatio)) : member.result;
    const pooled = deviation.mul(pooledShare);
    // written out rather than spread (see the note in allocation.planner.ts)
    const { code, income, spending, result, weight } = member;
    return { code, income, spending, result, weight, deviation, pooled, share: pooled.mul(weight) };
  });
}

/**
 * Payments λ·a_m clipped at each payer's cap, with λ such that they sum to the volume: clip those
 * that would exceed their cap, recompute λ over the rest, repeat until nobody is clipped.
 */
function waterFill(
  volume: Rational,
  payers: readonly { code: string; share: Rational }[],
  caps: ReadonlyMap<string, Rational>,
  payments: Map<string, Rational>,
): void {
  let active = [...payers];
  let remaining = volume;
  while (active.length > 0) {
    const shares = sumRationals(active.map((payer) => payer.share));
    const lambda = remaining.div(shares);
    const clipped = active.filter((payer) => lambda.mul(payer.share).compare(at(caps, payer.code)) > 0);
    if (clipped.length === 0) {
      for (const payer of active) payments.set(payer.code, lambda.mul(payer.share));
      return;
    }
    for (const payer of clipped) {
      const cap = at(caps, payer.code);
      payments.set(payer.code, cap);
      remaining = remaining.sub(cap);
    }
    active = active.filter((payer) => !clipped.includes(payer));
  }
}

/** A value in cents as euros with up to six decimals, for the trail of a solidarity computation. */
export function centsAsEuros(value: Rational): string {
  // the fraction in euros is not reduced first: its rounding is the reduced one's (fractionAsDecimal)
  return fractionAsDecimal(value.numerator, value.denominator * 100n, 6);
}
