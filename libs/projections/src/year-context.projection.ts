import {
  budgetInForce,
  DomainError,
  KEY_IDS,
  keyInForce,
  keyReference,
  ownAccountPctFor,
  RegionState,
  reserveAgreementInForce,
  reserveBand,
  SCHEMES,
  Scheme,
  solidarityAgreementInForce,
  weightSum,
} from '@libs/domain/model';
import { formatAmount, Rational } from '@libs/money';

/** A distribution key as it was in force for the year, with every member's normalised share. */
export interface KeyInForce {
  keyId: string;
  version: number;
  validFrom: number;
  validTo: number | null;
  unit: 'percent' | 'weight';
  basis: string;
  weightSum: string;
  /** per member: its weight as adopted and its share of the whole, in percent (4 decimals) */
  members: Record<string, { weight: string; sharePct: string }>;
}

export interface BudgetInForce {
  scheme: Scheme;
  version: number;
  amount: string;
  /** BW: the part financed from the objective budgets (contributions); MO: null */
  objectivePct: string | null;
  components: { label: string; amount: string }[];
}

export interface ReserveAgreementInForce {
  version: number;
  validFrom: number;
  schemes: Scheme[];
  minPct: string;
  maxPct: string;
  /** "budget" (the year's regional budgets of the covered schemes) or a fixed amount */
  base: 'budget' | { fixed: string };
  baseAmount: string;
  min: string;
  max: string;
  toReservePct: string;
  replenishTo: 'min' | 'max';
  payoutTo: 'min' | 'max';
  /** "municipalities" or "fund:{id}" */
  excessTo: string;
}

export interface SolidarityAgreementInForce {
  version: number;
  validFrom: number;
  baseline: 'income' | 'regional-average';
  executionCosts: 'actual' | 'surcharge';
  surchargePct: string | null;
  cap: boolean;
  policyCorrections: boolean;
  /** the own-account percentage for this year (ownAccountPctByYear applied) */
  ownAccountPct: string;
  weights: Record<string, string> | null;
}

/**
 * What was in force for a region's year besides the money: the central municipality, the keys, the
 * regional budgets and the reserve and solidarity agreements — what a letter or workbook states next
 * to the amounts so that a reader can check them.
 */
export interface YearContext {
  regionId: string;
  regionName: string;
  year: number;
  centralMunicipality: { code: string; name: string };
  keys: KeyInForce[];
  budgets: Record<Scheme, BudgetInForce | null>;
  reserveAgreement: ReserveAgreementInForce | null;
  solidarityAgreement: SolidarityAgreementInForce | null;
}

export function buildYearContext(state: RegionState, year: number): YearContext {
  const region = state.region;
  if (!region) throw new DomainError('UNKNOWN_REGION', 'region is not registered', 'regionId');
  const central = region.municipalities.find((member) => member.code === region.centralMunicipality);
  return {
    regionId: region.regionId,
    regionName: region.name,
    year,
    centralMunicipality: { code: region.centralMunicipality, name: central?.name ?? region.centralMunicipality },
    keys: keysOfYear(state, year),
    budgets: budgetsOfYear(state, year),
    reserveAgreement: reserveAgreementOfYear(state, year),
    solidarityAgreement: solidarityAgreementOfYear(state, year),
  };
}

/** The keys in force for the year, in KEY_IDS order, each with every member's weight and share. */
function keysOfYear(state: RegionState, year: number): KeyInForce[] {
  const keys: KeyInForce[] = [];
  for (const keyId of Object.values(KEY_IDS)) {
    const key = keyInForce(state, keyId, year);
    if (!key) continue;
    const sum = weightSum(key);
    const members: KeyInForce['members'] = {};
    for (const code of state.memberCodes()) {
      const weight = key.weights[code] ?? '0';
      members[code] = {
        weight,
        sharePct: sum.isZero() ? '0' : Rational.fromDecimal(weight).mul(Rational.HUNDRED).div(sum).toDecimalString(4),
      };
    }
    keys.push({
      keyId,
      version: key.version,
      validFrom: key.validFrom,
      validTo: key.validTo ?? null,
      unit: key.unit,
      basis: key.basis,
      weightSum: keyReference(key).weightSum,
      members,
    });
  }
  return keys;
}

function budgetsOfYear(state: RegionState, year: number): Record<Scheme, BudgetInForce | null> {
  return Object.fromEntries(
    SCHEMES.map((scheme) => {
      const budget = budgetInForce(state, year, scheme);
      return [
        scheme,
        budget
          ? {
              scheme,
              version: budget.version,
              amount: formatAmount(budget.amount),
              objectivePct: scheme === 'BW' ? (budget.objectivePct ?? '0') : null,
              components: (budget.components ?? []).map((component) => ({
                label: component.label,
                amount: formatAmount(component.amount),
              })),
            }
          : null,
      ];
    }),
  ) as Record<Scheme, BudgetInForce | null>;
}

/** The reserve agreement in force with its band worked out for the year, or null. */
function reserveAgreementOfYear(state: RegionState, year: number): ReserveAgreementInForce | null {
  const reserve = reserveAgreementInForce(state, year);
  const band = reserve ? reserveBand(state, reserve, year) : undefined;
  if (!reserve || !band) return null;
  return {
    version: reserve.version,
    validFrom: reserve.validFrom,
    schemes: [...reserve.schemes],
    minPct: reserve.minPct,
    maxPct: reserve.maxPct,
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- our field `fixed`, not String.prototype.fixed
    base: reserve.base.kind === 'fixed' ? { fixed: formatAmount(reserve.base.amount) } : 'budget',
    baseAmount: formatAmount(band.base),
    min: formatAmount(band.min),
    max: formatAmount(band.max),
    toReservePct: reserve.toReservePct,
    replenishTo: reserve.replenishTo,
    payoutTo: reserve.payoutTo,
    excessTo: reserve.excessTo.kind === 'fund' ? `fund:${reserve.excessTo.fundId}` : 'municipalities',
  };
}

/** The solidarity agreement in force, with the own-account percentage that applies to the year, or null. */
function solidarityAgreementOfYear(state: RegionState, year: number): SolidarityAgreementInForce | null {
  const solidarity = solidarityAgreementInForce(state, year);
  if (!solidarity) return null;
  return {
    version: solidarity.version,
    validFrom: solidarity.validFrom,
    baseline: solidarity.baseline,
    executionCosts: solidarity.executionCosts,
    surchargePct: solidarity.surchargePct ?? null,
    cap: solidarity.cap,
    policyCorrections: solidarity.policyCorrections,
    ownAccountPct: ownAccountPctFor(solidarity, year),
    weights: solidarity.weights ? { ...solidarity.weights } : null,
  };
}
