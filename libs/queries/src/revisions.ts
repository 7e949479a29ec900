import { Command } from '@libs/domain';
import { REVISABLE_COMMANDS, Revision } from '@libs/projections';

/** Why a command cannot revise a region's history in a what-if (its field and the reason), or undefined. */
export function revisionRefusal(
  command: Command,
  regionId: string,
): { readonly field: 'command' | 'regionId'; readonly reason: string } | undefined {
  if (!(REVISABLE_COMMANDS as readonly string[]).includes(command.type))
    return { field: 'command', reason: `a what-if revises only ${REVISABLE_COMMANDS.join(', ')}` };
  if (command.regionId !== regionId)
    return { field: 'regionId', reason: `the revision is for "${command.regionId}", not "${regionId}"` };
  return undefined;
}

export const isRevision = (command: Command, regionId: string): command is Revision =>
  revisionRefusal(command, regionId) === undefined;
