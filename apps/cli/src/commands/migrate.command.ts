import { allEvents, appendInOrder, HistoryBrokenError, streamLengths, verifyStore, verifyStores } from '@libs/ledger';
import { UsageError } from '../cli-error';
import { CliContext } from '../cli-context';
import { parseOptions, requireOption } from '../cli-options';

/**
 * Copies every event from one store into another, in global order with ids and metadata kept, then
 * checks that every region's ledger hash, balances and statements are the same on both sides. The
 * source's chains are verified first: a broken history is refused, not copied. Events recorded before
 * the chain existed are chained as they are copied. The target must be empty or hold an interrupted
 * migration of the same events, which a re-run completes.
 */
export async function migrateCommand(context: CliContext): Promise<number> {
  const { values } = parseOptions(context.args, { from: { type: 'string' }, to: { type: 'string' } });
  if (requireOption(values.from, 'from') === requireOption(values.to, 'to'))
    throw new UsageError('--from and --to name the same store');
  const source = await context.openStore(values.from, { create: false });
  try {
    const target = await context.openStore(requireOption(values.to, 'to'), { create: true });
    try {
      const started = Date.now();
      const chains = await verifyStore(source);
      const broken = chains.find((chain) => chain.problem)?.problem;
      if (broken) throw new HistoryBrokenError(broken, 'nothing was migrated');
      const copied = await appendInOrder(target, allEvents(source), { sourceCounts: await streamLengths(source) });
      const verified = await verifyStores(source, target);
      const targetChains = await verifyStore(target);
      for (const chain of targetChains) {
        if (chain.problem)
          verified.differences.push(
            `${chain.regionId}: the copy fails verification at revision ${chain.problem.revision}`,
          );
        else if (chain.unchained > 0)
          verified.differences.push(`${chain.regionId}: ${chain.unchained} event(s) of the copy are unchained`);
      }
      context.io.out(
        JSON.stringify(
          {
            from: source.description,
            to: target.description,
            events: copied.events,
            alreadyThere: copied.skipped,
            streams: copied.streams,
            regions: verified.regions,
            yearsCompared: verified.years,
            chainedOnCopy: chains.reduce((sum, chain) => sum + chain.unchained, 0),
            ledgerHashes: Object.fromEntries(targetChains.map((chain) => [chain.regionId, chain.ledgerHash])),
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
        `migrated ${copied.events} event(s) in ${copied.streams} stream(s)${copied.skipped > 0 ? ` (${copied.skipped} were already there from an interrupted migration)` : ''}; ${verified.regions} region(s), their ledger hashes and ${verified.years} year statement(s) verified equal`,
      );
      return 0;
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
