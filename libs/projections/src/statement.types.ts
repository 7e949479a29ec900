import { ReserveMovement } from './reserve-movements';

/** The statement JSON of interface.md §3: amounts as strings with two decimals, money in positive. */
export interface BwRegionLines {
  rijkHistorical: string;
  skimmed: string;
  distributed: string;
  contributions: string;
  coPayments: string;
  costs: string;
  result: string;
  toReserve: string;
  settledWithMunicipalities: string;
}

export interface MoRegionLines {
  rijkRegional: string;
  skimmed: string;
  distributed: string;
  coPayments: string;
  costs: string;
  result: string;
  toReserve: string;
  settledWithMunicipalities: string;
}

export interface ReserveLines {
  opening: string;
  fromResults: string;
  replenished: string;
  paidOut: string;
  toFunds: string;
  closing: string;
  min: string | null;
  max: string | null;
  /**
   * Extra to interface.md §3, for the statement of movements of BBV art. 54: every movement by scheme
   * and kind, and the additions and withdrawals apart (opening + additions − withdrawals = closing).
   */
  movements: ReserveMovement[];
  additions: string;
  withdrawals: string;
}

export interface SolidarityLines {
  volume: string;
  transfers: Record<string, string>;
}

export interface MunicipalityBwLines {
  rijkObjective: string;
  historicalShare: string;
  regionalContribution: string;
  regionalSettlement: string;
  reserve: string;
  funds: string;
  solidarity: string;
  expenditure: string;
  result: string;
  advances: string;
  due: string;
}

export interface MunicipalityMoLines {
  rijk: string;
  regionalShare: string;
  regionalSettlement: string;
  reserve: string;
  funds: string;
  expenditure: string;
  result: string;
  advances: string;
  due: string;
}

export interface MunicipalityStatement {
  name: string;
  /** bw.due + mo.due: the amount on the settlement letter (+ the central municipality pays) */
  due: string;
  bw: MunicipalityBwLines;
  mo: MunicipalityMoLines;
}

export interface FundLines {
  opening: string;
  fromReserve: string;
  spent: string;
  closing: string;
}

export interface Statement {
  regionId: string;
  regionName: string;
  year: number;
  closed: boolean;
  bw: BwRegionLines;
  mo: MoRegionLines;
  reserve: ReserveLines | null;
  solidarity: SolidarityLines | null;
  funds: Record<string, FundLines>;
  municipalities: Record<string, MunicipalityStatement>;
  /** the head hash of the region's stream the statement was read from (absent for a what-if) */
  ledgerHash?: string;
}

export interface Balances {
  regionId: string;
  year: number;
  /** the sum of the year's postings per account (for the reserve and funds: the year's movements) */
  accounts: Record<string, string>;
  /**
   * Extra to interface.md §2: the accounts that run on over the years (the reserve, the funds) with
   * opening (the balance before the year plus a reserve opening recorded in it), movement and closing.
   */
  carried: Record<string, { opening: string; movement: string; closing: string }>;
}
