import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import type { Request } from 'express';
import { LRUCache } from 'lru-cache';
import { rememberChecked } from './checked-params';
import { validationProblem } from './validation-problem';

type RouteArguments = Record<string, { index: number }>;

interface CheckedArgument {
  readonly source: 'params' | 'query';
  readonly type: new () => object;
}

const SOURCES = new Map<number, CheckedArgument['source']>([
  [RouteParamtypes.PARAM, 'params'],
  [RouteParamtypes.QUERY, 'query'],
]);

/** The DTO-typed path and query arguments of a handler, in the order of its arguments (path before query, as the URL reads). */
function checkedArguments(controller: object, handler: string): CheckedArgument[] {
  const routeArguments = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}) as RouteArguments;
  const types = (Reflect.getMetadata('design:paramtypes', (controller as { prototype: object }).prototype, handler) ??
    []) as unknown[];
  return Object.entries(routeArguments)
    .sort(([, a], [, b]) => a.index - b.index)
    .flatMap(([key, { index }]): CheckedArgument[] => {
      // Nest's key is `<RouteParamtypes>:<index>`
      const source = SOURCES.get(Number(key.split(':')[0]));
      const type = types[index];
      return source && typeof type === 'function' && type !== Object
        ? [{ source, type: type as new () => object }]
        : [];
    });
}

/**
 * Checks the path and the query parameters of a route together, before any pipe, so that one 400
 * lists every invalid parameter (NL API Design Rules: `invalidParams`); Nest's ValidationPipe checks
 * each argument on its own and the first refusal wins. The instances checked here are what the
 * handler gets (CheckedParamsPipe does not check them again). A guard rather than an interceptor: it runs after the token check and costs no RxJS
 * pipeline per request.
 */
/** How many valid path or query objects the guard keeps per DTO type (each a few short strings). */
const KEPT_PER_TYPE = 500;

/** A new instance of `type` with copies of what a kept one holds (a Date, a year range), so no handler shares them. */
function copyOf(kept: object, type: new () => object): object {
  const copy = Object.create(type.prototype as object) as Record<string, unknown>;
  for (const [name, value] of Object.entries(kept))
    copy[name] =
      value instanceof Date
        ? new Date(value.getTime())
        : typeof value === 'object' && value !== null
          ? structuredClone(value)
          : value;
  return copy;
}

@Injectable()
export class InvalidParamsGuard implements CanActivate {
  private readonly checked = new WeakMap<object, CheckedArgument[]>();
  /**
   * The instances built from values that passed, by their type and the values as sent: the parameter
   * rules and validators are functions of the text alone, so the same text of the same type passes again
   * and converts to the same values, and a statement asked for again costs no validation.
   */
  private readonly passed = new WeakMap<new () => object, LRUCache<string, object>>();

  canActivate(context: ExecutionContext): boolean {
    const handler = context.getHandler();
    let checks = this.checked.get(handler);
    if (!checks) {
      checks = checkedArguments(context.getClass(), handler.name);
      this.checked.set(handler, checks);
    }
    const request = context.switchToHttp().getRequest<Request>();
    const errors: ValidationError[] = [];
    const built: [object, object][] = [];
    const passing: [new () => object, string, object][] = [];
    for (const { source, type } of checks) {
      const values = request[source] as Record<string, unknown>;
      const text = JSON.stringify(values);
      const kept = this.passed.get(type)?.get(text);
      if (kept) {
        built.push([values, copyOf(kept, type)]);
        continue;
      }
      const instance = plainToInstance(type, values);
      built.push([values, instance]);
      passing.push([type, text, instance]);
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
    for (const [type, text, instance] of passing) this.keep(type, text, instance);
    for (const [values, instance] of built) rememberChecked(values, instance);
    return true;
  }

  private keep(type: new () => object, text: string, instance: object): void {
    let kept = this.passed.get(type);
    if (!kept) {
      kept = new LRUCache<string, object>({ max: KEPT_PER_TYPE });
      this.passed.set(type, kept);
    }
    kept.set(text, copyOf(instance, type));
  }
}
