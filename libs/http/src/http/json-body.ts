import { duplicateJsonKey } from '@libs/ledger';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The one JSON body parser of the service, for Express and for a fast path that reads a body before Express. */
export interface JsonBodies {
  /** Express's middleware: a body read before Express is not read again, and its read error is raised here. */
  readonly middleware: RequestHandler;
  /**
   * Reads and parses a request's JSON body before Express, as the middleware would (the same parser and
   * settings): true when it did without an error. Either way the request may then go to Express, which
   * finds `request.body` as the parser left it, or the parser's error where it would have raised it.
   */
  read(request: IncomingMessage, response: ServerResponse): Promise<boolean>;
}

/** JSON bodies (application/json and application/*+json) up to `limitBytes`. */
export function jsonBodies(limitBytes: number): JsonBodies {
  // the bytes of each body read, kept for the look for a key given twice once the parser has its value
  const bytesOf = new WeakMap<IncomingMessage, Buffer>();
  const verify = (request: IncomingMessage, response: ServerResponse, body: Buffer) => {
    utf8Only(request, response, body);
    bytesOf.set(request, body);
  };
  const parseOnly: (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void =
    express.json({ limit: limitBytes, type: ['application/json', 'application/*+json'], verify });
  const parse = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => {
    parseOnly(request, response, (error?: unknown) => {
      const bytes = bytesOf.get(request);
      next(error ?? (bytes === undefined ? undefined : keyGivenTwice(bytes, (request as { body?: unknown }).body)));
    });
  };
  // the same parser typed as Express's own handler: body-parser declares it over Node's bare request and response
  const parser: RequestHandler = parse;
  // the outcome of each read done before Express: undefined (read) or the parser's error
  const readBefore = new WeakMap<object, unknown>();
  return {
    middleware: (request: Request, response: Response, next: NextFunction) => {
      if (readBefore.has(request)) next(readBefore.get(request));
      else parser(request, response, next);
    },
    read: (request: IncomingMessage, response: ServerResponse) =>
      new Promise((resolve) =>
        parse(request, response, (error?: unknown) => {
          readBefore.set(request, error);
          resolve(error === undefined);
        }),
      ),
  };
}

/**
 * JSON is UTF-8 (RFC 8259 §8.1). A body with bytes that are not — text saved as Windows-1252 — would be
 * decoded with U+FFFD in their place and recorded so; it is refused instead (400, see problem.ts).
 */
function utf8Only(_request: IncomingMessage, _response: ServerResponse, body: Buffer): void {
  if (!isUtf8(body))
    throw Object.assign(new Error('the request body is not valid UTF-8; send JSON in UTF-8'), {
      status: 400,
      type: NOT_UTF8,
    });
}

/** The type of the body reader's error for a body that is not UTF-8. */
export const NOT_UTF8 = 'entity.not.utf8';

/**
 * JSON.parse keeps the last of two equal keys without a word: `{"amount":"1,00","amount":"1000000,00"}`
 * would be recorded as the second. A body that gives a key twice in one object is refused instead (400,
 * see problem.ts), as a command file's line is; the bytes are looked at, not parsed again.
 */
function keyGivenTwice(bytes: Buffer, value: unknown): Error | undefined {
  const key = duplicateJsonKey(bytes, value);
  if (key === undefined) return undefined;
  return Object.assign(new Error(`the key ${JSON.stringify(key)} is given twice in one object; give each key once`), {
    status: 400,
    type: KEY_GIVEN_TWICE,
    key,
  });
}

/** The type of the body reader's error for a body that gives a key twice in one object. */
export const KEY_GIVEN_TWICE = 'entity.key.twice';
