import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class InvalidParam {
  @ApiProperty({
    example: 'amount',
    description: 'the parameter or body field, e.g. "year", "weights.GM0546", "[2].amount"',
  })
  name!: string;

  @ApiProperty({ example: 'INVALID_FIELD' })
  code!: string;

  @ApiProperty({ example: 'must be a decimal string such as "1234.56", got 12.5 (a JSON number)' })
  reason!: string;

  @ApiPropertyOptional({
    example: 'paymentId "p1" is already recorded with other content',
    description:
      "the ledger's own (English) words, when `reason` says them for the reader (the Dutch reasons of a spreadsheet import)",
  })
  original?: string;
}

/** RFC 9457 problem details, as every error of the API is sent (application/problem+json). */
export class ProblemDocument {
  @ApiProperty({ example: 'urn:geldstroom:problem:invalid-field' })
  type!: string;

  @ApiProperty({ example: 'Bad Request' })
  title!: string;

  @ApiProperty({ example: 400, type: 'integer' })
  status!: number;

  @ApiProperty({ example: 'amount: must be a decimal string such as "1234.56", got 12.5 (a JSON number)' })
  detail!: string;

  @ApiPropertyOptional({ example: '/api/v1/commands' })
  instance?: string;

  @ApiProperty({ example: 'INVALID_FIELD', description: 'stable machine-readable code' })
  code!: string;

  @ApiPropertyOptional({ example: 'amount', description: 'the (first) field or parameter to blame' })
  field?: string;

  @ApiPropertyOptional({ type: 'integer', description: 'the index of the refused command in an array body' })
  index?: number;

  @ApiPropertyOptional({ type: [InvalidParam], description: 'every invalid parameter or field of the request' })
  invalidParams?: InvalidParam[];

  @ApiPropertyOptional({
    type: 'integer',
    example: 48900,
    description:
      'of a refused spreadsheet import: how many problems were found beyond those listed in `issues` and `invalidParams` (fix those first)',
  })
  moreIssues?: number;

  @ApiPropertyOptional({ example: '41c1e01a-6f1e-4d2e-9b1a-2f4c5d6e7f80', description: 'as in X-Request-Id' })
  requestId?: string;
}
