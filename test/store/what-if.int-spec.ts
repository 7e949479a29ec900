import {
  commandOfFact,
  DomainEvent,
  encodeRegionState,
  evolve,
  evolveSummedMoney,
  evolveUnremembered,
  FactEvent,
  factIdentity,
  isDerivedEvent,
  initialState,
  isFactEvent,
  readStoredEvent,
  RegionState,
  toStoredEvent,
} from '@libs/domain/model';
import { SqliteEventStore } from '@libs/event-store';
import { applyCommandFile, Ledger, recordedStatementTexts, replayJson } from '@libs/ledger';
import {
  HistoryEntry,
  historyEntries,
  HistoryItem,
  isMoneyRun,
  LedgerEvent,
  outlineOf,
  replayAsksContent,
  replayFromHistory,
  replayWithRevisions,
  Reach,
  ReplayReport,
  Revision,
  selectInMemory,
  withMoneyRuns,
} from '@libs/projections';
import { RegionQueries } from '@libs/queries';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NATIONAL_SET, syntheticLines } from '../../apps/cli/src/generate/synthetic-set';
import { executeInMemory, historyAsCommands, replayReport, reviseHistory } from '../../libs/projections/src/replay';
import { reaches } from '../../libs/projections/src/replay-history';
import { reachOf } from '../../libs/projections/src/replay-reach';

const context = { actor: 'test', correlationId: 'what-if.int-spec' };
const YEARS = 4;
const lines = [...syntheticLines({ ...NATIONAL_SET, regions: 3, years: YEARS, seed: 'what-if' })];

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

async function answer(
  replay: () => ReturnType<typeof replayWithRevisions> | Promise<ReturnType<typeof replayWithRevisions>>,
) {
  try {
    return JSON.stringify(await replay());
  } catch (error) {
    return `refused: ${(error as Error).message}`;
  }
}

/** An answer given as JSON text (see replayJson), or its refusal as `answer` gives it. */
async function answerText(replay: () => Promise<string>) {
  try {
    return await replay();
  } catch (error) {
    return `refused: ${(error as Error).message}`;
  }
}

function recordedFacts<T extends FactEvent['type']>(events: readonly LedgerEvent[], type: T) {
  return events.filter(
    (event): event is LedgerEvent & Extract<DomainEvent, { type: T }> => isFactEvent(event) && event.type === type,
  );
}

/**
 * Revisions of every kind: in place (a key version, an agreement by validFrom), added, and some the rules
 * refuse; of keys the rules read and of one they do not; from the first year, a middle one and the last.
 */
function revisionsOf(
  events: readonly LedgerEvent[],
  members: readonly string[],
  years: readonly number[],
): Revision[][] {
  const keys = recordedFacts(events, 'DistributionKeyAdopted');
  const revisions: Revision[][] = yearBoundKeys(keys, members, years);
  const middle = years[Math.floor(years.length / 2)];
  const last = years[years.length - 1];
  for (const key of keys) {
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
    revisions.push([{ ...adopted, validFrom: last, version: adopted.version + 5, ownAccountPct: '80' }]);
  }
  // both schemes in one what-if: a BW key as recorded with other weights, and a new MO key version from a middle year
  const bw = keys.find((key) => key.data.keyId === 'bw-objective');
  const mo = keys.filter((key) => key.data.keyId === 'mo-objective');
  if (bw && mo.length > 0) {
    const adopted = commandOfFact(bw) as Revision & { type: 'AdoptDistributionKey' };
    revisions.push([
      {
        ...adopted,
        unit: 'weight',
        weights: Object.fromEntries(members.map((code, index) => [code, String(index + 2)])),
      },
      {
        ...(commandOfFact(mo[0]) as Revision & { type: 'AdoptDistributionKey' }),
        version: Math.max(...mo.map((key) => key.data.version)) + 1,
        validFrom: middle,
        validTo: undefined,
        unit: 'weight',
        weights: Object.fromEntries(members.map((code) => [code, '1'])),
      },
    ]);
  }
  const reserve = recordedFacts(events, 'ReserveAgreementAdopted')[0];
  if (reserve) {
    const adopted = commandOfFact(reserve) as Revision & { type: 'AdoptReserveAgreement' };
    // a narrower band from a middle year and from the last: the reserve moves otherwise from there on
    revisions.push([{ ...adopted, validFrom: middle, version: adopted.version + 5, minPct: '4', maxPct: '5' }]);
    revisions.push([{ ...adopted, validFrom: last, version: adopted.version + 6, toReservePct: '0' }]);
  }
  return revisions;
}

/** New versions of the keys the rules read, in force for one year only or from a year on, and a key no rule reads. */
function yearBoundKeys(
  keys: readonly Extract<DomainEvent, { type: 'DistributionKeyAdopted' }>[],
  members: readonly string[],
  years: readonly number[],
): Revision[][] {
  const revisions: Revision[][] = [];
  const [first] = years;
  const middle = years[Math.floor(years.length / 2)];
  const last = years[years.length - 1];
  const regionId = keys[0].data.regionId;
  const equalShares = Object.fromEntries(members.map((code) => [code, '1']));
  // a key no rule splits by: changes no amount
  revisions.push([
    {
      type: 'AdoptDistributionKey',
      regionId,
      keyId: 'spare',
      version: 1,
      validFrom: first,
      validTo: undefined,
      unit: 'weight',
      basis: 'unused',
      weights: equalShares,
    },
  ]);
  for (const year of [first, middle, last]) {
    for (const keyId of ['mo-objective', 'bw-objective', 'bw-historical']) {
      const versions = keys.filter((key) => key.data.keyId === keyId).map((key) => key.data.version);
      const version = Math.max(0, ...versions) + 1;
      const weights = Object.fromEntries(members.map((code, index) => [code, String((index % 3) + 1)]));
      const base = {
        type: 'AdoptDistributionKey',
        regionId,
        keyId,
        unit: 'weight',
        basis: 'what if',
        weights,
      } as const;
      revisions.push([{ ...base, version, validFrom: year, validTo: year }]);
      revisions.push([{ ...base, version: version + 1, validFrom: year, validTo: undefined }]);
    }
  }
  return revisions;
}

describe('the what-if', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'geldstroom-what-if-'));
    const store = new SqliteEventStore(join(dir, 'events.db'));
    await applyCommandFile(new Ledger(store), 'set.jsonl', lines.join('\n'), context);
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers exactly as re-deciding every recorded command would, for every region and kind of revision', async () => {
    const store = new SqliteEventStore(join(dir, 'events.db'));
    const ledger = new Ledger(store);
    let compared = 0;
    let refused = 0;
    let partial = 0;
    // the revisions by the scheme whose events the years decided again fold as recorded (see schemesRevisedBy)
    const keeping = { BW: 0, MO: 0, none: 0, solidarity: 0 };
    for (const regionId of await ledger.regionIds()) {
      const view = await ledger.regionView(regionId);
      const state = view.state;
      const events = await ledger.regionEvents(regionId);
      const years = [...state.activeYears].sort((a, b) => a - b);
      expect(years).toHaveLength(YEARS);
      const outline = outlineOf(historyEntries(events));
      // no statement read models yet: the first report as text builds every statement and derives them
      expect((await recordedStatementTexts(ledger, regionId, view)).size).toBe(0);
      for (const revisions of revisionsOf(events, state.memberCodes(), years)) {
        const expected = referenceReplay(regionId, events, state, revisions);
        // from the events held in memory (the web page), and from the history documents (CLI, API)
        expect(await answer(() => replayWithRevisions(regionId, events, state, revisions))).toBe(expected);
        const fromStore = () =>
          replayFromHistory(regionId, (choose) => ledger.replayHistory(regionId, choose), state, revisions);
        expect(await answer(fromStore)).toBe(expected);
        // as text, the years left as recorded spliced from the statement read models (derived by the first)
        expect(await answerText(() => replayJson(ledger, regionId, revisions))).toBe(expected);
        if (!expected.startsWith('refused'))
          expect((await recordedStatementTexts(ledger, regionId, view)).size).toBe(YEARS);
        // without the derived events, as a history was once read: every year is decided again
        if (compared % 10 === 0) {
          const kept = events.filter((event) => !isDerivedEvent(event));
          expect(await answer(() => replayWithRevisions(regionId, kept, state, revisions))).toBe(expected);
        }
        compared += 1;
        if (expected.startsWith('refused')) refused += 1;
        const reach = reachOf(outline, revisions);
        if (years.some((year) => !reach.years.has(year) && (reach.from === undefined || year < reach.from)))
          partial += 1;
        if (!expected.startsWith('refused')) {
          for (const scheme of reach.kept ?? []) keeping[scheme] += 1;
          if (!reach.kept) keeping.none += 1;
          // BW kept in a year decided again that has solidarity
          const solidarity = recordedSolidarity(events).filter((year) => reaches(reach, year));
          if (reach.kept?.has('BW') && solidarity.length > 0) keeping.solidarity += 1;
        }
      }
    }
    // revisions of BW only (its keys, solidarity), of MO only (its key), and of both (the reserve agreement, or
    // one of each), with BW kept in years that have solidarity
    expect(keeping.BW).toBeGreaterThan(5);
    expect(keeping.MO).toBeGreaterThan(5);
    expect(keeping.none).toBeGreaterThan(2);
    expect(keeping.solidarity).toBeGreaterThan(2);
    // every region, with its keys and agreements, and some revisions the rules refuse
    expect(compared).toBeGreaterThanOrEqual(3 * 20);
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(compared / 2);
    // most revisions leave some years as recorded: those are not decided again
    expect(partial).toBeGreaterThan(compared / 2);
    await store.close();
  });

  it('folds as recorded the events of a scheme its revisions cannot change, in the years it decides again', async () => {
    const store = new SqliteEventStore(join(dir, 'events.db'));
    const ledger = new Ledger(store);
    let altered = 0;
    let reserveMoved = 0;
    for (const regionId of await ledger.regionIds()) {
      const state = await ledger.regionState(regionId);
      const events = await ledger.regionEvents(regionId);
      const keys = recordedFacts(events, 'DistributionKeyAdopted');
      const equalShares = (key: (typeof keys)[number]): Revision => ({
        ...(commandOfFact(key) as Revision & { type: 'AdoptDistributionKey' }),
        unit: 'weight',
        basis: 'what if: equal shares',
        weights: Object.fromEntries(state.memberCodes().map((code) => [code, '1'])),
      });
      // an MO key revised (BW kept), and with it a BW key revised as recorded (nothing kept)
      const mo = keys.find((key) => key.data.keyId === 'mo-objective');
      const bw = keys.find((key) => key.data.keyId === 'bw-historical');
      if (!mo || !bw) continue;
      const moOnly = [equalShares(mo)];
      const both = [...moOnly, commandOfFact(bw) as Revision];
      const outline = outlineOf(historyEntries(events));
      const reachOfBoth = reachOf(outline, both);
      expect(reachOf(outline, moOnly).kept).toEqual(new Set(['BW']));
      expect(reachOfBoth.kept).toBeUndefined();
      // a recorded BW split in a year both decide again, a cent moved from one member to another (the reserve
      // and the pools as recorded)
      const index = events.findIndex(
        (event) =>
          event.type === 'BwHistoricalDistributed' &&
          reaches(reachOf(outline, moOnly), event.data.year) &&
          reaches(reachOfBoth, event.data.year) &&
          event.data.postings.filter((posting) => posting.amount > 0n).length >= 2,
      );
      if (index < 0) continue;
      const target = events[index] as Extract<LedgerEvent, { type: 'BwHistoricalDistributed' }>;
      const changed = [...events];
      changed[index] = movedCent(target);
      // BW kept: the changed split is what the replay folds, and its year's replayed statement shows it (no other)
      const year = String(target.data.year);
      const kept = JSON.parse(
        await answer(() => replayWithRevisions(regionId, changed, state, moOnly)),
      ) as ReplayReport;
      const planned = JSON.parse(referenceReplay(regionId, events, state, moOnly)) as ReplayReport;
      expect(kept.years[year].replayed).not.toEqual(planned.years[year].replayed);
      expect({ ...kept.years, [year]: null }).toEqual({ ...planned.years, [year]: null });
      // BW planned again: the changed split is derived again from what it read
      expect(await answer(() => replayWithRevisions(regionId, changed, state, both))).toBe(
        referenceReplay(regionId, events, state, both),
      );
      altered += 1;
      // an MO result recorded as moving a cent more into the reserve than MO's planned again: BW, kept as recorded,
      // read the reserve as recorded, so the replay plans every scheme again (and the years after, see above)
      const transfer = events.findIndex(
        (event) =>
          event.type === 'RegionalResultTransferred' &&
          event.data.scheme === 'MO' &&
          reaches(reachOf(outline, moOnly), event.data.year),
      );
      if (transfer < 0) continue;
      const moved = [...events];
      moved[transfer] = centMore(events[transfer] as Extract<LedgerEvent, { type: 'RegionalResultTransferred' }>);
      expect(await answer(() => replayWithRevisions(regionId, moved, state, moOnly))).toBe(
        referenceReplay(regionId, events, state, moOnly),
      );
      reserveMoved += 1;
    }
    expect(altered).toBeGreaterThan(0);
    expect(reserveMoved).toBeGreaterThan(0);
    await store.close();
  });

  it('asks of the region what the fold would say: registered, readable, its keys — without folding it', async () => {
    const store = new SqliteEventStore(join(dir, 'events.db'));
    const ledger = new Ledger(store);
    const queries = new RegionQueries(ledger);
    const fold = jest.spyOn(ledger, 'regionView');
    for (const regionId of await ledger.regionIds()) {
      const state = await new Ledger(store).regionState(regionId);
      // the read rule is asked of the region as configured, before anything is replayed
      const refusal = new Error('may not read');
      const asked: RegionState[] = [];
      const revisions = revisionsOf(await new Ledger(store).regionEvents(regionId), state.memberCodes(), [
        ...state.activeYears,
      ])[0];
      await expect(
        queries.replayJson({ regionId, revisions }, (_id, seen) => {
          asked.push(seen);
          throw refusal;
        }),
      ).rejects.toBe(refusal);
      expect(asked).toHaveLength(1);
      const [configured] = asked;
      expect(configured.region).toEqual(state.region);
      expect(configured.keys).toEqual(state.keys);
      expect(configured.reserveAgreements).toEqual(state.reserveAgreements);
      expect(configured.solidarityAgreements).toEqual(state.solidarityAgreements);
      expect(configured.memberCodes()).toEqual(state.memberCodes());
      expect(configured.isMember(state.memberCodes()[0])).toBe(true);
    }
    expect(fold).not.toHaveBeenCalled();
    // read models not current: the region is folded, the read rule asked of it, and nothing is derived again
    const [regionId] = await ledger.regionIds();
    const db = new Database(join(dir, 'events.db'));
    const years = "SELECT body FROM derived WHERE kind = 'years' AND stream_id = ?";
    expect(db.prepare(years).get(`region-${regionId}`)).toBeDefined();
    db.prepare("DELETE FROM derived WHERE kind = 'years' AND stream_id = ?").run(`region-${regionId}`);
    const refusal = new Error('may not read');
    let asked = 0;
    const state = await new Ledger(store).regionState(regionId);
    const revisions = revisionsFor(regionId, state);
    await expect(
      queries.replayJson({ regionId, revisions }, () => {
        asked += 1;
        throw refusal;
      }),
    ).rejects.toBe(refusal);
    expect(asked).toBe(1);
    expect(fold).toHaveBeenCalled();
    expect(db.prepare(years).get(`region-${regionId}`)).toBeUndefined();
    db.close();
    await expect(queries.replayJson({ regionId: 'no-such-region', revisions: [] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await store.close();
  });

  it('decides later years again when a year it decided moved the reserve otherwise than recorded', async () => {
    const store = new SqliteEventStore(join(dir, 'events.db'));
    const ledger = new Ledger(store);
    let widened = 0;
    for (const regionId of await ledger.regionIds()) {
      const state = await ledger.regionState(regionId);
      const events = await ledger.regionEvents(regionId);
      const [agreement] = recordedFacts(events, 'ReserveAgreementAdopted');
      if (!agreement) continue;
      const adopted = commandOfFact(agreement) as Revision & { type: 'AdoptReserveAgreement' };
      const revisions: Revision[] = [{ ...adopted, minPct: '1', maxPct: '3' }];
      const expected = referenceReplay(regionId, events, state, revisions);
      expect(expected).not.toMatch(/^refused/);
      // the first read is told to decide only the agreement's first year again: its closing moves the reserve
      // otherwise, which every later closing reads, so the replay must read on and decide those again too
      let reads = 0;
      const narrowFirst = (reach: Reach): Reach => (reads++ === 0 ? { years: new Set([adopted.validFrom]) } : reach);
      const answered = await answer(() =>
        replayFromHistory(
          regionId,
          (choose) => ledger.replayHistory(regionId, (outline) => narrowFirst(choose(outline))),
          state,
          revisions,
        ),
      );
      expect(answered).toBe(expected);
      if (reads > 1) widened += 1;
    }
    expect(widened).toBeGreaterThan(0);
    await store.close();
  });

  it('reads the replay history from its documents and the events after them, and ignores documents that do not hold', async () => {
    const path = join(dir, 'history.db');
    const half = Math.floor(lines.length / 2);
    const store = new SqliteEventStore(path);
    const ledger = new Ledger(store, { snapshotEvery: 50 });
    await applyCommandFile(ledger, 'first.jsonl', lines.slice(0, half).join('\n'), context);
    const regionId = (await ledger.regionIds())[0];
    const everything: Reach = { years: new Set(), from: -Infinity };
    const firstYear: Reach = { years: new Set([NATIONAL_SET.firstYear]) };
    // what the replay must read: the entries of those parts of the whole stream, read and checked from its start
    const expected = async (reach: Reach) =>
      stored(selectInMemory(historyEntries(await new Ledger(store).regionEvents(regionId)), reach));
    const read = async (reach: Reach, from = ledger) =>
      stored((await from.replayHistory(regionId, () => reach)).entries);
    const documentOf = (key = '') =>
      new Database(path, { readonly: true })
        .prepare("SELECT revision, body FROM derived WHERE kind = 'history' AND stream_id = ? AND key = ?")
        .get(`region-${regionId}`, key) as { revision: number; body: string } | undefined;

    expect(documentOf()).toBeUndefined();
    expect(await read(everything)).toEqual(await expected(everything));
    const written = documentOf();
    expect(written).toBeDefined();
    expect(documentOf(`year:${NATIONAL_SET.firstYear}`)?.revision).toBe(written?.revision);
    expect(await read(everything)).toEqual(await expected(everything));
    const part = await read(firstYear);
    expect(part).toEqual(await expected(firstYear));
    expect(part.length).toBeLessThan((await expected(everything)).length);
    // a replay keeping BW as recorded reads that year's other BW events too (a step's derived events of several
    // parts in another order: a replay asks them by type and scheme, see PlanScope)
    const keepingBw: Reach = { ...firstYear, kept: new Set(['BW']) };
    expect(byStep(await read(keepingBw))).toEqual(byStep(await expected(keepingBw)));
    // the parts hold the events decoded (cents as bigints): exactly the events a decoder of the stream gives, each
    // fact with the given content the region's fold keeps for it
    const decodedFromStream = selectInMemory(historyEntries(await new Ledger(store).regionEvents(regionId)), firstYear);
    const { facts } = await new Ledger(store).regionState(regionId);
    expect((await ledger.replayHistory(regionId, () => firstYear)).entries).toStrictEqual(
      withMoneyRuns(asPartsHoldThem(decodedFromStream, facts)),
    );

    // appended by another process: read on from the documents, which are written again once far enough behind
    const other = new SqliteEventStore(path);
    await applyCommandFile(new Ledger(other), 'rest.jsonl', lines.slice(half).join('\n'), context);
    await other.close();
    expect(await read(firstYear)).toEqual(await expected(firstYear));
    expect(documentOf()?.revision).toBeGreaterThan(written?.revision ?? Infinity);
    expect(await read(everything)).toEqual(await expected(everything));

    // a part that is not the one written (an amount changed, the JSON still whole) is not trusted: the stream is
    // read whole
    const db = new Database(path);
    const partKey = `year:${NATIONAL_SET.firstYear}`;
    const written2 = documentOf(partKey)?.body ?? '';
    // (cents are written as plain numbers: see bigint-json)
    const changed = written2.replace(
      /"amount":(-?)(\d)/,
      (_match, sign: string, digit: string) => `"amount":${sign}${(Number(digit) + 1) % 10}`,
    );
    expect(changed).not.toBe(written2);
    db.prepare("UPDATE derived SET body = ? WHERE kind = 'history' AND stream_id = ? AND key = ?").run(
      changed,
      `region-${regionId}`,
      partKey,
    );
    expect(await read(firstYear, new Ledger(store))).toEqual(await expected(firstYear));

    // a part that is missing is not trusted: the stream is read whole
    db.prepare("DELETE FROM derived WHERE kind = 'history' AND stream_id = ? AND key = ?").run(
      `region-${regionId}`,
      `year:${NATIONAL_SET.firstYear}`,
    );
    expect(await read(firstYear, new Ledger(store))).toEqual(await expected(firstYear));

    // an outline whose chain point does not hold at the stream's event (its head changed) is ignored, and the
    // parts with it: the stream is read whole again
    const { body } = documentOf() ?? { body: '' };
    const tampered = body.replace(/"head":"[0-9a-f]{64}"/, `"head":"${'0'.repeat(64)}"`);
    expect(tampered).not.toBe(body);
    db.prepare("UPDATE derived SET body = ? WHERE kind = 'history' AND stream_id = ? AND key = ''").run(
      tampered,
      `region-${regionId}`,
    );
    db.close();
    expect(await read(everything, new Ledger(store))).toEqual(await expected(everything));
    await store.close();
  });

  it('keeps the payments, costs and advances between two other steps as one run of their sums, which folds as they do', async () => {
    const store = new SqliteEventStore(join(dir, 'events.db'));
    const ledger = new Ledger(store);
    for (const regionId of await ledger.regionIds()) {
      const entries = historyEntries(await ledger.regionEvents(regionId));
      const items = withMoneyRuns(entries);
      const runs = items.filter(isMoneyRun);
      // most of a year's history is payments, costs and advances: far fewer items than events
      expect(items.length).toBeLessThan(entries.length / 4);
      expect(runs.some((run) => run.money.advances.length > 0)).toBe(true);
      expect(runs.some((run) => run.money.expenditures.length > 0)).toBe(true);
      expect(runs.reduce((count, run) => count + run.money.count, items.length - runs.length)).toBe(entries.length);
      // a run holds only steps no other item holds, one after the other
      const steps = items.flatMap((item) =>
        isMoneyRun(item)
          ? Array.from({ length: item.money.count }, (_, index) => item.step + index)
          : isDerivedEvent(item.event)
            ? []
            : [item.step],
      );
      expect(steps).toEqual(steps.map((_, index) => index));
      // folded as a replay folds them (money facts unremembered), one by one or as runs: the same state, the
      // ledger's sums in the same order
      const oneByOne = initialState();
      for (const { event } of entries)
        if (isFactEvent(event) && !replayAsksContent(event)) evolveUnremembered(oneByOne, event);
        else evolve(oneByOne, event);
      const byRuns = initialState();
      for (const item of items)
        if (isMoneyRun(item)) evolveSummedMoney(byRuns, item.money);
        else if (isFactEvent(item.event) && !replayAsksContent(item.event)) evolveUnremembered(byRuns, item.event);
        else evolve(byRuns, item.event);
      expect(encodeRegionState(byRuns)).toStrictEqual(encodeRegionState(oneByOne));
    }
    await store.close();
  });

  it('writes its report as text with the statement read models only where they are current and read as written', async () => {
    const path = join(dir, 'statements.db');
    const half = Math.floor(lines.length / 2);
    const store = new SqliteEventStore(path);
    const ledger = new Ledger(store);
    await applyCommandFile(ledger, 'first.jsonl', lines.slice(0, half).join('\n'), context);
    const regionId = (await ledger.regionIds())[0];
    const streamId = `region-${regionId}`;
    const check = () => checkReportText(store, ledger, regionId);
    const db = new Database(path);
    const statementOf = (year: number) =>
      db
        .prepare("SELECT revision, body FROM derived WHERE kind = 'statement' AND stream_id = ? AND key = ?")
        .get(streamId, String(year)) as { revision: number; body: string } | undefined;
    const setStatement = (year: number, body: string) =>
      db
        .prepare("UPDATE derived SET body = ? WHERE kind = 'statement' AND stream_id = ? AND key = ?")
        .run(body, streamId, String(year));

    // none yet: built, and derived for the next what-if, which splices them without folding the region
    const first = await check();
    expect(first.folded).toBe(true);
    const years = [...first.view.state.activeYears].sort((a, b) => a - b);
    expect((await recordedStatementTexts(ledger, regionId, first.view)).size).toBe(years.length);
    expect((await check()).folded).toBe(false);

    // the list of years or the chain point missing, not read, or of another revision: the region is folded, and
    // they are derived again
    for (const kind of ['years', 'chain-point']) {
      const select = 'SELECT revision, body FROM derived WHERE kind = ? AND stream_id = ?';
      const kept = db.prepare(select).get(kind, streamId) as { revision: number; body: string };
      const update = 'UPDATE derived SET revision = ?, body = ? WHERE kind = ? AND stream_id = ?';
      for (const [revision, body] of [
        [kept.revision, kept.body.slice(0, -1)],
        [kept.revision - 1, kept.body],
      ] as const) {
        db.prepare(update).run(revision, body, kind, streamId);
        expect((await check()).folded).toBe(true);
        expect(db.prepare(select).get(kind, streamId)).toEqual(kept);
      }
      db.prepare('DELETE FROM derived WHERE kind = ? AND stream_id = ?').run(kind, streamId);
      expect((await check()).folded).toBe(true);
      expect(db.prepare(select).get(kind, streamId)).toEqual(kept);
      expect((await check()).folded).toBe(false);
    }

    // another process appends: they are stale (another revision), not read, and derived again
    const other = new SqliteEventStore(path);
    await applyCommandFile(new Ledger(other), 'rest.jsonl', lines.slice(half).join('\n'), context);
    await other.close();
    const stale = await ledger.regionView(regionId);
    expect(stale.revision).toBeGreaterThan(first.view.revision ?? Infinity);
    expect((await recordedStatementTexts(ledger, regionId, stale)).size).toBe(0);
    const after = await check();
    expect(after.folded).toBe(true);
    expect(after.expected).not.toBe(first.expected);
    // derived again by it: the next reads them, and the history documents on from where they were written
    expect((await check()).folded).toBe(false);
    expect((await recordedStatementTexts(ledger, regionId, after.view)).size).toBe(after.view.state.activeYears.size);
    const current = Math.min(...after.view.state.activeYears);

    // one that does not read, or not as JSON.stringify writes it, of a year left as recorded and of the year
    // decided again: not spliced, and derived again
    for (const year of [current, Math.max(...after.view.state.activeYears)]) {
      const written = statementOf(year)?.body ?? '';
      for (const damaged of [written.slice(0, -1), JSON.stringify(JSON.parse(written), null, 1)]) {
        setStatement(year, damaged);
        expect((await check()).folded).toBe(true);
        expect(statementOf(year)?.body).toBe(written);
      }
    }
    const written = statementOf(current)?.body ?? '';

    // one changed behind the store's back that still reads as written shows, as in a statement read from it
    setStatement(current, written.replace(/"regionName":"[^"]*"/, '"regionName":"read from the read model"'));
    const view = await ledger.regionView(regionId);
    const shown = JSON.parse(await replayJson(ledger, regionId, revisionsFor(regionId, view.state))) as {
      years: Record<string, { recorded: { regionName: string } }>;
    };
    expect(shown.years[String(current)].recorded.regionName).toBe('read from the read model');
    db.close();
    await store.close();
  });

  it('does not read history documents of an earlier form, and writes them again in this form', async () => {
    const path = join(dir, 'form.db');
    const store = new SqliteEventStore(path);
    await applyCommandFile(new Ledger(store), 'set.jsonl', lines.join('\n'), context);
    const regionId = (await new Ledger(store).regionIds())[0];
    const everything: Reach = { years: new Set(), from: -Infinity };
    const expected = stored(selectInMemory(historyEntries(await new Ledger(store).regionEvents(regionId)), everything));
    const read = async () => stored((await new Ledger(store).replayHistory(regionId, () => everything)).entries);
    expect(await read()).toEqual(expected);
    const db = new Database(path);
    const outline = () =>
      (
        db
          .prepare("SELECT body FROM derived WHERE kind = 'history' AND stream_id = ? AND key = ''")
          .get(`region-${regionId}`) as { body: string }
      ).body;
    const written = outline();
    const { format } = JSON.parse(written) as { format: number };
    db.prepare("UPDATE derived SET body = ? WHERE kind = 'history' AND stream_id = ? AND key = ''").run(
      written.replace(`"format":${format}`, `"format":${format - 1}`),
      `region-${regionId}`,
    );
    const reads = jest.spyOn(store, 'readStream');
    // whether the stream was read from its first event on (more than the one event a chain point is checked at)
    const readWhole = () =>
      reads.mock.calls.some(([, options]) => !options?.fromRevision && (options?.maxCount ?? Infinity) > 1);
    expect(await read()).toEqual(expected);
    expect(readWhole()).toBe(true);
    expect(outline()).toBe(written);
    reads.mockClear();
    expect(await read()).toEqual(expected);
    expect(readWhole()).toBe(false);
    db.close();
    await store.close();
  });

  it('reads the config part with the outline, and does not trust it when it is not the one written', async () => {
    const path = join(dir, 'config.db');
    const store = new SqliteEventStore(path);
    await applyCommandFile(new Ledger(store), 'set.jsonl', lines.join('\n'), context);
    const regionId = (await new Ledger(store).regionIds())[0];
    // a year whose part holds: only the config part can make the documents fail
    const secondYear: Reach = { years: new Set([NATIONAL_SET.firstYear + 1]) };
    const expected = stored(selectInMemory(historyEntries(await new Ledger(store).regionEvents(regionId)), secondYear));
    const read = async () => stored((await new Ledger(store).replayHistory(regionId, () => secondYear)).entries);
    expect(await read()).toEqual(expected);
    const db = new Database(path);
    const select = "SELECT body FROM derived WHERE kind = 'history' AND stream_id = ? AND key = 'config'";
    const config = (db.prepare(select).get(`region-${regionId}`) as { body: string }).body;
    // a key's version changed, the JSON still whole: read as written, the replay would see another key
    const changed = config.replace(
      /"version":(\d)/,
      (_match, digit: string) => `"version":${(Number(digit) + 1) % 10}`,
    );
    expect(changed).not.toBe(config);
    db.prepare("UPDATE derived SET body = ? WHERE kind = 'history' AND stream_id = ? AND key = 'config'").run(
      changed,
      `region-${regionId}`,
    );
    db.close();
    expect(await read()).toEqual(expected);
    await store.close();
  });
});

/** The years with a recorded solidarity transfer. */
function recordedSolidarity(events: readonly LedgerEvent[]): number[] {
  return events.flatMap((event) => (event.type === 'SolidarityTransferred' ? [event.data.year] : []));
}

/** A split with one cent moved from its second member to its first: the pool and the total as recorded. */
function movedCent(
  event: Extract<LedgerEvent, { type: 'BwHistoricalDistributed' }>,
): Extract<LedgerEvent, { type: 'BwHistoricalDistributed' }> {
  const members = event.data.postings.flatMap((posting, index) => (posting.amount > 0n ? [index] : []));
  const postings = event.data.postings.map((posting, index) =>
    index === members[0]
      ? { ...posting, amount: posting.amount + 1n }
      : index === members[1]
        ? { ...posting, amount: posting.amount - 1n }
        : posting,
  );
  return { ...event, data: { ...event.data, postings } };
}

/** Stored entries in the order of their steps, those of one step in the order of their text. */
function byStep(entries: ReturnType<typeof stored>) {
  const text = (entry: (typeof entries)[number]) => JSON.stringify(entry);
  return [...entries].sort((a, b) => a[0] - b[0] || (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
}

/** A result to the reserve with one cent more moved. */
function centMore(
  event: Extract<LedgerEvent, { type: 'RegionalResultTransferred' }>,
): Extract<LedgerEvent, { type: 'RegionalResultTransferred' }> {
  const postings = event.data.postings.map((posting) => ({
    ...posting,
    amount: posting.amount + (posting.amount > 0n ? 1n : -1n),
  }));
  return { ...event, data: { ...event.data, postings } };
}

/**
 * Entries as the replay reads them: the step, type and data, in their stored form — the payments, costs and advances
 * between two other steps as the run of their sums the history documents keep (see withMoneyRuns), so that
 * what is read from them and what is read from the stream compare alike.
 */
function stored(entries: readonly HistoryItem[]) {
  return withMoneyRuns(entries).map((entry) =>
    isMoneyRun(entry) ? ([entry.step, entry.money] as const) : ([entry.step, toStoredEvent(entry.event)] as const),
  );
}

/**
 * Entries as the history parts hold them: each event as a decoder of its stored form gives it, a fact whose
 * content a replay may ask for with its content.
 */
function asPartsHoldThem(entries: readonly HistoryEntry[], facts: ReadonlyMap<string, string>): HistoryEntry[] {
  return entries.map(({ event, step }) => {
    const decoded = readStoredEvent(toStoredEvent(event));
    return isFactEvent(decoded) && replayAsksContent(decoded)
      ? { event: decoded, step, content: facts.get(factIdentity(decoded)) }
      : { event: decoded, step };
  });
}

/** A key version for the last year only: that year is decided again, the others are left as recorded. */
function revisionsFor(regionId: string, state: Awaited<ReturnType<Ledger['regionState']>>): Revision[] {
  const last = Math.max(...state.activeYears);
  const versions = (state.keys.get('mo-objective') ?? []).map((key) => key.version);
  const weights = Object.fromEntries(state.memberCodes().map((code, index) => [code, String(index + 1)]));
  const base = { type: 'AdoptDistributionKey', regionId, keyId: 'mo-objective', unit: 'weight' } as const;
  return [{ ...base, version: Math.max(...versions) + 1, validFrom: last, validTo: last, basis: 'what if', weights }];
}

/**
 * The report as text compared with the report the region's fold gives, in this process and in one that holds
 * nothing of the region (`folded`: whether that one had to fold it, its read models not current).
 */
async function checkReportText(store: SqliteEventStore, ledger: Ledger, regionId: string) {
  const view = await ledger.regionView(regionId);
  const revisions = revisionsFor(regionId, view.state);
  const expected = JSON.stringify(
    await replayFromHistory(regionId, (choose) => ledger.replayHistory(regionId, choose), view.state, revisions),
  );
  expect(JSON.parse(expected)).toHaveProperty('years');
  const fresh = new Ledger(store);
  const fold = jest.spyOn(fresh, 'regionView');
  // the revisions asked of the region as configured (as RegionQueries and the bench ask them): once, of
  // its registration, keys and members as the fold has them, whichever way the report is written
  const asked: RegionState[] = [];
  const revisionsOfConfigured = (configured: RegionState) => {
    asked.push(configured);
    return revisions;
  };
  expect(await replayJson(fresh, regionId, revisionsOfConfigured)).toBe(expected);
  const folded = fold.mock.calls.length > 0;
  expect(asked).toHaveLength(1);
  expect(asked[0].region).toEqual(view.state.region);
  expect(asked[0].keys).toEqual(view.state.keys);
  expect(asked[0].memberCodes()).toEqual(view.state.memberCodes());
  expect(await replayJson(ledger, regionId, revisions)).toBe(expected);
  expect(await replayJson(new Ledger(store), regionId, revisions)).toBe(expected);
  return { view, revisions, expected, folded };
}
