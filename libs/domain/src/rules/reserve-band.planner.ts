import { Cents, Rational } from '@libs/money';
import { Account, Accounts } from '../accounts';
import { DerivedEvent, ReserveBandInputs } from '../events/derived.events';
import { Scheme, SCHEMES } from '../scheme';
import { RegionView, RegisteredRegionView, ReserveAgreement } from '../state/region-state';
import { budgetAmount, reserveAgreementInForce, SETTLEMENT_KEY } from './in-force';
import { splitByKey } from './key-split';
import { postings, shareMovements, transfer } from './postings';

export interface ReserveBand {
  readonly base: Cents;
  readonly min: Cents;
  readonly max: Cents;
}

export function reserveBand(state: RegionView, agreement: ReserveAgreement, year: number): ReserveBand {
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
  state: RegionView,
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

/** What every movement of the reserve in a closing starts from. */
interface Band {
  readonly state: RegisteredRegionView;
  readonly agreement: ReserveAgreement;
  readonly year: number;
  readonly reserve: Account;
  readonly inputs: ReserveBandInputs;
}

/** Step 4: bring the reserve back inside its band, from or to the municipalities (or a fund). */
export function planReserveBand(state: RegisteredRegionView, year: number): DerivedEvent[] {
  const agreement = reserveAgreementInForce(state, year);
  if (!agreement) return [];
  const reserve = Accounts.reserve(state.region.regionId);
  const balance = state.ledger.balanceUpTo(year, reserve);
  const band = reserveBand(state, agreement, year);
  const inputs: ReserveBandInputs = {
    balance,
    base: band.base,
    baseKind: agreement.base.kind,
    minPct: agreement.minPct,
    maxPct: agreement.maxPct,
    min: band.min,
    max: band.max,
    reserveAgreementVersion: agreement.version,
    budgetBW: budgetAmount(state, year, 'BW'),
    budgetMO: budgetAmount(state, year, 'MO'),
  };
  const context = { state, agreement, year, reserve, inputs };
  if (balance < band.min) return replenish(context, agreement.replenishTo === 'min' ? band.min : band.max);
  if (balance > band.max) return payOut(context, agreement.payoutTo === 'max' ? band.max : band.min);
  return [];
}

/** Below the band: the municipalities replenish the reserve to its target, split by each scheme's key. */
function replenish(band: Band, target: Cents): DerivedEvent[] {
  const { state, agreement, year, reserve, inputs } = band;
  const amount = target - inputs.balance;
  return schemeParts(state, agreement, year, amount).map(([scheme, schemePart, split]) => ({
    type: 'ReserveReplenished',
    data: {
      regionId: state.region.regionId,
      year,
      scheme,
      rule: 'reserve-replenishment',
      key: split.key,
      inputs: withBand(inputs, { replenishTo: agreement.replenishTo, target, amount, schemePart }),
      allocation: split.trail,
      postings: postings(shareMovements(reserve, negate(split.targets), (code) => Accounts.municipality(code, scheme))),
    },
  }));
}

/** Above the band: the excess goes to a fund, or back to the municipalities split by each scheme's key. */
function payOut(band: Band, target: Cents): DerivedEvent[] {
  const { state, agreement, year, reserve } = band;
  const regionId = state.region.regionId;
  const amount = band.inputs.balance - target;
  const payoutTo = agreement.payoutTo;
  if (agreement.excessTo.kind === 'fund') {
    const fundId = agreement.excessTo.fundId;
    return [
      {
        type: 'ReserveExcessTransferredToFund',
        data: {
          regionId,
          year,
          rule: 'reserve-excess-to-fund',
          inputs: withBand(band.inputs, { payoutTo, target, amount, fundId }),
          postings: transfer(reserve, Accounts.fund(regionId, fundId), amount),
        },
      },
    ];
  }
  return schemeParts(state, agreement, year, amount).map(([scheme, schemePart, split]) => ({
    type: 'ReservePaidOut',
    data: {
      regionId,
      year,
      scheme,
      rule: 'reserve-payout',
      key: split.key,
      inputs: withBand(band.inputs, { payoutTo, target, amount, schemePart }),
      allocation: split.trail,
      postings: postings(shareMovements(reserve, split.targets, (code) => Accounts.municipality(code, scheme))),
    },
  }));
}

function schemeParts(state: RegionView, agreement: ReserveAgreement, year: number, amount: Cents) {
  return [...splitOverSchemes(state, agreement, year, amount)]
    .filter(([, part]) => part !== 0n)
    .map(([scheme, part]) => [scheme, part, splitByKey(state, SETTLEMENT_KEY[scheme], year, part)] as const);
}

/**
 * The band's inputs followed by a step's own, written out member by member rather than spread (see the
 * note in allocation.planner.ts), in the order the spread gave them.
 */
function withBand<T extends object>(band: ReserveBandInputs, own: T): ReserveBandInputs & T {
  const inputs = {
    balance: band.balance,
    base: band.base,
    baseKind: band.baseKind,
    minPct: band.minPct,
    maxPct: band.maxPct,
    min: band.min,
    max: band.max,
    reserveAgreementVersion: band.reserveAgreementVersion,
    budgetBW: band.budgetBW,
    budgetMO: band.budgetMO,
  };
  return Object.assign(inputs, own);
}

function negate(shares: ReadonlyMap<string, Cents>): Map<string, Cents> {
  return new Map([...shares].map(([code, amount]) => [code, -amount]));
}
