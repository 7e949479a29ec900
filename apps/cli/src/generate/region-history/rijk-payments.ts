import { at } from '@libs/domain/model';
import { SyntheticRegion } from '../national-layout';
import { CommandLine, f } from './command-line';
import { YearPlan } from './year-plan';

/**
 * Corrections of a circulaire: the historical BW and MO money ± spread (in basis points), the objective
 * budgets ± objectiveSpread; a negative spread takes money back (the decembercirculaire, mostly).
 */
export function circulaire(
  region: SyntheticRegion,
  plan: YearPlan,
  name: string,
  spread: number,
  objectiveSpread: number,
): CommandLine[] {
  const { central, members, random } = region;
  const reference = `${name === 'mei' ? 'meicirculaire' : name === 'sep' ? 'septembercirculaire' : 'decembercirculaire'} ${plan.year}`;
  const correction = (amount: bigint, basisPoints: number) => {
    // spread < 0 draws from −|spread| to −|spread|/5
    const drawn = basisPoints < 0 ? -random.int(-basisPoints / 5, -basisPoints) : random.int(-basisPoints, basisPoints);
    return (amount * BigInt(drawn)) / 10_000n + BigInt(random.int(0, 99));
  };
  const lines: CommandLine[] = [];
  const { year } = plan;
  if (random.chance(name === 'dec' ? 70 : 60))
    lines.push(
      payment(
        region,
        `iu-${year}-${name}`,
        year,
        'BW',
        'historical',
        central.code,
        correction(plan.historical, spread),
        reference,
      ),
    );
  if (random.chance(50))
    lines.push(
      payment(
        region,
        `du-${year}-${name}`,
        year,
        'MO',
        'objective',
        central.code,
        correction(plan.moCentral, spread),
        reference,
      ),
    );
  if (objectiveSpread !== 0)
    for (const member of members)
      if (random.chance(50))
        lines.push(
          payment(
            region,
            `ob-${year}-${member.code}-${name}`,
            year,
            'BW',
            'objective',
            member.code,
            correction(at(plan.objective, member.code), objectiveSpread),
            reference,
          ),
        );
  return lines.filter((line) => line.amount !== '0.00');
}

export function payment(
  region: SyntheticRegion,
  paymentId: string,
  year: number,
  scheme: 'BW' | 'MO',
  basis: 'historical' | 'objective',
  recipient: string,
  amount: bigint,
  reference: string,
): CommandLine {
  return {
    command: 'RecordRijkPayment',
    regionId: region.regionId,
    paymentId,
    year,
    scheme,
    basis,
    recipient,
    amount: f(amount),
    reference,
  };
}
