import { commandOfFact, DomainEvent, FactEvent, isFactEvent, toStoredEvent } from '@libs/domain/model';
import { SqliteEventStore } from '@libs/event-store';
import { applyCommandFile, Ledger } from '@libs/ledger';
import { LedgerEvent, replayWithRevisions, Revision } from '@libs/projections';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NATIONAL_SET, syntheticLines } from '../../apps/cli/src/generate/synthetic-set';
import { keptForReplay } from '../../libs/ledger/src/region-history';
import { executeInMemory, historyAsCommands, replayReport, reviseHistory } from '../../libs/projections/src/replay';

const context = { actor: 'test', correlationId: 'what-if.int-spec' };
const lines = [...syntheticLines({ ...NATIONAL_SET, regions: 3, years: 3, seed: 'what-if' })];

/**
 * The what-if as it was first written, the reference the fast one must equal byte for byte: every
 * recorded fact turned back into its command and decided again, every given content computed again.
 */
function referenceReplay(
  regionId: string,
  events: readonly LedgerEvent[],
  recorded: Parameters<typeof replayWithRevisions>[2],
  revisions: readonly Revision[],
): string {
  try {
    const { commands, applied } = reviseHistory(historyAsCommands(events), revisions);
    return JSON.stringify(replayReport(regionId, applied, recorded, executeInMemory(commands)));
  } catch (error) {
    return `refused: ${(error as Error).message}`;
  }
}

function fastReplay(...args: Parameters<typeof replayWithRevisions>): string {
  try {
    return JSON.stringify(replayWithRevisions(...args));
  } catch (error) {
    return `refused: ${(error as Error).message}`;
  }
}

function recordedFacts<T extends FactEvent['type']>(events: readonly LedgerEvent[], type: T) {
  return events.filter(
    (event): event is LedgerEvent & Extract<DomainEvent, { type: T }> => isFactEvent(event) && event.type === type,
  );
}

/** Revisions of every kind: in place (a key version, an agreement by validFrom), added, and some the rules refuse. */
function revisionsOf(events: readonly LedgerEvent[], members: readonly string[]): Revision[][] {
  const revisions: Revision[][] = [];
  for (const key of recordedFacts(events, 'DistributionKeyAdopted')) {
    const adopted = commandOfFact(key) as Revision & { type: 'AdoptDistributionKey' };
    revisions.push([
      {
        ...adopted,
        unit: 'weight',
        basis: 'what if: equal shares',
        weights: Object.fromEntries(members.map((code) => [code, '1'])),
      },
    ]);
    revisions.push([
      {
        ...adopted,
        version: adopted.version + 10,
        basis: 'what if: a new version by position',
        weights: Object.fromEntries(members.map((code, index) => [code, String(index + 1)])),
      },
    ]);
  }
  for (const agreement of recordedFacts(events, 'ReserveAgreementAdopted')) {
    const adopted = commandOfFact(agreement) as Revision & { type: 'AdoptReserveAgreement' };
    revisions.push([{ ...adopted, minPct: '1', maxPct: '3' }]);
    // the same version from another year: added, and decided against the recorded version of that number
    revisions.push([{ ...adopted, validFrom: adopted.validFrom + 1, minPct: '2' }]);
  }
  for (const agreement of recordedFacts(events, 'SolidarityAgreementAdopted')) {
    const adopted = commandOfFact(agreement) as Revision & { type: 'AdoptSolidarityAgreement' };
    revisions.push([{ ...adopted, ownAccountPct: '50', cap: !adopted.cap }]);
  }
  return revisions;
}

describe('the what-if', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'geldstroom-what-if-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers exactly as re-deciding every recorded command would, for every region and kind of revision', async () => {
    const store = new SqliteEventStore(join(dir, 'events.db'));
    const ledger = new Ledger(store);
    await applyCommandFile(ledger, 'set.jsonl', lines.join('\n'), context);
    let compared = 0;
    let refused = 0;
    for (const regionId of await ledger.regionIds()) {
      const state = await ledger.regionState(regionId);
      const events = await ledger.regionEvents(regionId);
      // what the what-if reads: the replay history, from its document once the first read wrote it
      await ledger.replayHistory(regionId);
      const history = await ledger.replayHistory(regionId);
      for (const revisions of revisionsOf(events, state.memberCodes())) {
        const expected = referenceReplay(regionId, events, state, revisions);
        expect(fastReplay(regionId, history, state, revisions)).toBe(expected);
        compared += 1;
        if (expected.startsWith('refused')) refused += 1;
      }
    }
    // every region, with its keys and agreements, and some revisions the rules refuse
    expect(compared).toBeGreaterThanOrEqual(3 * 8);
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(compared / 2);
    await store.close();
  });

  it('reads the replay history from its document and the events after it, and ignores a document that does not hold', async () => {
    const path = join(dir, 'history.db');
    const half = Math.floor(lines.length / 2);
    const store = new SqliteEventStore(path);
    const ledger = new Ledger(store, { snapshotEvery: 50 });
    await applyCommandFile(ledger, 'first.jsonl', lines.slice(0, half).join('\n'), context);
    const regionId = (await ledger.regionIds())[0];
    const expected = async () => stored((await new Ledger(store).regionEvents(regionId)).filter(keptForReplay));
    const documentOf = () =>
      new Database(path, { readonly: true })
        .prepare("SELECT revision, body FROM derived WHERE kind = 'history' AND stream_id = ?")
        .get(`region-${regionId}`) as { revision: number; body: string } | undefined;

    expect(documentOf()).toBeUndefined();
    expect(stored(await ledger.replayHistory(regionId))).toEqual(await expected());
    const written = documentOf();
    expect(written).toBeDefined();
    expect(stored(await ledger.replayHistory(regionId))).toEqual(await expected());

    // appended by another process: read on from the document, which is written again once far enough behind
    const other = new SqliteEventStore(path);
    await applyCommandFile(new Ledger(other), 'rest.jsonl', lines.slice(half).join('\n'), context);
    await other.close();
    expect(stored(await ledger.replayHistory(regionId))).toEqual(await expected());
    expect(documentOf()?.revision).toBeGreaterThan(written?.revision ?? Infinity);

    // a document whose chain point does not hold at the stream's event (its head changed, and an amount with
    // it) is ignored: the stream is read whole again
    const db = new Database(path);
    const { body } = documentOf() ?? { body: '' };
    const tampered = body.replace(/"amount":"(\d+)\./, (_, euros: string) => `"amount":"${Number(euros) + 1}.`);
    expect(tampered).not.toBe(body);
    db.prepare("UPDATE derived SET body = ? WHERE kind = 'history' AND stream_id = ?").run(
      tampered.replace(/"head":"[0-9a-f]{64}"/, `"head":"${'0'.repeat(64)}"`),
      `region-${regionId}`,
    );
    db.close();
    expect(stored(await new Ledger(store).replayHistory(regionId))).toEqual(await expected());
    await store.close();
  });
});

/** Events as the replay reads them: type and data, in their stored form. */
function stored(events: readonly DomainEvent[]) {
  return events.map((event) => toStoredEvent(event));
}
