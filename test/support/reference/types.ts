/** The shapes the reference's parts share. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a command as written in a command file
export type Raw = { command: string } & Record<string, any>;
export type Scheme = 'BW' | 'MO';
export type PerM = Map<string, bigint>;

export interface YearRecord {
  skimBW: bigint;
  distBW: PerM;
  contrib: PerM;
  skimMO: bigint;
  distMO: PerM;
  toReserve: Record<Scheme, bigint>;
  settled: Record<Scheme, PerM>;
  replenished: Record<Scheme, PerM>;
  paidOut: Record<Scheme, PerM>;
  excessToFund: bigint;
  solidarity: PerM | undefined;
  closed: boolean;
  everClosed: boolean;
}

/** what the solidarity step reads of a region */
export interface RegionFacts {
  members: { code: string; name: string }[];
  rec(year: number): YearRecord;
  list(command: string, year: number, scheme?: Scheme): Fact[];
  sum(command: string, year: number, scheme?: Scheme, m?: string): bigint;
  rijk(year: number, scheme: Scheme, m: string): bigint;
}

export interface Fact {
  year: number;
  scheme: Scheme;
  amount: bigint;
  m: string;
  basis: string;
  care: bigint;
  exec: bigint;
}
