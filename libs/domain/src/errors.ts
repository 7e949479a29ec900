/**
 * Domain errors carry a stable code and, where one field is to blame, its name. They turn into exit
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
  | 'INVARIANT_VIOLATED'
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
  'INVARIANT_VIOLATED',
]);

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(field ? `${field}: ${message}` : message);
    this.name = 'DomainError';
  }
}

export const invalidField = (field: string, reason: string) => new DomainError('INVALID_FIELD', reason, field);
