import { applyDecorators } from '@nestjs/common';
import { DomainError, FieldParser, yearKey } from '@libs/domain';
import { Transform } from 'class-transformer';
import { isISO8601, ValidateBy } from 'class-validator';

/** The domain parser's reason why a value is refused, or undefined when it passes. */
function refusal(parse: FieldParser<unknown>, value: unknown, field: string): string | undefined {
  try {
    parse(value, field);
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) return error.reason;
    throw error;
  }
}

/**
 * A path or query parameter checked by the domain's own field parser (style: one rule in one place),
 * on the text as sent; the message is the domain's reason alone (the problem adds the parameter's name).
 */
export function ParsedBy(parse: FieldParser<unknown>): PropertyDecorator {
  return ValidateBy({
    name: 'parsedBy',
    validator: {
      validate: (value, args) => refusal(parse, value, args?.property ?? '') === undefined,
      defaultMessage: (args) => refusal(parse, args?.value, args?.property ?? '') ?? 'is not valid',
    },
  });
}

/**
 * A year parameter: the domain's year rule on the text as sent (so "0x7e8", "2024.0", "+2024",
 * " 2024" and "0042" are refused rather than read as numbers), handed to the controller as a number.
 */
export function IsYearText(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value, key }) => (refusal(yearKey, value, key) === undefined ? Number(value) : value)),
    ValidateBy({
      name: 'isYearText',
      validator: {
        validate: (value) => typeof value === 'number',
        defaultMessage: (args) => refusal(yearKey, args?.value, args?.property ?? '') ?? 'is not valid',
      },
    }),
  );
}

/** A range of years such as "2023-2025", each end by the domain's year rule. */
const yearRange: FieldParser<[number, number]> = (value, field) => {
  if (typeof value !== 'string' || !/^[^-]+-[^-]+$/.test(value))
    throw new DomainError('INVALID_FIELD', `must be a range of years such as "2023-2025"`, field);
  const [from, to] = value.split('-');
  return [Number(yearKey(from, field)), Number(yearKey(to, field))];
};

export const IsYearRange = () => ParsedBy(yearRange);

/** An RFC 3339 moment (2026-03-01T12:00:00Z, with an offset, or a date 2026-03-01); no week or ordinal dates. */
const MOMENT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

const moment: FieldParser<Date> = (value, field) => {
  if (
    typeof value !== 'string' ||
    !MOMENT.test(value) ||
    !isISO8601(value, { strict: true, strictSeparator: true }) ||
    Number.isNaN(Date.parse(value))
  )
    throw new DomainError(
      'INVALID_FIELD',
      'must be an ISO 8601 moment such as 2026-03-01T12:00:00Z or a date such as 2026-03-01',
      field,
    );
  return new Date(value);
};

export const IsMoment = () => ParsedBy(moment);
