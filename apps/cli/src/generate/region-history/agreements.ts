import { SyntheticRegion } from '../national-layout';
import { CommandLine, f } from './command-line';

export function reserveAgreement(
  region: SyntheticRegion,
  historicalBase: bigint,
  version: number,
  validFrom: number,
): CommandLine {
  const { random } = region;
  const both = version === 1 ? random.chance(80) : true;
  const [minPct, maxPct] = random.pick([
    ['3', '8'],
    ['5', '10'],
    ['5', '12.5'],
    ['7.5', '15'],
  ]);
  const fixed = random.chance(30);
  return {
    command: 'AdoptReserveAgreement',
    regionId: region.regionId,
    version,
    validFrom,
    schemes: both ? ['BW', 'MO'] : ['BW'],
    minPct,
    maxPct,
    base: fixed ? { fixed: f((historicalBase * 35n) / 100n) } : 'budget',
    toReservePct: random.pick(['100', '100', '80', '50']),
    replenishTo: 'min',
    payoutTo: random.pick(['max', 'max', 'min']),
    excessTo: random.chance(20) ? 'fund:frictie' : 'municipalities',
  };
}

export function reserveOpening(region: SyntheticRegion, historicalBase: bigint, firstYear: number): CommandLine {
  return {
    command: 'RecordReserveOpening',
    regionId: region.regionId,
    year: firstYear,
    amount: f(region.random.vary((historicalBase * 35n * 7n) / 10_000n, 300)),
    reference: `Stand regionale reserve per 31-12-${firstYear - 1}`,
  };
}

export function solidarityAgreement(
  region: SyntheticRegion,
  version: number,
  validFrom: number,
  solidarity: { readonly policyCorrections: boolean },
): CommandLine {
  const { random } = region;
  const surcharge = random.chance(30);
  const weighted = random.chance(20);
  const phased = random.chance(30);
  return {
    command: 'AdoptSolidarityAgreement',
    regionId: region.regionId,
    version,
    validFrom,
    baseline: random.pick(['income', 'regional-average']),
    executionCosts: surcharge ? 'surcharge' : 'actual',
    ...(surcharge ? { surchargePct: random.pick(['10', '12.5', '15']) } : {}),
    cap: random.chance(60),
    ...(weighted
      ? {
          weights: Object.fromEntries(
            region.members.map((member) => [member.code, random.pick(['1', '1', '1.5', '2'])]),
          ),
        }
      : {}),
    policyCorrections: solidarity.policyCorrections,
    ownAccountPct: random.pick(['0', '25', '25', '50']),
    ...(phased ? { ownAccountPctByYear: { [String(validFrom)]: '75', [String(validFrom + 1)]: '50' } } : {}),
  };
}
