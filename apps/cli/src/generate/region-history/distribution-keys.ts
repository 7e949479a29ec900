import { at } from '@libs/domain/model';
import { allocate, Rational } from '@libs/money';
import { SyntheticRegion } from '../national-layout';
import { CommandLine } from './command-line';

/** The region's three distribution keys as it adopts them, and their figures as it later estimates with them. */
export class DistributionKeys {
  readonly objectiveWeights = new Map<string, bigint>();
  /** the percent keys' figures by validFrom, to estimate advances and spending as the region would */
  private readonly moKeys = new Map<number, readonly bigint[]>();
  private readonly historicalKeys = new Map<number, readonly bigint[]>();

  constructor(private readonly region: SyntheticRegion) {}

  historicalKey(version: number, validFrom: number, tenths: readonly bigint[]): CommandLine {
    this.historicalKeys.set(validFrom, tenths);
    return {
      command: 'AdoptDistributionKey',
      regionId: this.region.regionId,
      keyId: 'bw-historical',
      version,
      validFrom,
      unit: 'percent',
      basis: `Kosten bestaande cliënten ${validFrom - 2} naar woongemeente`,
      weights: this.weights(tenths, 10n, 1),
    };
  }

  objectiveKey(version: number, validFrom: number): CommandLine {
    if (this.objectiveWeights.size === 0)
      for (const member of this.region.members)
        this.objectiveWeights.set(
          member.code,
          BigInt(member.inhabitants) * 8n + BigInt(this.region.random.int(0, 999)),
        );
    return {
      command: 'AdoptDistributionKey',
      regionId: this.region.regionId,
      keyId: 'bw-objective',
      version,
      validFrom,
      unit: 'weight',
      basis: `Objectieve budgetten BW ${validFrom}, septembercirculaire ${validFrom - 1}`,
      weights: Object.fromEntries(
        this.region.members.map((member) => [member.code, String(at(this.objectiveWeights, member.code))]),
      ),
    };
  }

  moKey(version: number, validFrom: number, hundredths: readonly bigint[]): CommandLine {
    this.moKeys.set(validFrom, hundredths);
    return {
      command: 'AdoptDistributionKey',
      regionId: this.region.regionId,
      keyId: 'mo-objective',
      version,
      validFrom,
      unit: 'percent',
      basis: `Objectieve verdeling MO, maatstaven septembercirculaire ${validFrom - 1}`,
      weights: this.weights(hundredths, 100n, 2),
    };
  }

  currentMoWeights(year: number): Map<string, bigint> {
    const from = Math.max(...[...this.moKeys.keys()].filter((validFrom) => validFrom <= year));
    return new Map(this.region.members.map((member, index) => [member.code, at(this.moKeys, from)[index]]));
  }

  historicalWeights(year: number): Map<string, bigint> {
    const from = Math.max(...[...this.historicalKeys.keys()].filter((validFrom) => validFrom <= year));
    return new Map(this.region.members.map((member, index) => [member.code, at(this.historicalKeys, from)[index]]));
  }

  /** Shares in whole units that sum exactly to `total`, by inhabitants ± spread (a percent key's figures). */
  shares(total: bigint, spreadPermille: number): bigint[] {
    const weights = this.region.members.map((member) =>
      this.region.random.vary(BigInt(member.inhabitants) * 1000n, spreadPermille),
    );
    const parts = allocate(
      total,
      weights.map((weight, index) => ({ code: String(index).padStart(4, '0'), weight: Rational.of(weight) })),
    );
    return weights.map((_, index) => at(parts, String(index).padStart(4, '0')));
  }

  private weights(units: readonly bigint[], scale: bigint, decimals: number): Record<string, string> {
    return Object.fromEntries(
      this.region.members.map((member, index) => [
        member.code,
        `${units[index] / scale}.${(units[index] % scale).toString().padStart(decimals, '0')}`,
      ]),
    );
  }
}
