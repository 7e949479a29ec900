import { Accounts, at, budgetAmount, DomainError, isRegistered, RegionView, Scheme } from '@libs/domain/model';
import { allocate, Cents, formatAmount, Rational } from '@libs/money';

export const KEY_OPTIONS = ['inhabitants', 'income', 'use'] as const;
export type KeyOption = (typeof KEY_OPTIONS)[number];

export interface OptionYear {
  available: boolean;
  reason?: string;
  weightTotal: string;
  municipalities: Record<string, { weight: string; sharePct: string; contribution: string }>;
}

export interface OptionStability {
  /** mean over municipalities and year pairs of |Δ share| in percentage points: lower is more stable */
  meanAbsShareChangePct: string | null;
  maxAbsShareChangePct: string | null;
  municipalities: Record<string, { changes: Record<string, { sharePctChange: string; contributionChange: string }> }>;
}

export interface KeyComparison {
  regionId: string;
  scheme: Scheme;
  years: number[];
  /** what is split in each year: the scheme's regional budget in force */
  totals: Record<string, string>;
  recordedContributions: Record<string, Record<string, string>>;
  options: Record<KeyOption, { description: string; years: Record<string, OptionYear>; stability: OptionStability }>;
}

const DESCRIPTIONS: Record<KeyOption, string> = {
  inhabitants: 'naar rato van inwoneraantallen (RecordInhabitants)',
  income: 'naar rato van inkomsten vanuit het Rijk (historisch aandeel + objectief budget)',
  use: 'naar rato van werkelijk gebruik (lokale uitgaven: zorg + uitvoering)',
};

type WeightsOfYear = (year: number) => { weights: Map<string, Rational>; reason?: string };

/** Each option's weights for a year: inhabitants, income from the Rijk, actual use. */
function optionWeights(
  state: RegionView,
  scheme: Scheme,
  members: readonly string[],
): Record<KeyOption, WeightsOfYear> {
  const account = (code: string) => Accounts.municipality(code, scheme);
  const shareEvent = scheme === 'BW' ? 'BwHistoricalDistributed' : 'MoBudgetDistributed';
  return {
    inhabitants: (year) => {
      const counts = state.inhabitants.get(year)?.counts;
      if (!counts) return { weights: new Map(), reason: `no inhabitants recorded for ${year}` };
      return { weights: new Map(members.map((code) => [code, Rational.fromDecimal(counts[code] ?? '0')])) };
    },
    income: (year) => ({
      weights: new Map(
        members.map((code) => [
          code,
          Rational.of(state.ledger.sum(year, account(code), 'RijkPaymentRecorded', shareEvent)),
        ]),
      ),
    }),
    use: (year) => ({
      weights: new Map(
        members.map((code) => {
          const spent = state.expenditures.get(`${year}:${code}:${scheme}`);
          return [code, Rational.of((spent?.careCosts ?? 0n) + (spent?.executionCosts ?? 0n))];
        }),
      ),
    }),
  };
}

/** One option in one year: the key it gives and the contributions it would charge for `total`. */
function optionYear(
  option: KeyOption,
  year: number,
  of: WeightsOfYear,
  total: Cents,
  members: readonly string[],
): OptionYear {
  const { weights, reason } = of(year);
  const sum = [...weights.values()].reduce((acc, weight) => acc.add(weight), Rational.ZERO);
  const negative = [...weights.values()].some((weight) => weight.isNegative());
  if (reason || !sum.isPositive() || negative) {
    return {
      available: false,
      reason:
        reason ?? (negative ? `a municipality has a negative ${option} in ${year}` : `no ${option} data for ${year}`),
      weightTotal: sum.toDecimalString(2),
      municipalities: {},
    };
  }
  const contributions =
    total === 0n
      ? new Map<string, Cents>()
      : allocate(
          total,
          members.map((code) => ({ code, weight: at(weights, code) })),
        );
  return {
    available: true,
    weightTotal: sum.toDecimalString(2),
    municipalities: Object.fromEntries(
      members.map((code) => [
        code,
        {
          weight: at(weights, code).toDecimalString(2),
          sharePct: at(weights, code).mul(Rational.HUNDRED).div(sum).toDecimalString(4),
          contribution: formatAmount(-(contributions.get(code) ?? 0n)),
        },
      ]),
    ),
  };
}

/**
 * The AEF presentation's key options for the contribution to regional spending — inhabitants, income
 * from the Rijk, actual use — each turned into a key per year and applied to the same total (the
 * scheme's regional budget for that year), with how much each municipality's share and contribution
 * swing from year to year (the *stability* criterion).
 */
export function compareKeys(state: RegionView, fromYear: number, toYear: number, scheme: Scheme = 'BW'): KeyComparison {
  if (!isRegistered(state)) throw new DomainError('UNKNOWN_REGION', 'region is not registered', 'regionId');
  const years = Array.from({ length: toYear - fromYear + 1 }, (_, index) => fromYear + index);
  const members = state.memberCodes();
  const totals = new Map(years.map((year) => [year, budgetAmount(state, year, scheme)]));
  const weightsFor = optionWeights(state, scheme, members);
  const optionOf = (option: KeyOption) => {
    const perYear = Object.fromEntries(
      years.map((year) => [String(year), optionYear(option, year, weightsFor[option], at(totals, year), members)]),
    );
    return { description: DESCRIPTIONS[option], years: perYear, stability: stability(perYear, years, members) };
  };
  // MO has no contributions (its budget is skimmed before the split), so there is nothing recorded to compare with
  const recordedContributions = Object.fromEntries(
    years.map((year) => [
      String(year),
      scheme === 'BW'
        ? Object.fromEntries(
            members.map((code) => [
              code,
              formatAmount(state.ledger.sum(year, Accounts.municipality(code, scheme), 'BwContributionsCharged')),
            ]),
          )
        : {},
    ]),
  );
  return {
    regionId: state.region.regionId,
    scheme,
    years,
    totals: Object.fromEntries(years.map((year) => [String(year), formatAmount(at(totals, year))])),
    recordedContributions,
    options: { inhabitants: optionOf('inhabitants'), income: optionOf('income'), use: optionOf('use') },
  };
}

function stability(perYear: Record<string, OptionYear>, years: number[], members: string[]): OptionStability {
  const result: OptionStability = { meanAbsShareChangePct: null, maxAbsShareChangePct: null, municipalities: {} };
  let sum = Rational.ZERO;
  let count = 0n;
  let max: Rational | undefined;
  for (const code of members) result.municipalities[code] = { changes: {} };
  for (let index = 1; index < years.length; index += 1) {
    const before = perYear[String(years[index - 1])];
    const after = perYear[String(years[index])];
    if (!before.available || !after.available) continue;
    for (const code of members) {
      const shareChange = Rational.fromDecimal(after.municipalities[code].sharePct).sub(
        Rational.fromDecimal(before.municipalities[code].sharePct),
      );
      const contributionChange = Rational.fromDecimal(after.municipalities[code].contribution).sub(
        Rational.fromDecimal(before.municipalities[code].contribution),
      );
      result.municipalities[code].changes[`${years[index - 1]}-${years[index]}`] = {
        sharePctChange: shareChange.toDecimalString(4),
        contributionChange: contributionChange.toDecimalString(2),
      };
      sum = sum.add(shareChange.abs());
      count += 1n;
      max = max ? max.max(shareChange.abs()) : shareChange.abs();
    }
  }
  // a maximum exists exactly when some change was counted
  if (max !== undefined) {
    result.meanAbsShareChangePct = sum.div(Rational.of(count)).toDecimalString(4);
    result.maxAbsShareChangePct = max.toDecimalString(4);
  }
  return result;
}
