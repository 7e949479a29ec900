import { regionStream } from '@libs/event-store';
import { replayedFromHistory, replayReportJson, Revision } from '@libs/projections';
import { CHAIN_POINT_KIND } from './current-read-model';
import type { Ledger, RegionView } from './ledger';
import { ReadModels } from './read-models';
import { readPoint } from './region-snapshot';

/**
 * A what-if's report as JSON text, exactly JSON.stringify of its report (see replayFromHistory): the region
 * as recorded in `view` (now), replayed from the parts of its history the revisions reach, and written with
 * the recorded statements its read models hold as text (see replayReportJson). When one of them is missing,
 * stale or does not read, the region's read models are derived again, so that the next what-if reads them.
 */
export async function replayJson(
  ledger: Ledger,
  regionId: string,
  view: RegionView,
  revisions: readonly Revision[],
): Promise<string> {
  const replayed = await replayedFromHistory(
    regionId,
    (choose) => ledger.replayHistory(regionId, choose),
    view.state,
    revisions,
  );
  const texts = await recordedStatementTexts(ledger, regionId, view);
  let unread = false;
  const json = replayReportJson(
    replayed,
    (year) => texts.get(year),
    () => (unread = true),
  );
  if (unread && view.revision !== undefined) await new ReadModels(ledger).refresh(regionId);
  return json;
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
