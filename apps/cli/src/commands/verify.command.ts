import { describeProblem, verifyContains, verifyStore } from '@libs/ledger';
import { ledgerHashParameter, regionIdParameter, regionNotRegistered } from '@libs/queries';
import { ExitCode, UsageError } from '../cli-error';
import type { EventStore } from '@libs/event-store';
import { CliContext, withStore } from '../cli-context';
import { optionalParameterOption, parseOptions, storeOption } from '../cli-options';

/**
 * Recomputes every region's hash chain (or R's) and checks that revisions are contiguous and every
 * event's postings sum to zero. Exit 0 with one line per region when intact; exit 1 naming the region,
 * the first bad revision and what is wrong, or that the ledger hash is not the expected one.
 * `--contains HASH` asks whether a hash printed earlier (a letter's) is a head R's intact chain had.
 */
export async function verifyCommand(context: CliContext): Promise<number> {
  const { values } = parseOptions(context.args, {
    ...storeOption,
    region: { type: 'string' },
    expect: { type: 'string' },
    contains: { type: 'string' },
  });
  const regionId = optionalParameterOption(values.region, 'region', regionIdParameter);
  const expected = optionalParameterOption(values.expect, 'expect', ledgerHashParameter);
  if (expected !== undefined && regionId === undefined)
    throw new UsageError('--expect needs --region: a ledger hash belongs to one region');
  const contained = optionalParameterOption(values.contains, 'contains', ledgerHashParameter);
  if (contained !== undefined) {
    if (regionId === undefined) throw new UsageError('--contains needs --region: a ledger hash belongs to one region');
    if (expected !== undefined)
      throw new UsageError('--expect and --contains exclude each other: the head, or any hash of the chain');
    return withStore(context, values.store, (store) => containsHash(context, store, regionId, contained));
  }
  return withStore(context, values.store, async (store) => {
    const reports = await verifyStore(store, regionId);
    if (regionId !== undefined && reports.length === 0) throw regionNotRegistered(regionId);
    if (reports.length === 0) context.io.err(`${store.description} holds no regions: nothing to verify`);
    let intact = true;
    for (const report of reports) {
      if (report.problem) {
        context.io.err(`geldstroom: ${describeProblem(report.problem)}`);
        intact = false;
        continue;
      }
      context.io.out(`${report.regionId}: ${report.events} events, ledger hash ${report.ledgerHash}`);
      if (report.unchained > 0)
        context.io.err(
          `note: ${report.regionId}: ${report.unchained === report.events ? 'all' : report.unchained} of its events were recorded before the hash chain existed and are unchained (their hashes are computed, not stored); migrate, or export and import, chains them`,
        );
      if (expected !== undefined && report.ledgerHash !== expected) {
        context.io.err(
          `geldstroom: region ${report.regionId}: the ledger hash is ${report.ledgerHash}, not the expected ${expected}: this history is not the one that hash pins`,
        );
        intact = false;
      }
    }
    return intact ? ExitCode.ok : ExitCode.rejected;
  });
}

/** Whether a hash printed earlier is one of the heads R's intact chain passed through. */
async function containsHash(context: CliContext, store: EventStore, regionId: string, hash: string): Promise<number> {
  const found = await verifyContains(store, regionId, hash);
  if (!found) throw regionNotRegistered(regionId);
  const { report, point } = found;
  if (report.problem) {
    context.io.err(`geldstroom: ${describeProblem(report.problem)}`);
    return ExitCode.rejected;
  }
  if (!point) {
    context.io.err(
      `geldstroom: region ${regionId}: hash ${hash} is not in its chain (${report.events} events, ledger hash ${report.ledgerHash}): the document was not made from this history`,
    );
    return ExitCode.rejected;
  }
  context.io.out(
    `${regionId}: hash ${hash} is the chain's head after event ${point.event} of ${point.of} (${point.type}, recorded ${point.recordedAt})${point.event === point.of ? '; it is the current ledger hash' : ''}`,
  );
  return ExitCode.ok;
}
