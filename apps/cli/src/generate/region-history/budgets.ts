import { InvariantViolation } from '@libs/domain/model';
import { SyntheticRegion } from '../national-layout';
import { CommandLine, f } from './command-line';
import { YearPlan } from './year-plan';

export function budgets(region: SyntheticRegion, plan: YearPlan, version: number): CommandLine[] {
  const { regionId } = region;
  // version 1 is the budget as planned (per mille 1000); a later version is the plan's revision of it
  const revision = version === 1 ? { bw: 1000, mo: 1000 } : plan.revision;
  if (!revision) throw new InvariantViolation(`budget version ${version} for ${plan.year} without a revision`);
  const bw = (plan.bwBudget * BigInt(revision.bw)) / 1000n;
  const mo = (plan.moBudget * BigInt(revision.mo)) / 1000n;
  const execution = bw / 20n;
  return [
    {
      command: 'AdoptRegionalBudget',
      regionId,
      version,
      year: plan.year,
      scheme: 'BW',
      amount: f(bw),
      objectivePct: String(plan.objectivePct),
      components: [
        { label: 'Zorg in natura', amount: f(bw - execution) },
        { label: 'Uitvoeringskosten', amount: f(execution) },
      ],
    },
    ...(version === 1 || revision.mo !== 1000
      ? [{ command: 'AdoptRegionalBudget', regionId, version, year: plan.year, scheme: 'MO', amount: f(mo) }]
      : []),
  ];
}
