import { UsageError } from '../cli-error';
import { CliContext } from '../cli-context';
import { parseOptions, requireOption } from '../cli-options';
import type * as Tokens from '../../../api/src/auth/token-store';

export const TOKEN_USAGE =
  'geldstroom token create --actor NAME --role admin|recorder|controller|municipality [--municipality GM…] [--region R] [--tokens FILE] | token list | token revoke --id ID';

/** Bearer tokens for the HTTP API; the token file (GELDSTROOM_TOKENS, ./data/tokens.json) keeps only hashes. */
export async function tokenCommand(context: CliContext): Promise<number> {
  const [action, ...args] = context.args;
  const { values } = parseOptions(args, {
    actor: { type: 'string' },
    role: { type: 'string' },
    municipality: { type: 'string' },
    region: { type: 'string' },
    tokens: { type: 'string' },
    id: { type: 'string' },
  });
  const { TokenStore, ROLES } = require('../../../api/src/auth/token-store') as typeof Tokens;
  const store = new TokenStore(values.tokens ?? (context.env.GELDSTROOM_TOKENS || './data/tokens.json'));
  switch (action) {
    case 'create': {
      const role = requireOption(values.role, 'role');
      if (!(ROLES as readonly string[]).includes(role))
        throw new UsageError(`--role must be one of ${ROLES.join(', ')}, got "${role}"`);
      try {
        const { token, principal } = store.create({
          actor: requireOption(values.actor, 'actor'),
          role: role as (typeof ROLES)[number],
          ...(values.municipality ? { municipality: values.municipality } : {}),
          ...(values.region ? { region: values.region } : {}),
        });
        context.io.out(token);
        context.io.err(
          `token ${principal.tokenId} for ${principal.actor} (${principal.role}) saved as a hash in ${store.file}; it is not shown again`,
        );
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
      return 0;
    }
    case 'list':
      context.io.out(JSON.stringify(store.list(), null, 2));
      return 0;
    case 'revoke':
      if (!store.revoke(requireOption(values.id, 'id'))) {
        context.io.err(`geldstroom: no active token with id ${values.id}`);
        return 1;
      }
      context.io.err(`token ${values.id} revoked`);
      return 0;
    default:
      throw new UsageError(`token needs an action: create, list or revoke`);
  }
}
