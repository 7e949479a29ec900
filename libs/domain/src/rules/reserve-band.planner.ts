import { Cents, formatAmount, Rational } from '@libs/money';
import { Accounts } from '../accounts';
import { Scheme, SCHEMES } from '../commands/command.types';
import { DomainEvent } from '../events/event.types';
import { RegionState, ReserveAgreement } from '../state/region-state';
import { budgetAmount, reserveAgreementInForce, SETTLEMENT_KEY } from './in-force';
import { splitByKey } from './key-split';
import { postings, shareMovements, transfer } from './postings';

export interface ReserveBand {
  readonly base: Cents;
  readonly min: Cents;
  readonly max: Cents;
}

export function reserveBand(state: RegionState, agreement: ReserveAgreement, year: number): ReserveBand {
  const base =
    agreement.base.kind === 'fixed'
      ? agreement.base.amount
      : agreement.schemes.reduce((sum, scheme) => sum + budgetAmount(state, year, scheme), 0n);
  const pct = (value: string) =>
    Rational.of(base).mul(Rational.fromDecimal(value)).div(Rational.HUNDRED).roundHalfAwayFromZero();
  return { base, min: pct(agreement.minPct), max: pct(agreement.maxPct) };
}

/**
 * Splits a reserve movement over the covered schemes by their regional budgets for the year (the
 * memo's "combination of the BW and MO objective keys, weighted by their share in the budget").
 */
export function splitOverSchemes(
  state: RegionState,
  agreement: ReserveAgreement,
  year: number,
  amount: Cents,
): Map<Scheme, Cents> {
  const covered = SCHEMES.filter((scheme) => agreement.schemes.includes(scheme));
  if (covered.length === 1) return new Map([[covered[0], amount]]);
  const bw = budgetAmount(state, year, 'BW');
  const mo = budgetAmount(state, year, 'MO');
  if (bw + mo === 0n)
    return new Map<Scheme, Cents>([
      ['BW', amount],
      ['MO', 0n],
    ]);
  const bwPart = Rational.of(amount)
    .mul(Rational.of(bw))
    .div(Rational.of(bw + mo))
    .roundHalfAwayFromZero();
  return new Map<Scheme, Cents>([
    ['BW', bwPart],
    ['MO', amount - bwPart],
  ]);
}

/** Step 4: bring the reserve back inside its band, from or to the municipalities (or a fund). */
export function planReserveBand(state: RegionState, year: number): DomainEvent[] {
  const agreement = reserveAgreementInForce(state, year);
  if (!agreement) return [];
  const regionId = state.regionId!;
  const reserve = Accounts.reserve(regionId);
  const balance = state.ledger.balanceUpTo(year, reserve);
  const band = reserveBand(state, agreement, year);
  const inputs = {
    balance: formatAmount(balance),
    base: formatAmount(band.base),
    baseKind: agreement.base.kind,
    minPct: agreement.minPct,
    maxPct: agreement.maxPct,
    min: formatAmount(band.min),
    max: formatAmount(band.max),
    reserveAgreementVersion: agreement.version,
    budgetBW: formatAmount(budgetAmount(state, year, 'BW')),
    budgetMO: formatAmount(budgetAmount(state, year, 'MO')),
  };

  if (balance < band.min) {
    const target = agreement.replenishTo === 'min' ? band.min : band.max;
    const amount = target - balance;
    return schemeParts(state, agreement, year, amount).map(([scheme, part, split]) => ({
      type: 'ReserveReplenished' as const,
      data: {
        regionId,
        year,
        scheme,
        rule: 'reserve-replenishment' as const,
        ...(split.key ? { key: split.key } : {}),
        inputs: {
          ...inputs,
          replenishTo: agreement.replenishTo,
          target: formatAmount(target),
          amount: formatAmount(amount),
          schemePart: formatAmount(part),
        },
        allocation: split.trail,
        postings: postings(
          shareMovements(reserve, negate(split.targets), (code) => Accounts.municipality(code, scheme)),
        ),
      },
    }));
  }

  if (balance > band.max) {
    const target = agreement.payoutTo === 'max' ? band.max : band.min;
    const amount = balance - target;
    const excessInputs = {
      ...inputs,
      payoutTo: agreement.payoutTo,
      target: formatAmount(target),
      amount: formatAmount(amount),
    };
    if (agreement.excessTo.kind === 'fund') {
      return [
        {
          type: 'ReserveExcessTransferredToFund',
          data: {
            regionId,
            year,
            rule: 'reserve-excess-to-fund',
            inputs: { ...excessInputs, fundId: agreement.excessTo.fundId },
            postings: transfer(reserve, Accounts.fund(regionId, agreement.excessTo.fundId), amount),
          },
        },
      ];
    }
    return schemeParts(state, agreement, year, amount).map(([scheme, part, split]) => ({
      type: 'ReservePaidOut' as const,
      data: {
        regionId,
        year,
        scheme,
        rule: 'reserve-payout' as const,
        ...(split.key ? { key: split.key } : {}),
        inputs: { ...excessInputs, schemePart: formatAmount(part) },
        allocation: split.trail,
        postings: postings(shareMovements(reserve, split.targets, (code) => Accounts.municipality(code, scheme))),
      },
    }));
  }
  return [];
}

function schemeParts(state: RegionState, agreement: ReserveAgreement, year: number, amount: Cents) {
  return [...splitOverSchemes(state, agreement, year, amount)]
    .filter(([, part]) => part !== 0n)
    .map(([scheme, part]) => [scheme, part, splitByKey(state, SETTLEMENT_KEY[scheme], year, part)] as const);
}

function negate(shares: ReadonlyMap<string, Cents>): Map<string, Cents> {
  return new Map([...shares].map(([code, amount]) => [code, -amount]));
}
