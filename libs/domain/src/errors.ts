/**
 * Domain errors are the rules refusing input: they carry a stable code and, where one field is to blame, its name. They turn into exit
 * codes or HTTP problem responses only at the edge.
 */
export type DomainErrorCode =
  | 'INVALID_FIELD'
  | 'MISSING_FIELD'
  | 'UNKNOWN_FIELD'
  | 'UNKNOWN_COMMAND'
  | 'UNKNOWN_REGION'
  | 'UNKNOWN_MUNICIPALITY'
  | 'REGION_CONFLICT'
  | 'ID_REUSED'
  | 'VERSION_CONFLICT'
  | 'INVALID_KEY'
  | 'KEY_NOT_IN_FORCE'
  | 'COMPONENTS_MISMATCH'
  | 'SKIM_EXCEEDS_FUNDS'
  | 'YEAR_CLOSED'
  | 'YEAR_EMPTY'
  | 'NOT_FOUND';

/** Which errors are a conflict with what is recorded (HTTP 409) rather than bad input or a refused rule. */
export const CONFLICT_CODES: ReadonlySet<DomainErrorCode> = new Set([
  'REGION_CONFLICT',
  'ID_REUSED',
  'VERSION_CONFLICT',
]);

/** Which errors are a domain rule refusing well-formed input (HTTP 422). */
export const RULE_CODES: ReadonlySet<DomainErrorCode> = new Set([
  'KEY_NOT_IN_FORCE',
  'SKIM_EXCEEDS_FUNDS',
  'YEAR_CLOSED',
  'YEAR_EMPTY',
]);

export class DomainError extends Error {
  /**
   * Every problem found in the same input when a parser checked all of it, this one first; empty when
   * this error is the only one. The edges report them all at once (HTTP `invalidParams`).
   */
  readonly issues: readonly DomainError[];

  constructor(
    readonly code: DomainErrorCode,
    readonly reason: string,
    readonly field?: string,
    issues: readonly DomainError[] = [],
  ) {
    super(field ? `${field}: ${reason}` : reason);
    this.name = 'DomainError';
    this.issues = issues;
  }
}

/** The errors found in one input as one error: the first one's code, field and message, all of them as issues. */
export function combineIssues(errors: readonly DomainError[]): DomainError {
  const all = errors.flatMap((error) => (error.issues.length > 0 ? error.issues : [error]));
  if (all.length === 1) return all[0];
  return new DomainError(all[0].code, all[0].reason, all[0].field, all);
}

export const invalidField = (field: string, reason: string) => new DomainError('INVALID_FIELD', reason, field);

/**
 * A broken invariant: money that does not add up, a pot that is not empty where the rules empty it.
 * It is a bug in Geldstroom, never a refusal of the input, so it is no DomainError: the edges answer
 * it as an internal error (exit code 70, HTTP 500) and record nothing.
 */
export class InvariantViolation extends Error {
  readonly code = 'INVARIANT_VIOLATED';

  constructor(message: string) {
    super(message);
    this.name = 'InvariantViolation';
  }
}

/** Asserts what must hold if the code is right (TigerBeetle style); the message is built only on failure. */
export function invariant(condition: boolean, message: () => string): asserts condition {
  if (!condition) throw new InvariantViolation(message());
}

/**
 * The end of an exhaustive switch: the compiler proves it unreachable (`value` is `never`), so
 * reaching it at run time is a bug — say which value got there.
 */
export function unreachable(value: never, what: string): never {
  const text = JSON.stringify(value, (_key, entry: unknown) => (typeof entry === 'bigint' ? `${entry}n` : entry));
  throw new InvariantViolation(`${what}: ${text}`);
}

/** The entry a map holds for a key the caller put there itself: its absence is a bug, said so. */
export function at<K, V>(map: ReadonlyMap<K, V>, key: K): V {
  const value = map.get(key);
  invariant(value !== undefined, () => `no entry for ${String(key)}`);
  return value;
}
