import { parseAmount } from '@libs/money';
import { Statement } from '@libs/projections';
import { inNameOrder } from '../name-order';

/** A value per municipality and year, in cents. */
export interface MemberSeries {
  readonly code: string;
  readonly name: string;
  readonly byYear: ReadonlyMap<number, bigint>;
}

export interface Ingroeipad {
  readonly years: number[];
  /** historical BW money passed on to each municipality by the region */
  readonly historical: MemberSeries[];
  /** the Rijk's objective BW budget paid to each municipality */
  readonly objective: MemberSeries[];
}

const codesOf = (statements: readonly Statement[]) =>
  [...new Set(statements.flatMap((statement) => Object.keys(statement.municipalities)))].sort();

/** Each municipality's values by year, listed by name as the region page's member list is (see inNameOrder). */
function series(statements: readonly Statement[], value: (statement: Statement, code: string) => string | undefined) {
  const all = codesOf(statements).map((code): MemberSeries => {
    const byYear = new Map<number, bigint>();
    let name = code;
    for (const statement of statements) {
      const member = statement.municipalities[code];
      if (!member) continue;
      name = member.name;
      const amount = value(statement, code);
      if (amount !== undefined) byYear.set(statement.year, parseAmount(amount));
    }
    return { code, name, byYear };
  });
  return inNameOrder(all);
}

/** Per municipality and year: the historical share and the objective Rijk budget (the phase-in path). */
export function ingroeipadData(statements: readonly Statement[]): Ingroeipad {
  return {
    years: statements.map((statement) => statement.year),
    historical: series(statements, (statement, code) => statement.municipalities[code].bw.historicalShare),
    objective: series(statements, (statement, code) => statement.municipalities[code].bw.rijkObjective),
  };
}

export interface ReserveYear {
  readonly year: number;
  readonly closing: bigint;
  readonly min: bigint | null;
  readonly max: bigint | null;
  readonly fromResults: bigint;
  readonly replenished: bigint;
  readonly paidOut: bigint;
  readonly toFunds: bigint;
}

/** The reserve per year with its band, for the years that have a reserve block in their statement. */
export function reserveData(statements: readonly Statement[]): ReserveYear[] {
  return statements.flatMap((statement): ReserveYear[] => {
    const reserve = statement.reserve;
    if (!reserve) return [];
    return [
      {
        year: statement.year,
        closing: parseAmount(reserve.closing),
        min: reserve.min === null ? null : parseAmount(reserve.min),
        max: reserve.max === null ? null : parseAmount(reserve.max),
        fromResults: parseAmount(reserve.fromResults),
        replenished: parseAmount(reserve.replenished),
        paidOut: parseAmount(reserve.paidOut),
        toFunds: parseAmount(reserve.toFunds),
      },
    ];
  });
}

export interface MemberMoney {
  readonly years: number[];
  /** the BW contribution (negative: paid) */
  readonly contributions: MemberSeries[];
  /** the settlement amount (+ to receive, − to pay) */
  readonly due: MemberSeries[];
}

/** Per municipality and year: what it contributed and what is due at the settlement. */
export function memberMoneyData(statements: readonly Statement[]): MemberMoney {
  return {
    years: statements.map((statement) => statement.year),
    contributions: series(statements, (statement, code) => statement.municipalities[code].bw.regionalContribution),
    due: series(statements, (statement, code) => statement.municipalities[code].due),
  };
}
