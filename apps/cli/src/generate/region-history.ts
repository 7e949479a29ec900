import { at, InvariantViolation } from '@libs/domain/model';
import { allocate, formatAmount, Rational } from '@libs/money';
import { SyntheticMunicipality, SyntheticRegion } from './national-layout';
import { SeededRandom } from './seeded-random';

export type CommandLine = { readonly command: string } & Record<string, unknown>;

export interface HistoryOptions {
  readonly firstYear: number;
  readonly years: number;
  /** invoices each provider sends every month */
  readonly invoicesPerMonth: number;
}

/** What a region expects for one budget year, drawn when the year starts; all money in whole cents. */
interface YearPlan {
  readonly year: number;
  readonly historical: bigint;
  readonly moCentral: bigint;
  readonly objective: ReadonlyMap<string, bigint>;
  readonly bwBudget: bigint;
  readonly objectivePct: number;
  readonly moBudget: bigint;
  /** a begrotingswijziging in June (version 2), as factors in permille of version 1 */
  readonly revision: { readonly bw: number; readonly mo: number } | undefined;
  readonly bwCosts: bigint;
  readonly moCosts: bigint;
  readonly reopenAfterClosing: boolean;
}

const f = formatAmount;
const QUARTER_MONTHS = new Set([3, 6, 9, 12]);
const pad2 = (value: number) => String(value).padStart(2, '0');

/**
 * The history of one region, month by month, as the commands its finance staff would record: keys and
 * agreements, the Rijk's payments with the circulaires' corrections, budgets and their revisions,
 * providers' monthly invoices, co-payments, advances, local expenditure, policy corrections, fund
 * movements, allocation runs and the year's closing in the spring after (now and then reopened for a
 * late invoice and closed again). Amounts are chosen with margins so that every command is accepted:
 * the BW skim stays under 45 % of the historical payments and the MO skim under half of the MO money,
 * whatever the corrections.
 */
export class RegionHistory {
  private readonly random: SeededRandom;
  private readonly plans = new Map<number, YearPlan>();
  private readonly inhabitants: bigint;
  private readonly reserve: { readonly fund: boolean; readonly fundTransfer: bigint } | undefined;
  private readonly solidarity: { readonly policyCorrections: boolean } | undefined;
  private readonly lastYear: number;
  private readonly historicalBase: bigint;
  private readonly moBase: bigint;
  private readonly objectiveWeights = new Map<string, bigint>();
  private readonly historicalTenths: readonly bigint[];
  private readonly moHundredths: readonly bigint[];
  /** the percent keys' figures by validFrom, to estimate advances and spending as the region would */
  private readonly moKeys = new Map<number, readonly bigint[]>();
  private readonly historicalKeys = new Map<number, readonly bigint[]>();

  constructor(
    private readonly region: SyntheticRegion,
    private readonly options: HistoryOptions,
  ) {
    this.random = region.random;
    this.lastYear = options.firstYear + options.years - 1;
    this.inhabitants = region.members.reduce((sum, member) => sum + BigInt(member.inhabitants), 0n);
    // about € 60 historical BW and € 22 MO per inhabitant in the first year, ± 25 %
    this.historicalBase = this.random.vary(this.inhabitants * 6_000n, 250);
    this.moBase = this.random.vary(this.inhabitants * 2_200n, 250);
    this.historicalTenths = this.shares(1000n, 400);
    this.moHundredths = this.shares(10_000n, 300);
    const hasReserve = this.random.chance(70);
    this.reserve = hasReserve
      ? { fund: this.random.chance(35), fundTransfer: this.random.vary((this.historicalBase * 35n) / 10_000n, 300) }
      : undefined;
    this.solidarity = this.random.chance(40) ? { policyCorrections: this.random.chance(50) } : undefined;
  }

  /** Registration, the three keys, the agreements and the opening reserve, before the first year. */
  prologue(): CommandLine[] {
    const { regionId, members, central } = this.region;
    const first = this.options.firstYear;
    const lines: CommandLine[] = [
      {
        command: 'RegisterRegion',
        regionId,
        name: this.region.name,
        centralMunicipality: central.code,
        municipalities: members.map(({ code, name }) => ({ code, name })),
      },
      this.historicalKey(1, first, this.historicalTenths),
      this.objectiveKey(1, first),
      this.moKey(1, first, this.moHundredths),
    ];
    if (this.reserve) lines.push(this.reserveAgreement(1, first), this.reserveOpening());
    if (this.solidarity) lines.push(this.solidarityAgreement(1, first, this.solidarity));
    return lines;
  }

  /** The commands the region records in `month` of `year` (a year after the last holds only closings). */
  month(year: number, month: number): CommandLine[] {
    const lines: CommandLine[] = [];
    const previous = this.plans.get(year - 1);
    if (year > this.lastYear) {
      if (previous && month === 2) lines.push(...this.afterYear(previous));
      if (previous && month === 3) lines.push(this.close(previous.year));
      return lines;
    }
    if (month === 1) lines.push(...this.startYear(year));
    const plan = at(this.plans, year);
    const { regionId } = this.region;
    if (month === 2) {
      lines.push({ command: 'RunAllocation', regionId, year });
      if (previous) lines.push(...this.afterYear(previous));
    }
    if (month === 3 && previous) lines.push(this.close(previous.year));
    if (month === 4 && this.reserve?.fund && year === this.options.firstYear + 1)
      lines.push({
        command: 'TransferReserveToFund',
        regionId,
        transferId: `frictie-${year}`,
        year,
        fundId: 'frictie',
        amount: f(this.reserve.fundTransfer),
        reference: `Besluit regionaal overleg ${year}: frictiekosten afbouw intramurale plaatsen`,
      });
    if (month === 6) {
      lines.push(...this.circulaire(plan, 'mei', 200, 0));
      if (plan.revision) lines.push(...this.budgets(plan, 2));
      if (previous?.reopenAfterClosing) lines.push(...this.reopen(previous));
    }
    if (month === 7) {
      if (plan.revision) lines.push({ command: 'RunAllocation', regionId, year });
      if (previous?.reopenAfterClosing) lines.push(this.close(previous.year));
    }
    if (month === 9) lines.push(...this.circulaire(plan, 'sep', 150, 300));
    if (
      month === 10 &&
      this.reserve?.fund &&
      (year === this.options.firstYear + 2 || year === this.options.firstYear + 3)
    )
      lines.push(this.fundSpending(year, this.reserve.fundTransfer));
    if (month === 12) lines.push(...this.circulaire(plan, 'dec', -250, -300));
    lines.push(...this.invoices(plan, month));
    lines.push({
      command: 'RecordCoPayment',
      regionId,
      coPaymentId: `eb-bw-${year}-${pad2(month)}`,
      year,
      scheme: 'BW',
      amount: f(this.random.vary((plan.bwBudget * 4n) / 1200n, 100)),
      description: `Eigen bijdragen CAK ${pad2(month)}-${year}`,
    });
    if (QUARTER_MONTHS.has(month)) {
      const quarter = month / 3;
      lines.push({
        command: 'RecordCoPayment',
        regionId,
        coPaymentId: `eb-mo-${year}-q${quarter}`,
        year,
        scheme: 'MO',
        amount: f(this.random.vary(plan.moBudget / 400n, 200)),
      });
      lines.push(...this.advances(plan, quarter));
    }
    return lines;
  }

  private startYear(year: number): CommandLine[] {
    const index = year - this.options.firstYear;
    const lines: CommandLine[] = [];
    const objective = new Map<string, bigint>();
    for (const member of this.region.members) {
      // the objective budget grows along the phase-in path: € 8 + € 6 a year per inhabitant, ± 10 %
      objective.set(member.code, this.random.vary(BigInt(member.inhabitants) * BigInt(800 + 600 * index), 100));
      this.objectiveWeights.set(member.code, at(objective, member.code) / 100n);
    }
    // the historical budget shrinks 7 % of its first amount a year (never below a fifth of it)
    const historical = this.random.vary((this.historicalBase * BigInt(Math.max(20, 100 - 7 * index))) / 100n, 20);
    const moCentral = this.random.vary((this.moBase * BigInt(100 + 2 * index)) / 100n, 20);
    const bwBudget = this.random.vary((this.historicalBase * 35n * BigInt(100 + 2 * index)) / 10_000n, 30);
    // the skim C × (1 − p/100) stays at most 45 % of the historical payments: p rises as they shrink
    const objectivePct = Math.max(0, 100 - Number((45n * historical) / bwBudget));
    const moBudget = this.random.vary((moCentral * 45n) / 100n, 30);
    const revision = this.random.chance(30)
      ? { bw: 1000 + this.random.int(-50, 50), mo: this.random.chance(50) ? 1000 + this.random.int(-50, 50) : 1000 }
      : undefined;
    const plan: YearPlan = {
      year,
      historical,
      moCentral,
      objective,
      bwBudget,
      objectivePct,
      moBudget,
      revision,
      // gross costs: the net budget plus co-payments, ± 8 %, so that the provisions end each year near zero
      bwCosts: this.random.vary((bwBudget * 104n) / 100n, 80),
      moCosts: this.random.vary((moBudget * 101n) / 100n, 80),
      reopenAfterClosing: year < this.lastYear && this.random.chance(5),
    };
    this.plans.set(year, plan);

    if (index > 0) lines.push(this.objectiveKey(index + 1, year));
    if (index === 4 || index === 8) lines.push(this.moKey(index / 4 + 1, year, this.shares(10_000n, 300)));
    if (index === 5) lines.push(this.historicalKey(2, year, this.shares(1000n, 400)));
    if (index === 4 && this.solidarity && this.random.chance(25))
      lines.push(this.solidarityAgreement(2, year, this.solidarity));
    if (index === 5 && this.reserve && this.random.chance(30)) lines.push(this.reserveAgreement(2, year));

    lines.push(...this.budgets(plan, 1));
    const { central, members } = this.region;
    const reference = `septembercirculaire ${year - 1}`;
    lines.push(
      this.payment(`iu-${year}-0`, year, 'BW', 'historical', central.code, historical, reference),
      this.payment(`du-${year}-0`, year, 'MO', 'objective', central.code, moCentral, reference),
    );
    for (const member of members)
      lines.push(
        this.payment(
          `ob-${year}-${member.code}-0`,
          year,
          'BW',
          'objective',
          member.code,
          at(objective, member.code),
          reference,
        ),
      );
    return lines;
  }

  /**
   * Corrections of a circulaire: the historical BW and MO money ± spread (in basis points), the objective
   * budgets ± objectiveSpread; a negative spread takes money back (the decembercirculaire, mostly).
   */
  private circulaire(plan: YearPlan, name: string, spread: number, objectiveSpread: number): CommandLine[] {
    const { central, members } = this.region;
    const reference = `${name === 'mei' ? 'meicirculaire' : name === 'sep' ? 'septembercirculaire' : 'decembercirculaire'} ${plan.year}`;
    const correction = (amount: bigint, basisPoints: number) => {
      // spread < 0 draws from −|spread| to −|spread|/5
      const drawn =
        basisPoints < 0 ? -this.random.int(-basisPoints / 5, -basisPoints) : this.random.int(-basisPoints, basisPoints);
      return (amount * BigInt(drawn)) / 10_000n + BigInt(this.random.int(0, 99));
    };
    const lines: CommandLine[] = [];
    const { year } = plan;
    if (this.random.chance(name === 'dec' ? 70 : 60))
      lines.push(
        this.payment(
          `iu-${year}-${name}`,
          year,
          'BW',
          'historical',
          central.code,
          correction(plan.historical, spread),
          reference,
        ),
      );
    if (this.random.chance(50))
      lines.push(
        this.payment(
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
        if (this.random.chance(50))
          lines.push(
            this.payment(
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

  private payment(
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
      regionId: this.region.regionId,
      paymentId,
      year,
      scheme,
      basis,
      recipient,
      amount: f(amount),
      reference,
    };
  }

  private budgets(plan: YearPlan, version: number): CommandLine[] {
    const { regionId } = this.region;
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

  private invoices(plan: YearPlan, month: number): CommandLine[] {
    const lines: CommandLine[] = [];
    const { providers, regionId } = this.region;
    const perMonth = BigInt(12 * this.options.invoicesPerMonth);
    for (const scheme of ['BW', 'MO'] as const) {
      const own = providers.filter((provider) => provider.scheme === scheme);
      const weightSum = BigInt(own.reduce((sum, provider) => sum + provider.weight, 0));
      const yearly = scheme === 'BW' ? plan.bwCosts : plan.moCosts;
      for (const provider of own)
        for (let invoice = 1; invoice <= this.options.invoicesPerMonth; invoice += 1)
          lines.push({
            command: 'RecordRegionalCost',
            regionId,
            costId: `f-${plan.year}-${pad2(month)}-${provider.id}-${invoice}`,
            year: plan.year,
            scheme,
            amount: f(
              this.random.vary((yearly * BigInt(provider.weight)) / (weightSum * perMonth), 150) +
                BigInt(this.random.int(0, 99)),
            ),
            category: provider.category,
            provider: provider.name,
          });
    }
    return lines;
  }

  /**
   * Quarterly advances on the settlement: the central municipality pays each municipality a quarter of
   * its estimated net BW share (historical share less contribution) and of its MO share — a negative
   * advance; a municipality whose contribution exceeds its share pays it (a positive one).
   */
  private advances(plan: YearPlan, quarter: number): CommandLine[] {
    const lines: CommandLine[] = [];
    const { central, members } = this.region;
    const skim = (plan.bwBudget * BigInt(100 - plan.objectivePct)) / 100n;
    const historicalShares = this.split(plan.historical - skim, this.historicalWeights(plan.year));
    const contributions = this.split(plan.bwBudget - skim, this.objectiveWeights);
    const moShares = this.split(plan.moCentral - plan.moBudget, this.currentMoWeights(plan.year));
    for (const member of members) {
      if (member.code === central.code) continue;
      const bw = (at(contributions, member.code) - at(historicalShares, member.code)) / 4n;
      if (bw !== 0n)
        lines.push(this.advance(plan.year, quarter, 'BW', member, this.random.vary(bw, 20), 'Voorschot BW'));
      const mo = at(moShares, member.code) / 4n;
      if (mo > 0n)
        lines.push(this.advance(plan.year, quarter, 'MO', member, -this.random.vary(mo, 20), 'Voorschot aandeel MO'));
    }
    return lines;
  }

  private advance(
    year: number,
    quarter: number,
    scheme: 'BW' | 'MO',
    member: SyntheticMunicipality,
    amount: bigint,
    reference: string,
  ): CommandLine {
    return {
      command: 'RecordAdvance',
      regionId: this.region.regionId,
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
  private afterYear(plan: YearPlan): CommandLine[] {
    const lines: CommandLine[] = [];
    const { regionId, members } = this.region;
    const skim = (plan.bwBudget * BigInt(100 - plan.objectivePct)) / 100n;
    const historicalShares = this.split(plan.historical - skim, this.historicalWeights(plan.year));
    const contributions = this.split(plan.bwBudget - skim, this.objectiveWeights);
    const moShares = this.split(plan.moCentral - plan.moBudget, this.currentMoWeights(plan.year));
    for (const member of members) {
      const income =
        at(plan.objective, member.code) + at(historicalShares, member.code) - at(contributions, member.code);
      const care = this.random.vary(income > 0n ? income : at(plan.objective, member.code) / 2n, 150);
      lines.push({
        command: 'RecordLocalExpenditure',
        regionId,
        expenditureId: `lu-bw-${plan.year}-${member.code}`,
        year: plan.year,
        scheme: 'BW',
        municipality: member.code,
        careCosts: f(care),
        executionCosts: f(this.random.vary(care / 20n, 200)),
      });
      const moCare = this.random.vary(at(moShares, member.code), 150);
      lines.push({
        command: 'RecordLocalExpenditure',
        regionId,
        expenditureId: `lu-mo-${plan.year}-${member.code}`,
        year: plan.year,
        scheme: 'MO',
        municipality: member.code,
        careCosts: f(moCare),
        executionCosts: f(this.random.vary(moCare / 25n, 200)),
      });
      if (this.random.chance(this.solidarity?.policyCorrections ? 20 : 2))
        lines.push({
          command: 'RecordPolicyCorrection',
          regionId,
          correctionId: `bc-${plan.year}-${member.code}`,
          year: plan.year,
          municipality: member.code,
          amount: f((care * BigInt(this.random.int(10, 50))) / 1000n),
          justification: `Eigen beleidskeuze ${member.name}: uitbreiding begeleid wonen boven het regionale niveau`,
        });
    }
    return lines;
  }

  private close(year: number): CommandLine {
    return { command: 'CloseYear', regionId: this.region.regionId, year };
  }

  /** A late invoice after the closing: reopen the year, record it (and a nacalculatie), close again in July. */
  private reopen(plan: YearPlan): CommandLine[] {
    const { regionId, providers, central } = this.region;
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
        amount: f(this.random.vary(plan.bwCosts / 100n, 300)),
        category: provider.category,
        provider: provider.name,
        description: 'Nagekomen factuur na de afrekening',
      },
      this.payment(
        `ob-${plan.year}-${central.code}-nac`,
        plan.year,
        'BW',
        'objective',
        central.code,
        this.random.vary(at(plan.objective, central.code) / 200n, 300) + 1n,
        `nacalculatie ${plan.year}`,
      ),
    ];
  }

  /** Half of what the reserve transferred to the friction fund spent in `year`. */
  private fundSpending(year: number, fundTransfer: bigint): CommandLine {
    const toProviders = this.random.chance(60);
    const recipient = toProviders ? 'providers' : this.random.pick(this.region.members).code;
    return {
      command: 'RecordFundSpending',
      regionId: this.region.regionId,
      spendingId: `frictie-${year}`,
      year,
      fundId: 'frictie',
      scheme: 'BW',
      amount: f(fundTransfer / 2n),
      recipient,
    };
  }

  private historicalKey(version: number, validFrom: number, tenths: readonly bigint[]): CommandLine {
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

  private objectiveKey(version: number, validFrom: number): CommandLine {
    if (this.objectiveWeights.size === 0)
      for (const member of this.region.members)
        this.objectiveWeights.set(member.code, BigInt(member.inhabitants) * 8n + BigInt(this.random.int(0, 999)));
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

  private moKey(version: number, validFrom: number, hundredths: readonly bigint[]): CommandLine {
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

  private currentMoWeights(year: number): Map<string, bigint> {
    const from = Math.max(...[...this.moKeys.keys()].filter((validFrom) => validFrom <= year));
    return new Map(this.region.members.map((member, index) => [member.code, at(this.moKeys, from)[index]]));
  }

  private historicalWeights(year: number): Map<string, bigint> {
    const from = Math.max(...[...this.historicalKeys.keys()].filter((validFrom) => validFrom <= year));
    return new Map(this.region.members.map((member, index) => [member.code, at(this.historicalKeys, from)[index]]));
  }

  private reserveAgreement(version: number, validFrom: number): CommandLine {
    const both = version === 1 ? this.random.chance(80) : true;
    const [minPct, maxPct] = this.random.pick([
      ['3', '8'],
      ['5', '10'],
      ['5', '12.5'],
      ['7.5', '15'],
    ]);
    const fixed = this.random.chance(30);
    return {
      command: 'AdoptReserveAgreement',
      regionId: this.region.regionId,
      version,
      validFrom,
      schemes: both ? ['BW', 'MO'] : ['BW'],
      minPct,
      maxPct,
      base: fixed ? { fixed: f((this.historicalBase * 35n) / 100n) } : 'budget',
      toReservePct: this.random.pick(['100', '100', '80', '50']),
      replenishTo: 'min',
      payoutTo: this.random.pick(['max', 'max', 'min']),
      excessTo: this.random.chance(20) ? 'fund:frictie' : 'municipalities',
    };
  }

  private reserveOpening(): CommandLine {
    return {
      command: 'RecordReserveOpening',
      regionId: this.region.regionId,
      year: this.options.firstYear,
      amount: f(this.random.vary((this.historicalBase * 35n * 7n) / 10_000n, 300)),
      reference: `Stand regionale reserve per 31-12-${this.options.firstYear - 1}`,
    };
  }

  private solidarityAgreement(
    version: number,
    validFrom: number,
    solidarity: { readonly policyCorrections: boolean },
  ): CommandLine {
    const surcharge = this.random.chance(30);
    const weighted = this.random.chance(20);
    const phased = this.random.chance(30);
    return {
      command: 'AdoptSolidarityAgreement',
      regionId: this.region.regionId,
      version,
      validFrom,
      baseline: this.random.pick(['income', 'regional-average']),
      executionCosts: surcharge ? 'surcharge' : 'actual',
      ...(surcharge ? { surchargePct: this.random.pick(['10', '12.5', '15']) } : {}),
      cap: this.random.chance(60),
      ...(weighted
        ? {
            weights: Object.fromEntries(
              this.region.members.map((member) => [member.code, this.random.pick(['1', '1', '1.5', '2'])]),
            ),
          }
        : {}),
      policyCorrections: solidarity.policyCorrections,
      ownAccountPct: this.random.pick(['0', '25', '25', '50']),
      ...(phased ? { ownAccountPctByYear: { [String(validFrom)]: '75', [String(validFrom + 1)]: '50' } } : {}),
    };
  }

  /** Shares in whole units that sum exactly to `total`, by inhabitants ± spread (a percent key's figures). */
  private shares(total: bigint, spreadPermille: number): bigint[] {
    const weights = this.region.members.map((member) =>
      this.random.vary(BigInt(member.inhabitants) * 1000n, spreadPermille),
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

  private split(total: bigint, weights: ReadonlyMap<string, bigint>): Map<string, bigint> {
    if ([...weights.values()].every((weight) => weight === 0n))
      return new Map([...weights.keys()].map((code) => [code, 0n]));
    return allocate(
      total,
      [...weights].map(([code, weight]) => ({ code, weight: Rational.of(weight) })),
    );
  }
}
