import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import { validationProblem } from './validation-problem';

type RouteArguments = Record<string, { index: number }>;

/**
 * Checks the path and the query parameters of a route together, before any pipe, so that one 400
 * lists every invalid parameter (NL API Design Rules: `invalidParams`). Nest's ValidationPipe checks
 * each argument on its own and the first refusal wins; it still runs afterwards and converts the values.
 */
@Injectable()
export class InvalidParamsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const handler = context.getHandler().name;
    const routeArguments: RouteArguments = Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler) ?? {};
    const types: unknown[] = Reflect.getMetadata('design:paramtypes', context.getClass().prototype, handler) ?? [];
    const request = context.switchToHttp().getRequest<Request>();
    const errors: ValidationError[] = [];
    // in the order of the handler's arguments: path before query, as the URL reads
    for (const [key, { index }] of Object.entries(routeArguments).sort(([, a], [, b]) => a.index - b.index)) {
      const source = Number(key.split(':')[0]);
      const values =
        source === RouteParamtypes.PARAM
          ? request.params
          : source === RouteParamtypes.QUERY
            ? request.query
            : undefined;
      const type = types[index];
      if (values === undefined || typeof type !== 'function' || type === Object) continue;
      const instance = plainToInstance(type as new () => object, values);
      // class-transformer drops __proto__ (and the like) without a word: such a name is unknown like any other
      const dropped = Object.keys(values)
        .filter((name) => !Object.hasOwn(instance, name))
        .map((name) =>
          Object.assign(new ValidationError(), { property: name, constraints: { whitelistValidation: name } }),
        );
      const order = Object.keys(values);
      const position = (error: ValidationError) =>
        order.includes(error.property) ? order.indexOf(error.property) : order.length;
      errors.push(
        ...[...validateSync(instance, { whitelist: true, forbidNonWhitelisted: true }), ...dropped].sort(
          (a, b) => position(a) - position(b),
        ),
      );
    }
    if (errors.length > 0) throw validationProblem(errors);
    return next.handle();
  }
}
