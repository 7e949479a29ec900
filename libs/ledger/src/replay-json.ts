import { evolve, initialState, RegionState } from '@libs/domain/model';
import { regionStream } from '@libs/event-store';
import {
  HistoryEntry,
  RecordedSide,
  replayedFromHistory,
  replayReportJson,
  ReplayRevisions,
  Revision,
} from '@libs/projections';
import { CHAIN_POINT_KIND, currentPoint, registeredStream } from './current-read-model';
import type { Ledger, RegionView } from './ledger';
import { ReadModels } from './read-models';
import { readPoint } from './region-snapshot';

/**
 * What a what-if revises, or how that follows from the region as configured (its registration, keys and
 * agreements: see configuredOf) — asked once, before anything is replayed; what it throws (the region
 * is not registered, the asker may not read it) is the what-if's answer. Asked of the config part of the
 * history the replay reads anyway, it costs no read of its own.
 */
export type WhatIfRevisions = readonly Revision[] | ((configured: RegionState) => readonly Revision[]);

/**
 * A what-if's report as JSON text, exactly JSON.stringify of its report (see replayFromHistory) of the
 * region as recorded now: replayed from the parts of its history the revisions reach, and written with the
 * recorded statements its read models hold as text (see replayReportJson). While the read models are
 * current (see currentStatements), the region as recorded is not loaded at all: its years and statements
 * are theirs, and its history is read up to their revision. Otherwise the region is loaded, the years its
 * read models do not give are built from it, and they are derived again, so that the next what-if reads them
 * (not in a dry run, which writes nothing).
 */
export async function replayJson(ledger: Ledger, regionId: string, revisions: WhatIfRevisions): Promise<string> {
  // asked once: of the history's config part while the read models are current, of the folded region otherwise
  let answer = typeof revisions === 'function' ? undefined : revisions;
  const ask = (configured: () => RegionState) =>
    (answer ??= typeof revisions === 'function' ? revisions(configured()) : revisions);
  const current = ledger.dryRun ? undefined : await currentStatements(ledger, regionId);
  if (current) {
    const asked: ReplayRevisions = answer ?? ((outline) => ask(() => configuredOf(outline.config)));
    const replayed = await replayedFromHistory(
      regionId,
      (choose) => ledger.replayHistory(regionId, choose, current.revision),
      asked,
    );
    const json = replayReportJson(replayed, current);
    if (json !== undefined) return json;
  }
  const view = await ledger.regionView(regionId);
  const replayed = await replayedFromHistory(
    regionId,
    (choose) => ledger.replayHistory(regionId, choose),
    ask(() => view.state),
  );
  const texts = await recordedStatementTexts(ledger, regionId, view);
  const recorded = { years: view.state.activeYears, text: (year: number) => texts.get(year), state: view.state };
  const json = replayReportJson(replayed, recorded);
  // what the read models lacked (missing, stale or not read) is derived, so that the next what-if reads them
  if (!ledger.dryRun && view.revision !== undefined) await new ReadModels(ledger).refresh(regionId);
  return json;
}

/**
 * The config part of a region's history folded: its registration, keys and agreements as recorded, what is
 * asked of a region before its what-if (may the asker read it, which keys it has). Nothing else of the
 * region is in it (no money, no years).
 */
function configuredOf(config: readonly HistoryEntry[]): RegionState {
  const state = initialState();
  for (const { event, content } of config) evolve(state, event, content);
  return state;
}

/**
 * The region as recorded now as its read models hold it, when they are current: derived at the stream's
 * last revision, whose stored event is still the one the hash chain stood at then (see currentReadModel),
 * with a statement at that revision for every year they list (its active years). Undefined otherwise.
 */
async function currentStatements(
  ledger: Ledger,
  regionId: string,
): Promise<(RecordedSide & { readonly revision: bigint }) | undefined> {
  const store = ledger.store;
  const stream = await registeredStream(store, regionId);
  if (!stream || !store.derived) return undefined;
  const [chain, listed] = await Promise.all([
    store.derived.get(CHAIN_POINT_KIND, stream.streamId, ''),
    store.derived.get('years', stream.streamId, ''),
  ]);
  const years = listed?.revision === stream.revision ? yearsOf(listed.body) : undefined;
  if (!years) return undefined;
  const documents = await store.derived.getMany('statement', stream.streamId, years.map(String));
  const texts = new Map<number, string>();
  for (let index = 0; index < years.length; index += 1) {
    const document = documents[index];
    if (document?.revision !== stream.revision) return undefined;
    texts.set(years[index], document.body);
  }
  if (!(await currentPoint(store, stream, chain))) return undefined;
  return { revision: stream.revision, years: new Set(years), text: (year) => texts.get(year) };
}

/** The years a `years` read model lists; undefined when it does not read so. */
function yearsOf(body: string): number[] | undefined {
  try {
    const years: unknown = JSON.parse(body);
    return Array.isArray(years) && years.every((year) => Number.isSafeInteger(year)) ? (years as number[]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The recorded statements of a region as JSON text, as its statement read models hold them, when they were
 * derived from exactly the state in `view` (the region as recorded now): each document at the view's
 * revision, with the chain point they were derived with at the view's head — then they are the text of
 * JSON.stringify(buildStatement(view.state, year)) (a test checks that for a generated set). A year without
 * such a document is not given.
 */
export async function recordedStatementTexts(
  ledger: Ledger,
  regionId: string,
  view: RegionView,
): Promise<ReadonlyMap<number, string>> {
  const texts = new Map<number, string>();
  const derived = ledger.store.derived;
  const revision = view.revision;
  if (!derived || revision === undefined || view.ledgerHash === undefined) return texts;
  const streamId = regionStream(regionId);
  const years = [...view.state.activeYears];
  const chain = await derived.get(CHAIN_POINT_KIND, streamId, '');
  if (chain?.revision !== revision || pointHead(chain.body, revision) !== view.ledgerHash) return texts;
  const documents = await derived.getMany('statement', streamId, years.map(String));
  years.forEach((year, index) => {
    const document = documents[index];
    if (document?.revision === revision) texts.set(year, document.body);
  });
  return texts;
}

/** The head of a written chain point at `revision`; undefined when it does not read. */
function pointHead(body: string, revision: bigint): string | undefined {
  try {
    return readPoint(JSON.parse(body), revision)?.head;
  } catch {
    return undefined;
  }
}
