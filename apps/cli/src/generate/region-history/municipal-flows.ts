import { at } from '@libs/domain/model';
import { allocate, Rational } from '@libs/money';
import { SyntheticMunicipality, SyntheticRegion } from '../national-layout';
import { CommandLine, f, pad2 } from './command-line';
import { DistributionKeys } from './distribution-keys';
import { YearPlan } from './year-plan';

/**
 * Quarterly advances on the settlement: the central municipality pays each municipality a quarter of
 * its estimated net BW share (historical share less contribution) and of its MO share — a negative
 * advance; a municipality whose contribution exceeds its share pays it (a positive one).
 */
export function advances(
  region: SyntheticRegion,
  keys: DistributionKeys,
  plan: YearPlan,
  quarter: number,
): CommandLine[] {
  const lines: CommandLine[] = [];
  const { central, members, random } = region;
  const { historicalShares, contributions, moShares } = estimatedShares(keys, plan);
  for (const member of members) {
    if (member.code === central.code) continue;
    const bw = (at(contributions, member.code) - at(historicalShares, member.code)) / 4n;
    if (bw !== 0n) lines.push(advance(region, plan.year, quarter, 'BW', member, random.vary(bw, 20), 'Voorschot BW'));
    const mo = at(moShares, member.code) / 4n;
    if (mo > 0n)
      lines.push(advance(region, plan.year, quarter, 'MO', member, -random.vary(mo, 20), 'Voorschot aandeel MO'));
  }
  return lines;
}

function advance(
  region: SyntheticRegion,
  year: number,
  quarter: number,
  scheme: 'BW' | 'MO',
  member: SyntheticMunicipality,
  amount: bigint,
  reference: string,
): CommandLine {
  return {
    command: 'RecordAdvance',
    regionId: region.regionId,
    advanceId: `vs-${scheme.toLowerCase()}-${year}-q${quarter}-${member.code}`,
    year,
    scheme,
    municipality: member.code,
    amount: f(amount),
    date: `${year}-${pad2(quarter * 3)}-15`,
    reference: `${reference} Q${quarter} ${year}`,
  };
}

/** In February after the year: every municipality's local spending, and policy corrections where agreed. */
export function afterYear(
  region: SyntheticRegion,
  keys: DistributionKeys,
  solidarity: { readonly policyCorrections: boolean } | undefined,
  plan: YearPlan,
): CommandLine[] {
  const lines: CommandLine[] = [];
  const { regionId, members, random } = region;
  const { historicalShares, contributions, moShares } = estimatedShares(keys, plan);
  for (const member of members) {
    const income = at(plan.objective, member.code) + at(historicalShares, member.code) - at(contributions, member.code);
    const care = random.vary(income > 0n ? income : at(plan.objective, member.code) / 2n, 150);
    lines.push({
      command: 'RecordLocalExpenditure',
      regionId,
      expenditureId: `lu-bw-${plan.year}-${member.code}`,
      year: plan.year,
      scheme: 'BW',
      municipality: member.code,
      careCosts: f(care),
      executionCosts: f(random.vary(care / 20n, 200)),
    });
    const moCare = random.vary(at(moShares, member.code), 150);
    lines.push({
      command: 'RecordLocalExpenditure',
      regionId,
      expenditureId: `lu-mo-${plan.year}-${member.code}`,
      year: plan.year,
      scheme: 'MO',
      municipality: member.code,
      careCosts: f(moCare),
      executionCosts: f(random.vary(moCare / 25n, 200)),
    });
    if (random.chance(solidarity?.policyCorrections ? 20 : 2))
      lines.push({
        command: 'RecordPolicyCorrection',
        regionId,
        correctionId: `bc-${plan.year}-${member.code}`,
        year: plan.year,
        municipality: member.code,
        amount: f((care * BigInt(random.int(10, 50))) / 1000n),
        justification: `Eigen beleidskeuze ${member.name}: uitbreiding begeleid wonen boven het regionale niveau`,
      });
  }
  return lines;
}

/**
 * Each municipality's part of the year's money as the region estimates it from its plan and keys: the
 * historical BW money less the skim, its contribution, and its MO share — what advances and local
 * spending are drawn around.
 */
function estimatedShares(keys: DistributionKeys, plan: YearPlan) {
  const skim = (plan.bwBudget * BigInt(100 - plan.objectivePct)) / 100n;
  const historicalShares = split(plan.historical - skim, keys.historicalWeights(plan.year));
  const contributions = split(plan.bwBudget - skim, keys.objectiveWeights);
  const moShares = split(plan.moCentral - plan.moBudget, keys.currentMoWeights(plan.year));
  return { historicalShares, contributions, moShares };
}

function split(total: bigint, weights: ReadonlyMap<string, bigint>): Map<string, bigint> {
  if ([...weights.values()].every((weight) => weight === 0n))
    return new Map([...weights.keys()].map((code) => [code, 0n]));
  return allocate(
    total,
    [...weights].map(([code, weight]) => ({ code, weight: Rational.of(weight) })),
  );
}
