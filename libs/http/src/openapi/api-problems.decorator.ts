import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { InvalidParam, ProblemDocument } from './problem.dto';

const WHEN: Record<number, string> = {
  400: 'a parameter or field is invalid (`invalidParams` lists every one), or the body is malformed',
  401: 'no valid bearer token',
  403: "the token's role or region does not allow this",
  404: 'the region, year or payment is unknown (or has nothing recorded)',
  409: 'an id or version reused with other content, or an Idempotency-Key reused with another request',
  413: 'the body is larger than the limit',
  415: 'the body is not application/json in UTF-8, or has an unsupported Content-Encoding',
  422: 'a rule of the ledger refused the command (e.g. YEAR_CLOSED)',
  503: 'the event store is unavailable',
};

/** Documents the error answers of a route: each status as an application/problem+json ProblemDocument. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ApiExtraModels(ProblemDocument, InvalidParam),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: WHEN[status],
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDocument) } } },
      }),
    ),
  );
}

/** The response header that marks a reply repeated for an Idempotency-Key. */
export const REPLAYED_HEADER = {
  'Idempotent-Replayed': {
    description: 'true when this is the stored reply to an earlier request with the same Idempotency-Key',
    schema: { type: 'string', enum: ['true'] },
  },
};

export const IDEMPOTENCY_KEY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description:
    'a retry with the same key and body by the same token returns the first reply (with Idempotent-Replayed: true); the same key with another body is a 409',
};
