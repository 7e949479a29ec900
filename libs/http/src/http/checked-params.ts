import { ArgumentMetadata, Injectable, ValidationPipe } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { validationProblem } from './validation-problem';

/**
 * The DTO instances InvalidParamsGuard built and checked, by the path or query object they were built
 * from: the pipe hands them to the handler instead of building and checking them a second time.
 */
const checked = new WeakMap<object, object>();

/** Called by the guard once `instance` (built from `values`) passed every check. */
export function rememberChecked(values: object, instance: object): void {
  checked.set(values, instance);
}

/**
 * Express 5 parses the query string again each time `request.query` is read; read once here, so that
 * the guard, the pipe and the handler all see the same object (and the pipe finds what the guard checked).
 */
export function queryParsedOnce() {
  return (request: Request, _response: Response, next: NextFunction) => {
    Object.defineProperty(request, 'query', { value: request.query, writable: true, configurable: true });
    next();
  };
}

/**
 * Nest's ValidationPipe with the service's options (unknown fields refused, values converted, one
 * problem+json 400), that does not check again a whole path or query object the guard already checked:
 * the guard's instance is what the pipe would have built from the same values. Bodies and single
 * parameters are checked here as before.
 */
@Injectable()
export class CheckedParamsPipe extends ValidationPipe {
  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationProblem });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if ((metadata.type === 'param' || metadata.type === 'query') && metadata.data === undefined) {
      const instance = typeof value === 'object' && value !== null ? checked.get(value) : undefined;
      if (instance !== undefined && metadata.metatype !== undefined && instance instanceof metadata.metatype)
        return instance;
    }
    return super.transform(value, metadata);
  }
}
