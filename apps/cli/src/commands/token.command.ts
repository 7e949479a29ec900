import { ROLES, TokenStore } from '@libs/access';
import { Ledger } from '@libs/ledger';
import { ExitCode, UsageError } from '../cli-error';
import { CliContext, withStore } from '../cli-context';
import { optionalParameterOption, parseOptions, requireOption, storeOption } from '../cli-options';
import { municipalityParameter, regionIdParameter } from '@libs/queries';

/** Bearer tokens for the HTTP API; the token file (GELDSTROOM_TOKENS, ./data/tokens.json) keeps only hashes. */
export async function tokenCommand(context: CliContext): Promise<number> {
  const [action, ...args] = context.args;
  const { values } = parseOptions(args, {
    ...storeOption,
    actor: { type: 'string' },
    role: { type: 'string' },
    municipality: { type: 'string' },
    region: { type: 'string' },
    tokens: { type: 'string' },
    id: { type: 'string' },
  });
  const store = new TokenStore(values.tokens ?? (context.env.GELDSTROOM_TOKENS || './data/tokens.json'));
  switch (action) {
    case 'create': {
      const role = requireOption(values.role, 'role');
      if (!(ROLES as readonly string[]).includes(role))
        throw new UsageError(`--role must be one of ${ROLES.join(', ')}, got "${role}"`);
      const actor = requireOption(values.actor, 'actor');
      const municipality = optionalParameterOption(values.municipality, 'municipality', municipalityParameter);
      const region = optionalParameterOption(values.region, 'region', regionIdParameter);
      if (municipality !== undefined || region !== undefined) {
        const refusal = await scopeRefusal(context, values.store, region, municipality);
        if (refusal) {
          context.io.err(`geldstroom: ${refusal}; no token created`);
          return ExitCode.rejected;
        }
      }
      try {
        const { token, principal } = store.create({
          actor,
          role: role as (typeof ROLES)[number],
          ...(municipality !== undefined ? { municipality } : {}),
          ...(region !== undefined ? { region } : {}),
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

/**
 * Why a token limited to a region or a municipality would be useless in this store: a region that is
 * not registered, or a municipality that belongs to that region (or, without --region, to any) not.
 */
async function scopeRefusal(
  context: CliContext,
  storeUrl: string | undefined,
  regionId: string | undefined,
  municipality: string | undefined,
): Promise<string | undefined> {
  return withStore(context, storeUrl, async (store) => {
    const ledger = new Ledger(store);
    const regionIds = await ledger.regionIds();
    const where = `the store ${store.description}`;
    if (regionId !== undefined && !regionIds.includes(regionId))
      return `region "${regionId}" is not in ${where} (${regionIds.length ? `regions: ${regionIds.join(', ')}` : 'it holds no regions yet'})`;
    if (municipality === undefined) return undefined;
    const candidates = regionId !== undefined ? [regionId] : regionIds;
    for (const id of candidates) if ((await ledger.regionState(id)).isMember(municipality)) return undefined;
    return regionId !== undefined
      ? `${municipality} is not a member of region ${regionId} (members: ${(await ledger.regionState(regionId)).memberCodes().join(', ')})`
      : `${municipality} is a member of no region in ${where}`;
  });
}
