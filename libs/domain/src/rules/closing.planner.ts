import { Cents, formatAmount, parseAmount, Rational } from '@libs/money';
import { Accounts } from '../accounts';
import { Scheme, SCHEMES } from '../commands/command.types';
import { DomainError } from '../errors';
import { DomainEvent, postingsOf } from '../events/event.types';
import { RegionState, ReserveAgreement } from '../state/region-state';
import { planAllocationRun } from './allocation.planner';
import { budgetAmount, reserveAgreementInForce, SETTLEMENT_KEY, solidarityAgreementInForce } from './in-force';
import { splitByKey } from './key-split';
import { postings, shareMovements, transfer } from './postings';
import { centsAsEuros, computeSolidarity } from './solidarity';

/**
 * The year-end closing of domain.md §6, in its fixed order, on a scratch copy of the state so each
 * step sees what the steps before it recorded. Returns every event the closing records (the final
 * YearClosed marker included); throws and records nothing when an invariant would break.
 */
export function planClosing(state: RegionState, year: number): DomainEvent[] {
  const scratch = state.clone();
  const events: DomainEvent[] = [];
  const record = (planned: DomainEvent[]) => {
    for (const event of planned) {
      scratch.apply(event);
      events.push(event);
    }
  };
  record(planAllocationRun(scratch, year));
  record(planResults(scratch, year));
  record(planReserveBand(scratch, year));
  record(planSolidarity(scratch, year));
  checkClosingInvariants(scratch, year, events);
  events.push({ type: 'YearClosed', data: { regionId: scratch.regionId!, year } });
  return events;
}

/** Steps 2–3: each scheme's result to the reserve (its agreed share) and the rest settled by key. */
export function planResults(state: RegionState, year: number): DomainEvent[] {
  const regionId = state.regionId!;
  const agreement = reserveAgreementInForce(state, year);
  const events: DomainEvent[] = [];
  for (const scheme of SCHEMES) {
    const provisions = Accounts.provisions(regionId, scheme);
    const result = state.ledger.balance(year, provisions);
    if (result === 0n) continue;
    const covered = agreement?.schemes.includes(scheme) ?? false;
    const toReservePct = covered ? agreement!.toReservePct : '0';
    const toReserve = Rational.of(result).mul(Rational.fromDecimal(toReservePct)).div(Rational.HUNDRED).roundHalfAwayFromZero();
    const inputs = {
      result: formatAmount(result),
      reserveAgreementVersion: covered ? agreement!.version : null,
      toReservePct,
    };
    if (toReserve !== 0n) {
      events.push({
        type: 'RegionalResultTransferred',
        data: {
          regionId,
          year,
          scheme,
          rule: 'result-to-reserve',
          inputs: { ...inputs, formula: 'round(r × toReservePct/100)', toReserve: formatAmount(toReserve) },
          postings: transfer(provisions, Accounts.reserve(regionId), toReserve),
        },
      });
    }
    const settled = result - toReserve;
    if (settled !== 0n) {
      const split = splitByKey(state, SETTLEMENT_KEY[scheme], year, settled);
      events.push({
        type: 'RegionalResultSettled',
        data: {
          regionId,
          year,
          scheme,
          rule: 'result-settlement',
          ...(split.key ? { key: split.key } : {}),
          inputs: {
            ...inputs,
            formula: covered ? 'r − toReserve, split by the scheme key' : 'r, split by the scheme key (no reserve agreement covers the scheme)',
            settled: formatAmount(settled),
          },
          allocation: split.trail,
          postings: postings(shareMovements(provisions, split.targets, (code) => Accounts.municipality(code, scheme))),
        },
      });
    }
  }
  return events;
}

export interface ReserveBand {
  readonly base: Cents;
  readonly min: Cents;
  readonly max: Cents;
}

export function reserveBand(state: RegionState, agreement: ReserveAgreement, year: number): ReserveBand {
  const base =
    agreement.base.kind === 'fixed' ? agreement.base.amount : agreement.schemes.reduce((sum, scheme) => sum + budgetAmount(state, year, scheme), 0n);
  const pct = (value: string) => Rational.of(base).mul(Rational.fromDecimal(value)).div(Rational.HUNDRED).roundHalfAwayFromZero();
  return { base, min: pct(agreement.minPct), max: pct(agreement.maxPct) };
}

/**
 * Splits a reserve movement over the covered schemes by their regional budgets for the year (the
 * memo's "combination of the BW and MO objective keys, weighted by their share in the budget").
 */
export function splitOverSchemes(state: RegionState, agreement: ReserveAgreement, year: number, amount: Cents): Map<Scheme, Cents> {
  const covered = SCHEMES.filter((scheme) => agreement.schemes.includes(scheme));
  if (covered.length === 1) return new Map([[covered[0], amount]]);
  const bw = budgetAmount(state, year, 'BW');
  const mo = budgetAmount(state, year, 'MO');
  if (bw + mo === 0n) return new Map<Scheme, Cents>([['BW', amount], ['MO', 0n]]);
  const bwPart = Rational.of(amount).mul(Rational.of(bw)).div(Rational.of(bw + mo)).roundHalfAwayFromZero();
  return new Map<Scheme, Cents>([['BW', bwPart], ['MO', amount - bwPart]]);
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
        inputs: { ...inputs, replenishTo: agreement.replenishTo, target: formatAmount(target), amount: formatAmount(amount), schemePart: formatAmount(part) },
        allocation: split.trail,
        postings: postings(shareMovements(reserve, negate(split.targets), (code) => Accounts.municipality(code, scheme))),
      },
    }));
  }

  if (balance > band.max) {
    const target = agreement.payoutTo === 'max' ? band.max : band.min;
    const amount = balance - target;
    const excessInputs = { ...inputs, payoutTo: agreement.payoutTo, target: formatAmount(target), amount: formatAmount(amount) };
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

/** Step 5: solidarity on BW among all members, recording only the difference with earlier closings. */
export function planSolidarity(state: RegionState, year: number): DomainEvent[] {
  const agreement = solidarityAgreementInForce(state, year);
  if (!agreement) return [];
  const regionId = state.regionId!;
  const account = (code: string) => Accounts.municipality(code, 'BW');
  const inputs = state.memberCodes().map((code) => {
    const expenditure = state.expenditures.get(`${year}:${code}:BW`);
    return {
      code,
      income: state.ledger.balance(year, account(code)) - state.ledger.sum(year, account(code), 'LocalExpenditureRecorded', 'SolidarityTransferred'),
      careCosts: expenditure?.careCosts ?? 0n,
      executionCosts: expenditure?.executionCosts ?? 0n,
      policyCorrections: state.policyCorrections.get(`${year}:${code}`) ?? 0n,
    };
  });
  const outcome = computeSolidarity(agreement, year, inputs);
  const deltas = new Map<string, Cents>();
  const lines = outcome.members.map((member) => {
    const previous = state.ledger.sum(year, account(member.code), 'SolidarityTransferred');
    deltas.set(member.code, member.transfer - previous);
    return {
      code: member.code,
      income: centsAsEuros(member.income),
      spending: centsAsEuros(member.spending),
      result: centsAsEuros(member.result),
      deviation: centsAsEuros(member.deviation),
      pooled: centsAsEuros(member.pooled),
      weight: member.weight.toDecimalString(6),
      cap: member.cap ? centsAsEuros(member.cap) : null,
      target: formatAmount(member.transfer),
      previous: formatAmount(previous),
      delta: formatAmount(member.transfer - previous),
    };
  });
  if (![...deltas.values()].some((delta) => delta !== 0n)) return [];
  return [
    {
      type: 'SolidarityTransferred',
      data: {
        regionId,
        year,
        scheme: 'BW',
        rule: 'solidarity',
        agreementVersion: agreement.version,
        inputs: {
          baseline: agreement.baseline,
          executionCosts: agreement.executionCosts,
          surchargePct: agreement.surchargePct ?? null,
          cap: agreement.cap,
          policyCorrections: agreement.policyCorrections,
          ownAccountPct: outcome.ownAccountPct,
          weighted: agreement.weights !== undefined,
        },
        volume: formatAmount(outcome.volume),
        lines,
        postings: postings([...deltas].map(([code, delta]) => [account(code), delta] as const)),
      },
    },
  ];
}

/** domain.md §7, checked on the state the closing would leave behind. */
function checkClosingInvariants(state: RegionState, year: number, events: readonly DomainEvent[]): void {
  const regionId = state.regionId!;
  const mustBeZero = [
    Accounts.provisions(regionId, 'BW'),
    Accounts.provisions(regionId, 'MO'),
    Accounts.bwHistorical(regionId),
    Accounts.moBudget(regionId),
  ];
  for (const account of mustBeZero) {
    const balance = state.ledger.balance(year, account);
    if (balance !== 0n) throw new DomainError('INVARIANT_VIOLATED', `after closing ${year}, ${account} would hold ${formatAmount(balance)} instead of 0.00`);
  }
  const agreement = reserveAgreementInForce(state, year);
  if (agreement) {
    const band = reserveBand(state, agreement, year);
    const balance = state.ledger.balanceUpTo(year, Accounts.reserve(regionId));
    if (balance < band.min || balance > band.max) {
      throw new DomainError(
        'INVARIANT_VIOLATED',
        `after closing ${year}, the reserve would hold ${formatAmount(balance)}, outside its band ${formatAmount(band.min)}–${formatAmount(band.max)}`,
      );
    }
  }
  for (const event of events) {
    const total = postingsOf(event).reduce((sum, posting) => sum + parseAmount(posting.amount), 0n);
    if (total !== 0n) throw new DomainError('INVARIANT_VIOLATED', `${event.type} postings sum to ${formatAmount(total)}`);
  }
}
