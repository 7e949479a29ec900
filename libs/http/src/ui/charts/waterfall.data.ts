import { parseAmount } from '@libs/money';
import { Statement } from '@libs/projections';

export interface WaterfallStep {
  readonly label: string;
  /** a movement up or down, or a subtotal drawn from zero */
  readonly kind: 'up' | 'down' | 'total';
  readonly from: bigint;
  readonly to: bigint;
  /** the statement line the step shows, for its explanation */
  readonly line: string;
}

export interface Waterfall {
  readonly scheme: 'BW' | 'MO';
  readonly steps: WaterfallStep[];
  readonly result: bigint;
  /** what the closing still has to assign: zero once the year is closed */
  readonly unassigned: bigint;
}

/**
 * The year result of the regional provisions of one scheme as a waterfall: what came in (the skim,
 * for BW the contributions: together the budget; then the co-payments), the costs, the result, and
 * where the result went (the reserve, the settlement with the municipalities).
 */
export function waterfallData(statement: Statement, scheme: 'BW' | 'MO'): Waterfall {
  const lines = scheme === 'BW' ? statement.bw : statement.mo;
  const skimmed = parseAmount(lines.skimmed);
  const contributions = scheme === 'BW' ? parseAmount(statement.bw.contributions) : 0n;
  const coPayments = parseAmount(lines.coPayments);
  const costs = parseAmount(lines.costs);
  const toReserve = parseAmount(lines.toReserve);
  const settled = parseAmount(lines.settledWithMunicipalities);
  const steps: WaterfallStep[] = [];
  let level = 0n;
  const move = (label: string, delta: bigint, line: string) => {
    steps.push({ label, kind: delta < 0n ? 'down' : 'up', from: level, to: level + delta, line });
    level += delta;
  };
  const total = (label: string, line: string) => steps.push({ label, kind: 'total', from: 0n, to: level, line });
  move('Afroming', skimmed, 'skimmed');
  if (scheme === 'BW') {
    move('Bijdragen gemeenten', contributions, 'contributions');
    total('Begroting', 'budget');
  }
  move('Eigen bijdragen', coPayments, 'coPayments');
  move('Kosten', -costs, 'costs');
  total('Resultaat', 'result');
  const result = level;
  move('Naar reserve', -toReserve, 'toReserve');
  move('Verrekend met gemeenten', -settled, 'settledWithMunicipalities');
  total('Nog te bestemmen', 'unassigned');
  return { scheme, steps, result, unassigned: level };
}
