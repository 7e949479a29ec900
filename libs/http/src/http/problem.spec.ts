import { DomainError, InvariantViolation } from '@libs/domain';
import { toProblem } from './problem';

describe('the HTTP edge: errors as problem documents', () => {
  it('a broken invariant is a 500 in one line, not a 422 "rejected"', () => {
    const problem = toProblem(new InvariantViolation('after closing 2024, region:r:reserve would hold\n5.00'));
    expect(problem).toEqual({
      type: 'urn:geldstroom:problem:invariant-violated',
      title: 'Internal Server Error',
      status: 500,
      code: 'INVARIANT_VIOLATED',
      detail: 'internal error, nothing was recorded: after closing 2024, region:r:reserve would hold 5.00',
    });
  });

  it('a rule refusing well-formed input is a 422 with the field apart from the reason', () => {
    expect(toProblem(new DomainError('YEAR_CLOSED', '2024 is closed; reopen it first', 'year'))).toMatchObject({
      status: 422,
      code: 'YEAR_CLOSED',
      field: 'year',
      detail: 'year: 2024 is closed; reopen it first',
    });
  });
});
