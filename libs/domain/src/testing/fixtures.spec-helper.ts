import { Accounts } from '../accounts';
import { AllocationTrail, KeyReference } from '../events/derived.events';
import { RegionRegistered } from '../events/fact.events';
import { eur, RawCommand } from './decider.spec-helper';

/**
 * A small region for decider tests: three municipalities, Alpha the central one, with the three
 * keys the rules use. Weights are chosen so that splits leave remainders to distribute.
 */
export const R = 'test-region';
export const ALPHA = 'GM0001';
export const BETA = 'GM0002';
export const GAMMA = 'GM0003';

export const registerRegion: RawCommand = {
  command: 'RegisterRegion',
  regionId: R,
  name: 'Testregio',
  centralMunicipality: ALPHA,
  municipalities: [
    { code: ALPHA, name: 'Alpha' },
    { code: BETA, name: 'Beta' },
    { code: GAMMA, name: 'Gamma' },
  ],
};

/** The event `registerRegion` records (members in code order). */
export const regionRegistered: RegionRegistered = {
  type: 'RegionRegistered',
  data: {
    regionId: R,
    name: 'Testregio',
    centralMunicipality: ALPHA,
    municipalities: [
      { code: ALPHA, name: 'Alpha' },
      { code: BETA, name: 'Beta' },
      { code: GAMMA, name: 'Gamma' },
    ],
  },
};

export const key = (
  keyId: string,
  weights: [string, string, string],
  extra: Record<string, unknown> = {},
): RawCommand => ({
  command: 'AdoptDistributionKey',
  regionId: R,
  keyId,
  version: 1,
  validFrom: 2023,
  unit: 'percent',
  basis: `basis of ${keyId}`,
  weights: { [ALPHA]: weights[0], [BETA]: weights[1], [GAMMA]: weights[2] },
  ...extra,
});

export const keys: RawCommand[] = [
  key('bw-historical', ['50', '30', '20']),
  key('bw-objective', ['40', '35', '25']),
  key('mo-objective', ['60', '25', '15']),
];

let counter = 0;
const nextId = (prefix: string) => `${prefix}-${++counter}`;

export const payment = (
  scheme: 'BW' | 'MO',
  basis: 'historical' | 'objective',
  recipient: string,
  amount: string,
  year = 2024,
  paymentId = nextId('p'),
): RawCommand => ({
  command: 'RecordRijkPayment',
  regionId: R,
  paymentId,
  year,
  scheme,
  basis,
  recipient,
  amount,
});

export const budget = (
  scheme: 'BW' | 'MO',
  amount: string,
  extra: Record<string, unknown> = {},
  year = 2024,
): RawCommand => ({
  command: 'AdoptRegionalBudget',
  regionId: R,
  version: 1,
  year,
  scheme,
  amount,
  ...extra,
});

export const cost = (scheme: 'BW' | 'MO', amount: string, year = 2024, costId = nextId('c')): RawCommand => ({
  command: 'RecordRegionalCost',
  regionId: R,
  costId,
  year,
  scheme,
  amount,
});

export const coPayment = (scheme: 'BW' | 'MO', amount: string, year = 2024): RawCommand => ({
  command: 'RecordCoPayment',
  regionId: R,
  coPaymentId: nextId('cp'),
  year,
  scheme,
  amount,
});

export const expenditure = (
  municipality: string,
  careCosts: string,
  executionCosts = '0',
  year = 2024,
  scheme: 'BW' | 'MO' = 'BW',
): RawCommand => ({
  command: 'RecordLocalExpenditure',
  regionId: R,
  expenditureId: nextId('e'),
  year,
  scheme,
  municipality,
  careCosts,
  executionCosts,
});

export const reserveAgreement = (extra: Record<string, unknown> = {}): RawCommand => ({
  command: 'AdoptReserveAgreement',
  regionId: R,
  version: 1,
  validFrom: 2023,
  schemes: ['BW', 'MO'],
  minPct: '5',
  maxPct: '10',
  base: { fixed: '1000.00' },
  ...extra,
});

export const solidarityAgreement = (extra: Record<string, unknown> = {}): RawCommand => ({
  command: 'AdoptSolidarityAgreement',
  regionId: R,
  version: 1,
  validFrom: 2023,
  baseline: 'income',
  executionCosts: 'actual',
  cap: false,
  policyCorrections: false,
  ownAccountPct: '0',
  ...extra,
});

export const run = (year = 2024): RawCommand => ({ command: 'RunAllocation', regionId: R, year });
export const close = (year = 2024): RawCommand => ({ command: 'CloseYear', regionId: R, year });
export const reopen = (year = 2024, reason = 'nacalculatie'): RawCommand => ({
  command: 'ReopenYear',
  regionId: R,
  year,
  reason,
});

export const account = {
  bwHistorical: Accounts.bwHistorical(R),
  moBudget: Accounts.moBudget(R),
  bwProvisions: Accounts.provisions(R, 'BW'),
  moProvisions: Accounts.provisions(R, 'MO'),
  reserve: Accounts.reserve(R),
  fund: (id: string) => Accounts.fund(R, id),
  bw: (code: string) => Accounts.municipality(code, 'BW'),
  mo: (code: string) => Accounts.municipality(code, 'MO'),
};

/** The key reference a derived event carries for one of the fixture keys (weights summing to 100). */
export const keyRef = (keyId: string, version = 1): KeyReference => ({
  keyId,
  version,
  basis: `basis of ${keyId}`,
  unit: 'percent',
  weightSum: '100',
});

/** One row of an allocation trail: code, weight, exact quota, target, largest-remainder cent, previous, delta. */
export type TrailRow = [
  code: string,
  weight: string,
  quota: string,
  target: string,
  cent: string,
  previous: string,
  delta: string,
];

/** An allocation trail written as a table, amounts in euros. */
export const trail = (total: string, previousTotal: string, rows: TrailRow[]): AllocationTrail => ({
  total: eur(total),
  previousTotal: eur(previousTotal),
  lines: rows.map(([code, weight, quota, target, cent, previous, delta]) => ({
    code,
    weight,
    quota,
    target: eur(target),
    remainderCent: eur(cent),
    previous: eur(previous),
    delta: eur(delta),
  })),
});
