import { oneOf } from '@libs/domain';
import { applyPlanned, IntakeError, NewRegion, newRegionCommands, PlannedCommand } from '@libs/intake';
import { Ledger, newCommandId } from '@libs/ledger';
import { municipalityParameter, versionParameter } from '@libs/queries';
import { readFileSync } from 'node:fs';
import { ExitCode, UsageError } from '../cli-error';
import { CliContext, defaultActor, withStore } from '../cli-context';
import {
  optionalParameterOption,
  parameterOption,
  parseOptions,
  regionOption,
  requireOption,
  storeOption,
  yearOption,
} from '../cli-options';
import { intakeErrorLines } from './apply-spreadsheets';

const unitParameter = oneOf('percent', 'weight');

function readMembers(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}

/** The region to set up, every option read by the rule of its field. */
function newRegionOf(args: string[]): { region: NewRegion; dryRun: boolean; actor?: string; store?: string } {
  const { values } = parseOptions(args, {
    ...storeOption,
    region: { type: 'string' },
    name: { type: 'string' },
    central: { type: 'string' },
    members: { type: 'string' },
    year: { type: 'string' },
    unit: { type: 'string' },
    'key-version': { type: 'string' },
    basis: { type: 'string' },
    'dry-run': { type: 'boolean' },
    actor: { type: 'string' },
  });
  const membersFile = requireOption(values.members, 'members');
  const region: NewRegion = {
    regionId: regionOption(values.region),
    name: requireOption(values.name, 'name'),
    centralMunicipality: parameterOption(values.central, 'central', municipalityParameter),
    validFrom: values.year === undefined ? undefined : yearOption(values.year),
    unit: optionalParameterOption(values.unit, 'unit', unitParameter),
    keyVersion: optionalParameterOption(values['key-version'], 'key-version', versionParameter),
    basis: values.basis,
    membersFile,
    data: readMembers(membersFile),
  };
  return { region, dryRun: values['dry-run'] === true, actor: values.actor, store: values.store };
}

function summary(region: NewRegion, planned: readonly PlannedCommand[], events: readonly number[], dryRun: boolean) {
  const recorded = events.reduce((total, count) => total + count, 0);
  const [registration, ...keys] = planned.map(({ command }) => command);
  const members = registration?.type === 'RegisterRegion' ? registration.municipalities.length : 0;
  const keyIds = keys.map((command) => (command.type === 'AdoptDistributionKey' ? command.keyId : ''));
  return [
    `${dryRun ? 'dry run: would record' : 'recorded'} ${recorded} event(s): region ${region.regionId} with ${members} municipalities${keyIds.length > 0 ? `, keys ${keyIds.join(', ')}` : ''}${recorded === 0 ? ' (already recorded as given)' : ''}`,
    `next: geldstroom template --region ${region.regionId} --year ${region.validFrom ?? new Date().getFullYear()} --out ${region.regionId}.xlsx`,
  ].join('\n');
}

/**
 * Sets up a region from a members file (code;naam, and optionally one column per distribution key):
 * RegisterRegion and the keys, checked whole before anything is recorded.
 */
export async function initCommand(context: CliContext): Promise<number> {
  const { region, dryRun, actor, store: storeUrl } = newRegionOf(context.args);
  return withStore(
    context,
    storeUrl,
    async (store) => {
      try {
        const planned = newRegionCommands(region);
        const events = await applyPlanned(planned, {
          ledger: new Ledger(store, { dryRun }),
          actor: actor ?? defaultActor(context.env),
          correlationId: newCommandId(),
        });
        context.io.err(summary(region, planned, events, dryRun));
        return 0;
      } catch (error) {
        if (!(error instanceof IntakeError)) throw error;
        context.io.err(intakeErrorLines(error, 'er is niets vastgelegd'));
        return ExitCode.rejected;
      }
    },
    { create: !dryRun },
  );
}
