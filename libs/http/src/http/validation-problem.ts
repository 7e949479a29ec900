import type { ValidationError } from 'class-validator';
import { InvalidParam, problem, ProblemException } from './problem';

/** The ValidationPipe's findings on path and query parameters as one 400 that lists every invalid one. */
export function validationProblem(errors: ValidationError[]): ProblemException {
  const invalidParams: InvalidParam[] = errors.map((error) => {
    const unknown = error.constraints?.whitelistValidation !== undefined;
    const message = unknown ? 'unknown parameter' : (Object.values(error.constraints ?? {})[0] ?? 'is not valid');
    return {
      name: error.property,
      code: unknown ? 'UNKNOWN_FIELD' : 'INVALID_FIELD',
      reason: message,
    };
  });
  const [first] = invalidParams;
  return new ProblemException(
    problem(
      400,
      first?.code ?? 'INVALID_FIELD',
      invalidParams.map(({ name, reason }) => `${name}: ${reason}`).join('; '),
      { field: first?.name, invalidParams },
    ),
  );
}
