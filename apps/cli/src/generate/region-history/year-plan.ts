/** What a region expects for one budget year, drawn when the year starts; all money in whole cents. */
export interface YearPlan {
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
