import { at } from '@libs/domain/model';
import { SyntheticRegion } from '../national-layout';
import { CommandLine, f, pad2 } from './command-line';
import { payment } from './rijk-payments';
import { YearPlan } from './year-plan';

export function invoices(
  region: SyntheticRegion,
  plan: YearPlan,
  month: number,
  invoicesPerMonth: number,
): CommandLine[] {
  const lines: CommandLine[] = [];
  const { providers, regionId, random } = region;
  const perMonth = BigInt(12 * invoicesPerMonth);
  for (const scheme of ['BW', 'MO'] as const) {
    const own = providers.filter((provider) => provider.scheme === scheme);
    const weightSum = BigInt(own.reduce((sum, provider) => sum + provider.weight, 0));
    const yearly = scheme === 'BW' ? plan.bwCosts : plan.moCosts;
    for (const provider of own)
      for (let invoice = 1; invoice <= invoicesPerMonth; invoice += 1)
        lines.push({
          command: 'RecordRegionalCost',
          regionId,
          costId: `f-${plan.year}-${pad2(month)}-${provider.id}-${invoice}`,
          year: plan.year,
          scheme,
          amount: f(
            random.vary((yearly * BigInt(provider.weight)) / (weightSum * perMonth), 150) + BigInt(random.int(0, 99)),
          ),
          category: provider.category,
          provider: provider.name,
        });
  }
  return lines;
}

/** A late invoice after the closing: reopen the year, record it (and a nacalculatie), close again in July. */
export function reopen(region: SyntheticRegion, plan: YearPlan): CommandLine[] {
  const { regionId, providers, central, random } = region;
  const provider = providers[0];
  return [
    {
      command: 'ReopenYear',
      regionId,
      year: plan.year,
      reason: `Nagekomen factuur ${provider.name} over ${plan.year} na vaststelling jaarrekening`,
    },
    {
      command: 'RecordRegionalCost',
      regionId,
      costId: `f-${plan.year}-nagekomen`,
      year: plan.year,
      scheme: provider.scheme,
      amount: f(random.vary(plan.bwCosts / 100n, 300)),
      category: provider.category,
      provider: provider.name,
      description: 'Nagekomen factuur na de afrekening',
    },
    payment(
      region,
      `ob-${plan.year}-${central.code}-nac`,
      plan.year,
      'BW',
      'objective',
      central.code,
      random.vary(at(plan.objective, central.code) / 200n, 300) + 1n,
      `nacalculatie ${plan.year}`,
    ),
  ];
}

/** Half of what the reserve transferred to the friction fund spent in `year`. */
export function fundSpending(region: SyntheticRegion, year: number, fundTransfer: bigint): CommandLine {
  const { random } = region;
  const toProviders = random.chance(60);
  const recipient = toProviders ? 'providers' : random.pick(region.members).code;
  return {
    command: 'RecordFundSpending',
    regionId: region.regionId,
    spendingId: `frictie-${year}`,
    year,
    fundId: 'frictie',
    scheme: 'BW',
    amount: f(fundTransfer / 2n),
    recipient,
  };
}
