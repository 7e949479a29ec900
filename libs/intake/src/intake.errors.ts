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

/**
 * How many issues a refused input lists; the rest are only counted. A workbook of 50.000 bad rows
 * would otherwise hold an issue per bad cell — Dutch reason, place, the parser's words — and answer
 * tens of megabytes that nobody reads: the first hundred say what is wrong, and fixing them comes first.
 */
export const MAX_ISSUES = 100;

/**
 * The issues of one input in file order: the first `cap` kept, the rest counted. An issue is made by
 * a function so that one beyond the cap costs nothing but the count.
 */
export class IssueList {
  readonly listed: IntakeIssue[] = [];
  /** issues found beyond the cap */
  more = 0;

  constructor(private readonly cap: number = MAX_ISSUES) {}

  add(make: () => IntakeIssue): void {
    if (this.listed.length < this.cap) this.listed.push(make());
    else this.more += 1;
  }

  addAll(found: readonly IntakeIssue[]): void {
    for (const one of found) this.add(() => one);
  }

  get total(): number {
    return this.listed.length + this.more;
  }
}

/** Input that cannot be applied: nothing of it was recorded. `message` is the first issue. */
export class IntakeError extends Error {
  constructor(
    /** the first MAX_ISSUES issues, in file order */
    readonly issues: readonly IntakeIssue[],
    /** the preview made before the problem was found, when there is one */
    readonly report?: unknown,
    /** how many issues were found beyond `issues` */
    readonly moreIssues = 0,
  ) {
    super(issues[0]?.message ?? 'de invoer is afgewezen');
    this.name = 'IntakeError';
  }
}
