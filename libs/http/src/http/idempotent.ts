import type { Request, Response } from 'express';
import { Principal } from '@libs/access';
import { IdempotencyStore } from '../idempotency/idempotency.store';
import { problem, ProblemException } from './problem';

export interface Reply {
  status: number;
  body: unknown;
}

const KEY = /^[A-Za-z0-9._:-]{1,200}$/;

/**
 * Runs a POST once per Idempotency-Key and token: a retry with the same body gets the first reply
 * again, the same key with another body is a conflict. Without the header the work simply runs.
 * Callers authorize the request before calling this, so a replay passes the same checks as the
 * first request did; replies are kept per token id, never shared between tokens.
 */
export async function idempotent(
  store: IdempotencyStore,
  principal: Principal,
  request: Request,
  response: Response,
  work: () => Promise<Reply>,
): Promise<unknown> {
  const key = request.header('idempotency-key');
  if (key === undefined) return send(response, await work());
  if (!KEY.test(key))
    throw new ProblemException(
      problem(400, 'INVALID_FIELD', 'Idempotency-Key must be 1–200 letters, digits or . _ : -', {
        field: 'Idempotency-Key',
      }),
    );
  const requestHash = IdempotencyStore.hash(request.method, request.originalUrl, request.body);
  return store.exclusive(principal.tokenId, key, async () => {
    const earlier = store.find(principal.tokenId, key);
    if (earlier) {
      if (earlier.requestHash !== requestHash) {
        throw new ProblemException(
          problem(409, 'IDEMPOTENCY_KEY_REUSED', `Idempotency-Key "${key}" was used before with another request`, {
            field: 'Idempotency-Key',
          }),
        );
      }
      response.setHeader('Idempotent-Replayed', 'true');
      response.status(earlier.status).type(earlier.contentType);
      return JSON.parse(earlier.body) as unknown;
    }
    const reply = await work();
    store.remember(principal.tokenId, key, requestHash, {
      status: reply.status,
      contentType: 'application/json',
      body: JSON.stringify(reply.body),
    });
    return send(response, reply);
  });
}

function send(response: Response, reply: Reply): unknown {
  response.status(reply.status);
  return reply.body;
}
