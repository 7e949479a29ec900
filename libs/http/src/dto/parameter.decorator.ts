import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { DescribedParser, DomainError, FieldSchema } from '@libs/domain';
import { Transform } from 'class-transformer';
import { IsOptional, ValidateBy } from 'class-validator';

/** What a parameter's rule said of a value it refused: kept in place of the value so the validator can tell why. */
class Refused {
  constructor(readonly reason: string) {}
}

function read(parse: DescribedParser<unknown>, value: unknown, name: string): unknown {
  if (value === undefined) return undefined;
  try {
    return parse(value, name);
  } catch (error) {
    if (error instanceof DomainError) return new Refused(error.reason);
    throw error;
  }
}

/** The parameter as the OpenAPI document shows it: the rule's own schema and words (parameters are scalars). */
function documented(schema: FieldSchema, required: boolean, description: string | undefined): ApiPropertyOptions {
  const type = schema.type === 'integer' || schema.type === 'boolean' ? schema.type : 'string';
  return {
    required,
    description: description ?? schema.description,
    type,
    ...(schema.format !== undefined ? { format: schema.format } : {}),
    ...(schema.pattern !== undefined ? { pattern: schema.pattern } : {}),
    ...(schema.enum !== undefined ? { enum: [...schema.enum] } : {}),
    ...(schema.minimum !== undefined ? { minimum: schema.minimum } : {}),
    ...(schema.maximum !== undefined ? { maximum: schema.maximum } : {}),
    ...(schema.minLength !== undefined ? { minLength: schema.minLength } : {}),
    ...(schema.maxLength !== undefined ? { maxLength: schema.maxLength } : {}),
    example: schema.example,
  };
}

/**
 * A path or query parameter read by the rule of its query parameter (@libs/queries), the rule the
 * CLI applies to the same option: on the text as sent, converted to what the rule returns (a year as
 * a number, a moment as a Date), refused with the rule's own reason, and documented with its schema.
 */
export function Parameter(
  parse: DescribedParser<unknown>,
  options: { readonly required?: boolean; readonly description?: string } = {},
): PropertyDecorator {
  const required = options.required ?? true;
  return applyDecorators(
    ApiProperty(documented(parse.schema, required, options.description)),
    ...(required ? [] : [IsOptional()]),
    Transform(({ value, key }) => read(parse, value, key)),
    ValidateBy({
      name: 'parameter',
      validator: {
        validate: (value) => value !== undefined && !(value instanceof Refused),
        defaultMessage: (args) => (args?.value instanceof Refused ? args.value.reason : 'is required'),
      },
    }),
  );
}
