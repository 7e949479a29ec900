/**
 * A synthetic region of a fixed, simple shape: `members` municipalities over `years` years, each year
 * with its Rijk payments, budgets, costs, local expenditure, an allocation run and a closing. The fault
 * tests use it; the benchmark's data sets come from `geldstroom generate` (apps/cli/src/generate).
 */
export function generateRegion(regionId: string, members: number, years: number, firstYear = 2023): string[] {
  const codes = Array.from({ length: members }, (_, index) => `GM${String(1000 + index).padStart(4, '0')}`);
  const lines = setupCommands(regionId, codes, firstYear);
  for (let offset = 0; offset < years; offset += 1)
    lines.push(...yearCommands(regionId, codes, firstYear + offset, offset));
  return lines.map((line) => JSON.stringify(line));
}

/** The region, its keys (weights spread by a fixed formula), the reserve and solidarity agreements, the opening reserve. */
function setupCommands(regionId: string, codes: readonly string[], firstYear: number): object[] {
  const lines: object[] = [
    {
      command: 'RegisterRegion',
      regionId,
      name: `Benchmarkregio ${regionId}`,
      centralMunicipality: codes[0],
      municipalities: codes.map((code, index) => ({ code, name: `Gemeente ${index + 1}` })),
    },
  ];
  const weights = (seed: number) =>
    Object.fromEntries(codes.map((code, index) => [code, String(((index * 37 + seed * 11) % 97) + 1)]));
  for (const [seed, keyId] of ['bw-historical', 'bw-objective', 'mo-objective'].entries()) {
    lines.push({
      command: 'AdoptDistributionKey',
      regionId,
      keyId,
      version: 1,
      validFrom: firstYear,
      unit: 'weight',
      basis: 'benchmark',
      weights: weights(seed),
    });
  }
  lines.push({
    command: 'AdoptReserveAgreement',
    regionId,
    version: 1,
    validFrom: firstYear,
    schemes: ['BW', 'MO'],
    minPct: '5',
    maxPct: '10',
    base: 'budget',
    toReservePct: '80',
  });
  lines.push({
    command: 'AdoptSolidarityAgreement',
    regionId,
    version: 1,
    validFrom: firstYear,
    baseline: 'regional-average',
    executionCosts: 'actual',
    cap: true,
    policyCorrections: false,
    ownAccountPct: '25',
  });
  lines.push({ command: 'RecordReserveOpening', regionId, year: firstYear, amount: '500000.00' });
  return lines;
}

/** One year: payments and budgets, the allocation run, costs and local expenditure, the closing. */
function yearCommands(regionId: string, codes: readonly string[], year: number, offset: number): object[] {
  return [
    ...fundingCommands(regionId, codes, year, offset),
    { command: 'RunAllocation', regionId, year },
    ...spendingCommands(regionId, codes, year, offset),
    { command: 'CloseYear', regionId, year },
  ];
}

/** An amount of whole euros with cents that vary by amount and year, so no two totals look alike. */
const eurosIn = (year: number) => (value: number) => `${value}.${String((value * 7 + year) % 100).padStart(2, '0')}`;

/** The year's Rijk payments (central and per member) and regional budgets. */
function fundingCommands(regionId: string, codes: readonly string[], year: number, offset: number): object[] {
  const lines: object[] = [];
  const euros = eurosIn(year);
  lines.push({
    command: 'RecordRijkPayment',
    regionId,
    paymentId: `iu-${year}`,
    year,
    scheme: 'BW',
    basis: 'historical',
    recipient: codes[0],
    amount: euros(40_000_000 - offset * 1_000_000),
  });
  lines.push({
    command: 'RecordRijkPayment',
    regionId,
    paymentId: `du-${year}`,
    year,
    scheme: 'MO',
    basis: 'objective',
    recipient: codes[0],
    amount: euros(11_000_000),
  });
  codes.forEach((code, index) =>
    lines.push({
      command: 'RecordRijkPayment',
      regionId,
      paymentId: `obj-${year}-${code}`,
      year,
      scheme: 'BW',
      basis: 'objective',
      recipient: code,
      amount: euros(100_000 + index * 1_000 + offset * 50_000),
    }),
  );
  lines.push({
    command: 'AdoptRegionalBudget',
    regionId,
    version: 1,
    year,
    scheme: 'BW',
    amount: euros(6_000_000),
    objectivePct: String(offset * 3),
  });
  lines.push({ command: 'AdoptRegionalBudget', regionId, version: 1, year, scheme: 'MO', amount: euros(4_600_000) });
  return lines;
}

/** The year's regional costs, co-payments and each member's local expenditure. */
function spendingCommands(regionId: string, codes: readonly string[], year: number, offset: number): object[] {
  const lines: object[] = [];
  const euros = eurosIn(year);
  lines.push({
    command: 'RecordRegionalCost',
    regionId,
    costId: `bw-${year}`,
    year,
    scheme: 'BW',
    amount: euros(6_100_000 - offset * 20_000),
  });
  lines.push({
    command: 'RecordRegionalCost',
    regionId,
    costId: `mo-${year}`,
    year,
    scheme: 'MO',
    amount: euros(4_550_000),
  });
  lines.push({
    command: 'RecordCoPayment',
    regionId,
    coPaymentId: `eb-${year}`,
    year,
    scheme: 'BW',
    amount: euros(250_000),
  });
  codes.forEach((code, index) =>
    lines.push({
      command: 'RecordLocalExpenditure',
      regionId,
      expenditureId: `le-${year}-${code}`,
      year,
      scheme: 'BW',
      municipality: code,
      careCosts: euros(120_000 + ((index * 7919) % 60_000) + offset * 40_000),
      executionCosts: euros(9_000),
    }),
  );
  return lines;
}
