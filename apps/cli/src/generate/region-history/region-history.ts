import { at } from '@libs/domain/model';
import { SyntheticRegion } from '../national-layout';
import { SeededRandom } from '../seeded-random';
import { reserveAgreement, reserveOpening, solidarityAgreement } from './agreements';
import { budgets } from './budgets';
import { CommandLine, f, pad2 } from './command-line';
import { DistributionKeys } from './distribution-keys';
import { advances, afterYear } from './municipal-flows';
import { fundSpending, invoices, reopen } from './regional-costs';
import { circulaire, payment } from './rijk-payments';
import { YearPlan } from './year-plan';

export interface HistoryOptions {
  readonly firstYear: number;
  readonly years: number;
  /** invoices each provider sends every month */
  readonly invoicesPerMonth: number;
}

const QUARTER_MONTHS = new Set([3, 6, 9, 12]);

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
  private readonly keys: DistributionKeys;
  private readonly historicalTenths: readonly bigint[];
  private readonly moHundredths: readonly bigint[];

  constructor(
    private readonly region: SyntheticRegion,
    private readonly options: HistoryOptions,
  ) {
    this.random = region.random;
    this.keys = new DistributionKeys(region);
    this.lastYear = options.firstYear + options.years - 1;
    this.inhabitants = region.members.reduce((sum, member) => sum + BigInt(member.inhabitants), 0n);
    // about € 60 historical BW and € 22 MO per inhabitant in the first year, ± 25 %
    this.historicalBase = this.random.vary(this.inhabitants * 6_000n, 250);
    this.moBase = this.random.vary(this.inhabitants * 2_200n, 250);
    this.historicalTenths = this.keys.shares(1000n, 400);
    this.moHundredths = this.keys.shares(10_000n, 300);
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
      this.keys.historicalKey(1, first, this.historicalTenths),
      this.keys.objectiveKey(1, first),
      this.keys.moKey(1, first, this.moHundredths),
    ];
    if (this.reserve)
      lines.push(
        reserveAgreement(this.region, this.historicalBase, 1, first),
        reserveOpening(this.region, this.historicalBase, this.options.firstYear),
      );
    if (this.solidarity) lines.push(solidarityAgreement(this.region, 1, first, this.solidarity));
    return lines;
  }

  /** The commands the region records in `month` of `year` (a year after the last holds only closings). */
  month(year: number, month: number): CommandLine[] {
    const lines: CommandLine[] = [];
    const previous = this.plans.get(year - 1);
    if (year > this.lastYear) {
      if (previous && month === 2) lines.push(...afterYear(this.region, this.keys, this.solidarity, previous));
      if (previous && month === 3) lines.push(this.close(previous.year));
      return lines;
    }
    if (month === 1) lines.push(...this.startYear(year));
    const plan = at(this.plans, year);
    const { regionId } = this.region;
    if (month === 2) {
      lines.push({ command: 'RunAllocation', regionId, year });
      if (previous) lines.push(...afterYear(this.region, this.keys, this.solidarity, previous));
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
      lines.push(...circulaire(this.region, plan, 'mei', 200, 0));
      if (plan.revision) lines.push(...budgets(this.region, plan, 2));
      if (previous?.reopenAfterClosing) lines.push(...reopen(this.region, previous));
    }
    if (month === 7) {
      if (plan.revision) lines.push({ command: 'RunAllocation', regionId, year });
      if (previous?.reopenAfterClosing) lines.push(this.close(previous.year));
    }
    if (month === 9) lines.push(...circulaire(this.region, plan, 'sep', 150, 300));
    if (
      month === 10 &&
      this.reserve?.fund &&
      (year === this.options.firstYear + 2 || year === this.options.firstYear + 3)
    )
      lines.push(fundSpending(this.region, year, this.reserve.fundTransfer));
    if (month === 12) lines.push(...circulaire(this.region, plan, 'dec', -250, -300));
    lines.push(...invoices(this.region, plan, month, this.options.invoicesPerMonth));
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
      lines.push(...advances(this.region, this.keys, plan, quarter));
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
      this.keys.objectiveWeights.set(member.code, at(objective, member.code) / 100n);
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

    if (index > 0) lines.push(this.keys.objectiveKey(index + 1, year));
    if (index === 4 || index === 8) lines.push(this.keys.moKey(index / 4 + 1, year, this.keys.shares(10_000n, 300)));
    if (index === 5) lines.push(this.keys.historicalKey(2, year, this.keys.shares(1000n, 400)));
    if (index === 4 && this.solidarity && this.random.chance(25))
      lines.push(solidarityAgreement(this.region, 2, year, this.solidarity));
    if (index === 5 && this.reserve && this.random.chance(30))
      lines.push(reserveAgreement(this.region, this.historicalBase, 2, year));

    lines.push(...budgets(this.region, plan, 1));
    const { central, members } = this.region;
    const reference = `septembercirculaire ${year - 1}`;
    lines.push(
      payment(this.region, `iu-${year}-0`, year, 'BW', 'historical', central.code, historical, reference),
      payment(this.region, `du-${year}-0`, year, 'MO', 'objective', central.code, moCentral, reference),
    );
    for (const member of members)
      lines.push(
        payment(
          this.region,
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

  private close(year: number): CommandLine {
    return { command: 'CloseYear', regionId: this.region.regionId, year };
  }
}
