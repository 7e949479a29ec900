import { allEvents, appendInOrder, requireEmpty, verifyStores } from '@libs/ledger';
import { UsageError } from '../cli-error';
import { CliContext } from '../cli-context';
import { parseOptions, requireOption } from '../cli-options';

export const MIGRATE_USAGE = 'geldstroom migrate --from URL --to URL';

/**
 * Copies every event from one store into an empty other, in global order with ids and metadata
 * kept, then checks that every region's balances and statements are the same on both sides.
 */
export async function migrateCommand(context: CliContext): Promise<number> {
  const { values } = parseOptions(context.args, { from: { type: 'string' }, to: { type: 'string' } });
  if (requireOption(values.from, 'from') === requireOption(values.to, 'to'))
    throw new UsageError('--from and --to name the same store');
  const source = await context.openStore(values.from as string);
  try {
    const target = await context.openStore(requireOption(values.to, 'to'));
    try {
      await requireEmpty(target);
      const started = Date.now();
      const copied = await appendInOrder(target, allEvents(source));
      const verified = await verifyStores(source, target);
      context.io.out(
        JSON.stringify(
          {
            from: source.description,
            to: target.description,
            events: copied.events,
            streams: copied.streams,
            regions: verified.regions,
            yearsCompared: verified.years,
            differences: verified.differences,
            ms: Date.now() - started,
          },
          null,
          2,
        ),
      );
      if (verified.differences.length > 0) {
        context.io.err(
          `geldstroom: migration copied ${copied.events} event(s) but the stores differ: ${verified.differences.join('; ')}`,
        );
        return 1;
      }
      context.io.err(
        `migrated ${copied.events} event(s) in ${copied.streams} stream(s); ${verified.regions} region(s) and ${verified.years} year statement(s) verified equal`,
      );
      return 0;
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
