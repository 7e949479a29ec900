import { EventStore } from '@libs/event-store';
import { buildBalances, buildStatement } from '@libs/projections';
import { Ledger } from '../ledger';

export interface VerifyReport {
  regions: number;
  years: number;
  differences: string[];
}

/** Compares every region's ledger hash, and its balances and statements year by year, as two stores give them. */
export async function verifyStores(source: EventStore, target: EventStore): Promise<VerifyReport> {
  const left = new Ledger(source);
  const right = new Ledger(target);
  const regionIds = await left.regionIds();
  const differences: string[] = [];
  const targetRegions = await right.regionIds();
  for (const missing of targetRegions.filter((id) => !regionIds.includes(id)))
    differences.push(`region ${missing} exists only in the target`);
  let years = 0;
  for (const regionId of regionIds) {
    const { state: before, ledgerHash: sourceHash } = await left.regionView(regionId);
    const { state: after, ledgerHash: targetHash } = await right.regionView(regionId);
    if (!after.region) {
      differences.push(`region ${regionId} is missing in the target`);
      continue;
    }
    if (sourceHash !== targetHash)
      differences.push(`${regionId}: ledger hashes differ (source ${sourceHash}, target ${targetHash})`);
    for (const year of [...before.activeYears].sort((a, b) => a - b)) {
      years += 1;
      if (JSON.stringify(buildStatement(before, year)) !== JSON.stringify(buildStatement(after, year)))
        differences.push(`${regionId} ${year}: statements differ`);
      if (JSON.stringify(buildBalances(before, year)) !== JSON.stringify(buildBalances(after, year)))
        differences.push(`${regionId} ${year}: balances differ`);
    }
  }
  return { regions: regionIds.length, years, differences };
}
