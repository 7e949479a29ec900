import { parseCommand } from '@libs/domain';
import { SqliteEventStore } from '@libs/event-store';
import type { RegionState } from '@libs/domain/model';
import { Ledger, ReadModels, replayJson } from '@libs/ledger';
import { buildStatement, Revision } from '@libs/projections';
import { renderHledgerJournal } from '@libs/reports';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { report, startWork } from '../work-clock';

/**
 * The product's work on a whole store, in one process, with the libraries the CLI and the service use:
 *   rebuild DB           every statement of every region and year (folded from the store, as JSON)
 *   balances DB          the balances of every region and year (as JSON), from the read models kept in the
 *                        store, caught up first (the first run derives them, a later one reads them)
 *   what-if DB           every region replayed with a revised mo-objective key (equal shares), its report written as
 *                        JSON text as the CLI and RegionQueries.replayJson write it (its keys and members read
 *                        as they do, without folding the region; its events are not counted)
 *   journals DB DIR      every region's hledger journal, as `geldstroom export --format hledger` writes it
 * Prints one JSON line with counts and the time of the work (opening the store included, loading the
 * modules not).
 */
async function main(): Promise<void> {
  const [mode, path, outDir] = process.argv.slice(2);
  const done = startWork();
  // reading the read models is a read: the store checks what it reads, as `geldstroom balances` opens it
  const store = new SqliteEventStore(path, mode === 'balances' ? { check: 'index' } : {});
  const ledger = new Ledger(store);
  const regionIds = await ledger.regionIds();
  let outputs = 0;
  let events = 0;
  let bytes = 0;
  // the part of the work that turns folded states into output, to tell folding from rendering
  let outputCpuMs = 0;
  if (mode === 'balances') {
    const models = new ReadModels(ledger);
    await models.catchUp();
    for (const regionId of regionIds)
      for (const year of await models.years(regionId)) {
        const balances = await models.balances(regionId, year);
        if (!balances) throw new Error(`no balances of ${regionId} ${year}`);
        bytes += JSON.stringify(balances).length;
        outputs += 1;
      }
    await store.close();
    report({ mode, regions: regionIds.length, outputs, events, bytes, outputCpuMs, ...done() });
    return;
  }
  for (const regionId of regionIds) {
    if (mode === 'what-if') {
      // as RegionQueries.replayJson reads and writes it: the revision made from the region's keys and members
      // as configured, asked of the config part of the replay history the revision reaches (kept as derived
      // documents, like snapshots), the recorded statements from the statement read models
      const revision = (state: RegionState): Revision => {
        const key = state.keys.get('mo-objective')?.[0];
        if (!key) throw new Error(`${regionId} has no mo-objective key`);
        return parseCommand({
          command: 'AdoptDistributionKey',
          regionId,
          keyId: 'mo-objective',
          version: key.version,
          validFrom: key.validFrom,
          unit: 'weight',
          basis: 'what if: equal shares',
          weights: Object.fromEntries(state.memberCodes().map((code) => [code, '1'])),
        }) as Revision;
      };
      bytes += (await replayJson(ledger, regionId, (state) => [revision(state)])).length;
      outputs += 1;
      continue;
    }
    const view = await ledger.regionView(regionId);
    const state = view.state;
    events += state.eventCount;
    const years = [...state.activeYears].sort((a, b) => a - b);
    if (mode === 'rebuild') {
      const cpu = process.cpuUsage();
      for (const year of years) {
        const output = buildStatement(state, year);
        bytes += JSON.stringify(output).length;
        outputs += 1;
      }
      const used = process.cpuUsage(cpu);
      outputCpuMs += (used.user + used.system) / 1000;
    } else if (mode === 'journals') {
      mkdirSync(outDir, { recursive: true });
      const journal = renderHledgerJournal(regionId, await ledger.regionEvents(regionId));
      writeFileSync(join(outDir, `${regionId}.journal`), journal);
      bytes += journal.length;
      outputs += 1;
    } else {
      throw new Error(`unknown mode ${mode}`);
    }
  }
  await store.close();
  report({ mode, regions: regionIds.length, outputs, events, bytes, outputCpuMs, ...done() });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? String(error)) : String(error)}\n`);
  process.exitCode = 1;
});
