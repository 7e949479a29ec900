/** Where in the input a problem is: the file, and where it has them the sheet, row and column. */
export interface IntakeIssue {
  readonly file: string;
  readonly sheet?: string;
  readonly row?: number;
  readonly column?: string;
  /** the domain's code (INVALID_FIELD, ID_REUSED, YEAR_CLOSED, …) */
  readonly code: string;
  /** why, in Dutch (reasons.ts, refusals.ts) */
  readonly reason: string;
  /** the parser's, ledger's or file reader's own (English) words, when the reason was said for them */
  readonly original?: string;
  /** `FILE:SHEET:ROW: column: reason` */
  readonly message: string;
}

export function issue(
  where: { file: string; sheet?: string; row?: number; column?: string },
  reason: string,
  code = 'INVALID_FIELD',
  original?: string,
): IntakeIssue {
  const place = [where.file, where.sheet, where.row].filter((part) => part !== undefined).join(':');
  return {
    ...where,
    code,
    reason,
    ...(original !== undefined ? { original } : {}),
    message: `${place}: ${where.column !== undefined ? `${where.column}: ` : ''}${reason}`,
  };
}

/** Input that cannot be applied: nothing of it was recorded. `message` is the first issue. */
export class IntakeError extends Error {
  constructor(
    readonly issues: readonly IntakeIssue[],
    /** the preview made before the problem was found, when there is one */
    readonly report?: unknown,
  ) {
    super(issues[0]?.message ?? 'de invoer is afgewezen');
    this.name = 'IntakeError';
  }
}
