import { fmt } from './fraction';
import type { Raw } from './region';

/** A seeded generator (mulberry32) of random but valid regions and years for the statement reference. */
export class Random {
  private a: number;
  constructor(seed: number) {
    this.a = seed >>> 0;
  }
  next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  big(min: number, max: number): bigint {
    return BigInt(this.int(min, max));
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** a decimal string up to max with up to `scale` awkward decimals */
  decimal(max: number, scale = 3): string {
    const whole = this.int(0, max);
    const digits = whole === max ? 0 : this.int(0, scale);
    return digits ? `${String(whole)}.${String(this.int(1, 10 ** digits - 1)).padStart(digits, '0')}` : String(whole);
  }
}

export const YEARS = [2023, 2024, 2025];

/** One region's command file: keys, agreements, three years of facts, closes, reopenings. */
export class RegionGenerator {
  readonly r: Random;
  readonly base: { regionId: string };
  readonly codes: string[];
  readonly central: string;
  readonly commands: Raw[] = [];
  private id = 0;

  constructor(readonly seed: number) {
    this.r = new Random(seed);
    this.base = { regionId: `ref-${String(seed)}` };
    const n = this.r.int(3, 40);
    const first = this.r.int(1, 900);
    this.codes = Array.from({ length: n }, (_, i) => `GM${String(first + i * 3).padStart(4, '0')}`);
    this.central = this.r.pick(this.codes);
  }

  generate(): Raw[] {
    const { r } = this;
    this.push('RegisterRegion', {
      name: `Referentie ${String(this.seed)}`,
      centralMunicipality: this.central,
      municipalities: this.codes.map((code, i) => ({ code, name: `Gemeente ${String(i)}` })),
    });
    for (const keyId of ['bw-historical', 'bw-objective', 'mo-objective']) this.keys(keyId);
    if (r.chance(0.75)) this.reserveAgreement();
    if (r.chance(0.6)) this.push('RecordReserveOpening', { year: 2023, amount: this.money(-50_000_000, 300_000_000) });
    if (r.chance(0.6)) this.solidarityAgreement();
    const emptyYear = r.chance(0.3) ? 2024 : undefined;
    for (const year of YEARS) {
      if (year !== emptyYear) this.facts(year);
      if (r.chance(0.85)) this.closeCycle(year);
    }
    if (r.chance(0.4)) this.closeCycle(this.r.pick(YEARS.filter((y) => y !== emptyYear)), true);
    this.push('CloseYear', { year: 2031 });
    return this.commands;
  }

  private push(command: string, fields: Record<string, unknown>): void {
    this.commands.push({ command, ...this.base, ...fields });
  }
  private next(): string {
    return `x${String(this.id++)}`;
  }
  private money(min: number, max: number): string {
    return fmt(this.r.big(min, max));
  }

  private weights(unit: 'percent' | 'weight'): Record<string, string> {
    const w: Record<string, string> = {};
    if (unit === 'percent') {
      // tenths that sum to 100 give or take up to 0.9
      let left = 1000 + this.r.int(-9, 9);
      for (const [i, code] of this.codes.entries()) {
        const part =
          i === this.codes.length - 1 ? left : this.r.int(0, Math.floor((2 * left) / (this.codes.length - i)));
        left -= part;
        w[code] = `${String(Math.floor(part / 10))}.${String(part % 10)}`;
      }
      return w;
    }
    // equal weights make largest-remainder ties, broken by code
    const equal = this.r.chance(0.2) ? this.r.pick(['1', '0.3', '7']) : undefined;
    for (const code of this.codes) w[code] = equal ?? (this.r.chance(0.15) ? '0' : this.r.decimal(40, 4));
    if (Object.values(w).every((v) => Number(v) === 0)) w[this.codes[0]] = '1';
    return w;
  }

  private keys(keyId: string): void {
    for (let version = 1, versions = this.r.int(1, 3); version <= versions; version++) {
      const from2023 = version === 1 || this.r.chance(0.4);
      const validity = from2023
        ? { validFrom: 2023, ...(version > 1 && this.r.chance(0.4) ? { validTo: this.r.pick([2023, 2024]) } : {}) }
        : { validFrom: this.r.pick([2024, 2025]) };
      const unit = this.r.chance(0.4) ? 'percent' : 'weight';
      this.push('AdoptDistributionKey', {
        keyId,
        version,
        ...validity,
        unit,
        basis: `basis ${String(version)}`,
        weights: this.weights(unit),
      });
    }
  }

  private reserveAgreement(): void {
    const { r } = this;
    for (let version = 1, versions = r.int(1, 2); version <= versions; version++) {
      const minPct = r.decimal(8, 3);
      const excess = r.chance(0.3) ? 'fund:frictie' : 'municipalities';
      this.push('AdoptReserveAgreement', {
        version,
        validFrom: r.pick(YEARS),
        schemes: r.pick([['BW', 'MO'], ['BW'], ['MO']]),
        minPct,
        maxPct: `${String(Math.floor(Number(minPct)) + r.int(1, 10))}.${String(r.int(0, 99))}`,
        base: r.chance(0.5) ? 'budget' : { fixed: this.money(0, 3_000_000_000) },
        toReservePct: r.decimal(100, 2),
        replenishTo: r.pick(['min', 'max']),
        payoutTo: r.pick(['min', 'max']),
        excessTo: excess,
      });
    }
  }

  private solidarityAgreement(): void {
    const { r } = this;
    const surcharge = r.chance(0.5);
    const weights = r.chance(0.5)
      ? Object.fromEntries(
          this.codes
            .filter((_, i) => i === 0 || r.chance(0.5))
            .map((c) => [c, `${String(r.int(0, 3))}.${String(r.int(1, 99))}`]),
        )
      : undefined;
    this.push('AdoptSolidarityAgreement', {
      version: 1,
      validFrom: r.pick(YEARS),
      baseline: r.pick(['income', 'regional-average']),
      executionCosts: surcharge ? 'surcharge' : 'actual',
      ...(surcharge ? { surchargePct: r.decimal(30, 2) } : {}),
      cap: r.chance(0.5),
      ...(weights ? { weights } : {}),
      policyCorrections: r.chance(0.5),
      ownAccountPct: r.decimal(100, 2),
      ...(r.chance(0.3) ? { ownAccountPctByYear: { '2024': r.decimal(100, 1) } } : {}),
    });
  }

  /** amounts summing to total, some of them negative corrections */
  private split(total: bigint, parts: number): bigint[] {
    const list = Array.from({ length: parts - 1 }, () => this.r.big(-1_000_000, 30_000_000));
    return [...list, total - list.reduce((a, b) => a + b, 0n)];
  }

  private facts(year: number): void {
    const { r, central } = this;
    const C = r.big(0, 2_000_000_000);
    const CMO = r.big(0, 800_000_000);
    const payment = (scheme: string, basis: string, recipient: string, amount: bigint) => {
      this.push('RecordRijkPayment', { paymentId: this.next(), year, scheme, basis, recipient, amount: fmt(amount) });
    };
    for (const amount of this.split(C + r.big(0, 1_000_000_000), r.int(1, 3)))
      payment('BW', 'historical', central, amount);
    for (const amount of this.split(CMO + r.big(0, 500_000_000), r.int(1, 2)))
      payment('MO', 'objective', central, amount);
    for (const code of this.codes.filter((c) => c !== central && r.chance(0.6)))
      payment(r.pick(['BW', 'BW', 'MO']), 'objective', code, r.big(-100_000, 400_000_000));
    if (r.chance(0.5)) payment('BW', 'objective', central, r.big(0, 400_000_000));
    const revised = r.chance(0.3);
    if (revised)
      this.push('AdoptRegionalBudget', {
        version: 1,
        year,
        scheme: 'BW',
        amount: fmt(C / 2n),
        objectivePct: r.decimal(100, 2),
      });
    this.push('AdoptRegionalBudget', {
      version: revised ? 2 : 1,
      year,
      scheme: 'BW',
      amount: fmt(C),
      objectivePct: r.chance(0.3) ? r.pick(['12.5', '50', '0.5', '87.5']) : r.decimal(100, 3),
    });
    if (CMO > 0n || r.chance(0.5))
      this.push('AdoptRegionalBudget', { version: 1, year, scheme: 'MO', amount: fmt(CMO) });
    this.regionalFacts(year);
    this.municipalFacts(year);
  }

  private regionalFacts(year: number): void {
    const { r } = this;
    for (const scheme of ['BW', 'MO'])
      for (let i = r.int(0, 3); i > 0; i--)
        this.push('RecordRegionalCost', {
          costId: this.next(),
          year,
          scheme,
          amount: this.money(-5_000_000, 900_000_000),
        });
    if (r.chance(0.6))
      this.push('RecordCoPayment', {
        coPaymentId: this.next(),
        year,
        scheme: r.pick(['BW', 'MO']),
        amount: this.money(0, 50_000_000),
      });
    if (r.chance(0.3)) {
      const amount = r.big(1, 20_000_000);
      this.push('TransferReserveToFund', { transferId: this.next(), year, fundId: 'frictie', amount: fmt(amount) });
      this.push('RecordFundSpending', {
        spendingId: this.next(),
        year,
        fundId: 'frictie',
        scheme: r.pick(['BW', 'MO']),
        amount: fmt(amount / 2n),
        recipient: r.chance(0.3) ? 'providers' : r.pick(this.codes),
      });
    }
  }

  private municipalFacts(year: number): void {
    const { r } = this;
    for (const code of this.codes) {
      if (r.chance(0.7))
        this.push('RecordLocalExpenditure', {
          expenditureId: this.next(),
          year,
          scheme: r.pick(['BW', 'BW', 'MO']),
          municipality: code,
          careCosts: this.money(0, 500_000_000),
          executionCosts: this.money(0, 50_000_000),
        });
      if (r.chance(0.2))
        this.push('RecordPolicyCorrection', {
          correctionId: this.next(),
          year,
          municipality: code,
          amount: this.money(-1_000_000, 30_000_000),
          justification: 'beleid',
        });
      if (r.chance(0.3))
        this.push('RecordAdvance', {
          advanceId: this.next(),
          year,
          scheme: r.pick(['BW', 'MO']),
          municipality: code,
          amount: this.money(-20_000_000, 200_000_000),
        });
    }
  }

  /** run, close, and up to two reopenings with a late cost or payment, mostly closed again */
  private closeCycle(year: number, reopenFirst = false): void {
    const { r } = this;
    if (reopenFirst) this.reopen(year);
    else {
      if (r.chance(0.5)) this.push('RunAllocation', { year });
      this.push('CloseYear', { year });
    }
    if (r.chance(0.3)) this.repeatOrLate(year);
    for (let k = r.int(0, 2); k > 0; k--) this.reopen(year);
  }

  /** a fact recorded again with the same content (nothing happens), or a new one (refused if closed) */
  private repeatOrLate(year: number): void {
    const facts = this.commands.filter((c) => c.year === year && /^Record(?!ReserveOpening)/.test(c.command));
    if (facts.length && this.r.chance(0.5)) this.commands.push({ ...this.r.pick(facts) });
    else
      this.push('RecordCoPayment', { coPaymentId: this.next(), year, scheme: 'MO', amount: this.money(1, 9_999_999) });
  }

  private reopen(year: number): void {
    const { r } = this;
    this.push('ReopenYear', { year, reason: 'nacalculatie' });
    this.push('RecordRegionalCost', {
      costId: this.next(),
      year,
      scheme: r.pick(['BW', 'MO']),
      amount: this.money(-300_000_000, 600_000_000),
    });
    if (r.chance(0.5))
      this.push('RecordRijkPayment', {
        paymentId: this.next(),
        year,
        scheme: 'BW',
        basis: 'historical',
        recipient: this.central,
        amount: this.money(0, 100_000_000),
      });
    if (r.chance(0.7)) this.push('CloseYear', { year });
  }
}
