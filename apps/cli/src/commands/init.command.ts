import { applyPlanned, IntakeError, newRegionCommands } from '@libs/intake';
import { Ledger, newCommandId } from '@libs/ledger';
import { readFileSync } from 'node:fs';
import { ExitCode, UsageError } from '../cli-error';
import { CliContext, defaultActor, withStore } from '../cli-context';
import { parseOptions, requireOption, storeOption, yearOption } from '../cli-options';
import { intakeErrorLines } from './apply-spreadsheets';

export const INIT_USAGE =
  'geldstroom init --region R --name NAME --central GM… --members FILE.csv [--year Y] [--unit percent|weight] [--key-version N] [--basis TEXT] [--dry-run] [--actor NAME] [--store URL]';

/**
 * Sets up a region from a members file (code;naam, and optionally one column per distribution key):
 * RegisterRegion and the keys, checked whole before anything is recorded.
 */
export async function initCommand(context: CliContext): Promise<number> {
  const { values } = parseOptions(context.args, {
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
  if (values.unit !== undefined && values.unit !== 'percent' && values.unit !== 'weight')
    throw new UsageError(`--unit must be percent or weight, got "${values.unit}"`);
  const keyVersion = values['key-version'];
  if (keyVersion !== undefined && !/^[1-9]\d{0,6}$/.test(keyVersion))
    throw new UsageError(`--key-version must be a positive whole number, got "${keyVersion}"`);
  let data: Buffer;
  try {
    data = readFileSync(membersFile);
  } catch (error) {
    throw new UsageError(
      `cannot read ${membersFile}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
  const region = {
    regionId: requireOption(values.region, 'region'),
    name: requireOption(values.name, 'name'),
    centralMunicipality: requireOption(values.central, 'central'),
    membersFile,
    data,
    validFrom: values.year === undefined ? undefined : yearOption(values.year),
    unit: values.unit as 'percent' | 'weight' | undefined,
    keyVersion: keyVersion === undefined ? undefined : Number(keyVersion),
    basis: values.basis,
  };
  const dryRun = values['dry-run'] === true;
  return withStore(
    context,
    values.store,
    async (store) => {
      try {
        const planned = newRegionCommands(region);
        const events = await applyPlanned(planned, {
          ledger: new Ledger(store, { dryRun }),
          actor: values.actor ?? defaultActor(context.env),
          correlationId: newCommandId(),
        });
        const recorded = events.reduce((total, count) => total + count, 0);
        const members = planned[0].command.type === 'RegisterRegion' ? planned[0].command.municipalities.length : 0;
        const keys = planned
          .slice(1)
          .map(({ command }) => (command.type === 'AdoptDistributionKey' ? command.keyId : ''));
        context.io.err(
          [
            `${dryRun ? 'dry run: would record' : 'recorded'} ${recorded} event(s): region ${region.regionId} with ${members} municipalities${keys.length > 0 ? `, keys ${keys.join(', ')}` : ''}${recorded === 0 ? ' (already recorded as given)' : ''}`,
            `next: geldstroom template --region ${region.regionId} --year ${region.validFrom ?? new Date().getFullYear()} --out ${region.regionId}.xlsx`,
          ].join('\n'),
        );
        return 0;
      } catch (error) {
        if (!(error instanceof IntakeError)) throw error;
        context.io.err(intakeErrorLines(error, 'nothing was recorded'));
        return ExitCode.rejected;
      }
    },
    { create: !dryRun },
  );
}
