import { ExecutionContext, Param, Query, ValidationPipe } from '@nestjs/common';
import { StatementQueryDto } from '../dto/queries.dto';
import { RegionYearParamsDto } from '../dto/region-year.params.dto';
import { CheckedParamsPipe } from './checked-params';
import { InvalidParamsGuard } from './invalid-params.guard';
import { ProblemException } from './problem';

class StatementRoute {
  statement(@Param() params: RegionYearParamsDto, @Query() query: StatementQueryDto): unknown {
    return { params, query };
  }
}

const statementHandler = Object.getOwnPropertyDescriptor(StatementRoute.prototype, 'statement')?.value as object;

/** The guard's view of a request to StatementRoute.statement with these path and query values. */
function contextOf(params: Record<string, string>, query: Record<string, string>): ExecutionContext {
  const request = { params, query };
  return {
    getHandler: () => statementHandler,
    getClass: () => StatementRoute,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe('InvalidParamsGuard and CheckedParamsPipe', () => {
  const pipe = new CheckedParamsPipe();
  const handed = async (guard: InvalidParamsGuard, params: Record<string, string>, query: Record<string, string>) => {
    expect(guard.canActivate(contextOf(params, query))).toBe(true);
    return {
      params: (await pipe.transform(params, { type: 'param', metatype: RegionYearParamsDto })) as RegionYearParamsDto,
      query: (await pipe.transform(query, { type: 'query', metatype: StatementQueryDto })) as StatementQueryDto,
    };
  };

  it('hands the handler the values it checked, converted, and a new instance for every request', async () => {
    const guard = new InvalidParamsGuard();
    const values = { regionId: 'west', year: '2024' };
    const query = { asOf: '2024-06-01', format: 'csv' };
    const checkedAgain = jest.spyOn(ValidationPipe.prototype, 'transform');
    const first = await handed(guard, values, query);
    const second = await handed(guard, { ...values }, { ...query });
    expect(checkedAgain).not.toHaveBeenCalled();
    checkedAgain.mockRestore();
    for (const answer of [first, second]) {
      expect(answer.params).toBeInstanceOf(RegionYearParamsDto);
      expect({ ...answer.params }).toEqual({ regionId: 'west', year: 2024 });
      expect(answer.query).toBeInstanceOf(StatementQueryDto);
      expect(answer.query.asOf).toEqual(new Date('2024-06-01T00:00:00Z'));
      expect(answer.query.format).toBe('csv');
    }
    expect(second.params).not.toBe(first.params);
    expect(second.query.asOf).not.toBe(first.query.asOf);
  });

  it('refuses invalid values every time, also after the same route passed with other values', async () => {
    const guard = new InvalidParamsGuard();
    await handed(guard, { regionId: 'west', year: '2024' }, {});
    for (let attempt = 0; attempt < 2; attempt += 1) {
      let refusal: unknown;
      try {
        guard.canActivate(contextOf({ regionId: 'west', year: 'twenty' }, { format: 'pdf', extra: '1' }));
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(ProblemException);
      const { invalidParams } = (refusal as ProblemException).problem as { invalidParams: { name: string }[] };
      expect(invalidParams.map(({ name }) => name)).toEqual(['year', 'format', 'extra']);
    }
  });
});
