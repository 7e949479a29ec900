import { OpenAPIObject } from '@nestjs/swagger';
import { COMMAND_CATALOGUE, COMMAND_TYPES, commandJsonSchema } from '@libs/domain';

/** The most commands one request may carry (as POST /commands enforces). */
const MAX_COMMANDS = 10_000;

export const commandSchemaName = (type: string) => `${type}Command`;

/**
 * Puts one request schema per command into the document — from the same shapes and field parsers
 * the API parses with — and makes the body of POST /commands a discriminated `oneOf` on `command`
 * (one command or an array of them), with an example per command.
 */
export function addCommandSchemas(document: OpenAPIObject): OpenAPIObject {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const schemas: Record<string, unknown> = { ...document.components?.schemas };
  for (const type of COMMAND_TYPES) schemas[commandSchemaName(type)] = commandJsonSchema(type);
  schemas.Command = {
    description:
      'One command in the command-file shape: `command` names it, the other fields are its own. Unknown fields are refused.',
    oneOf: COMMAND_TYPES.map((type) => ref(commandSchemaName(type))),
    discriminator: {
      propertyName: 'command',
      mapping: Object.fromEntries(
        COMMAND_TYPES.map((type) => [type, `#/components/schemas/${commandSchemaName(type)}`]),
      ),
    },
  };
  const requestBody = {
    required: true,
    description: 'a command, or an array of commands applied in order',
    content: {
      'application/json': {
        schema: {
          oneOf: [ref('Command'), { type: 'array', items: ref('Command'), minItems: 1, maxItems: MAX_COMMANDS }],
        },
        examples: Object.fromEntries(
          COMMAND_TYPES.map((type) => [
            type,
            { summary: `${type} — ${COMMAND_CATALOGUE[type].nl}`, value: COMMAND_CATALOGUE[type].example },
          ]),
        ),
      },
    },
  };
  const paths = Object.fromEntries(
    Object.entries(document.paths).map(([path, item]) => [
      path,
      path.endsWith('/commands') && item.post ? { ...item, post: { ...item.post, requestBody } } : item,
    ]),
  );
  // the envelope DTO the controller declares is replaced by the schemas above
  if (!JSON.stringify({ ...document, paths, components: {} }).includes('#/components/schemas/CommandRequestDto'))
    delete schemas.CommandRequestDto;
  return { ...document, paths, components: { ...document.components, schemas } } as OpenAPIObject;
}
