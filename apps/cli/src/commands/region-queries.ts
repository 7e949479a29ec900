import { DomainError } from '@libs/domain';
import type { EventStore } from '@libs/event-store';
import { currentReadModel, Ledger, ReadModels } from '@libs/ledger';
import type { CurrentReadModel, YearReadModelKind } from '@libs/ledger';
import type { Balances, Statement } from '@libs/projections';
import { RegionQueries, YearQuestion } from '@libs/queries';
import { CliContext, withStore } from '../cli-context';
import { NotAnswered } from '../cli-error';

/** A command that only reads checks the file as it reads it (see SqliteCheck in @libs/event-store). */
const READING = { create: false, check: 'index' } as const;

/**
 * Answers a question about a region from the store (@libs/queries decides the answer, as for the
 * HTTP API). A region that is not registered is answered with the same message as over HTTP, and on
 * a second line the regions this store holds (HTTP names none: a token may not see every region).
 */
export async function withQueries<T>(
  context: CliContext,
  storeUrl: string | undefined,
  work: (queries: RegionQueries) => Promise<T>,
): Promise<T> {
  return withStore(context, storeUrl, (store) => answered(store, work), READING);
}

/** The year statement, as a fold gives it (with its ledger hash): from the read model when it is current. */
export function statementAnswer(
  context: CliContext,
  storeUrl: string | undefined,
  question: YearQuestion,
): Promise<Statement & { ledgerHash?: string }> {
  return currentOrFolded<Statement, Statement & { ledgerHash?: string }>(
    context,
    storeUrl,
    question,
    'statement',
    (current) => ({ ...current.body, ledgerHash: current.ledgerHash }),
    (queries) => queries.statement(question),
  );
}

/** The year's balances, as a fold gives them: from the read model when it is current. */
export function balancesAnswer(
  context: CliContext,
  storeUrl: string | undefined,
  question: YearQuestion,
): Promise<Balances> {
  return currentOrFolded<Balances, Balances>(
    context,
    storeUrl,
    question,
    'balances',
    (current) => current.body,
    (queries) => queries.balances(question),
  );
}

/** A year's read model when it is current for the region as recorded now (no `asOf`), else the fold's answer. */
function currentOrFolded<T, A>(
  context: CliContext,
  storeUrl: string | undefined,
  question: YearQuestion,
  kind: YearReadModelKind,
  fromReadModel: (current: CurrentReadModel<T>) => A,
  fold: (queries: RegionQueries) => Promise<A>,
): Promise<A> {
  return withStore(
    context,
    storeUrl,
    async (store) => {
      const current = question.asOf
        ? undefined
        : await currentReadModel<T>(store, kind, question.regionId, question.year);
      return current ? fromReadModel(current) : answered(store, fold, question);
    },
    READING,
  );
}

/**
 * The answer of the queries; a region that is not registered is NotAnswered. After a question about the
 * region as recorded now (`refresh`), its read models are derived again, so that the next process reads them.
 */
async function answered<T>(
  store: EventStore,
  work: (queries: RegionQueries) => Promise<T>,
  refresh?: YearQuestion,
): Promise<T> {
  const ledger = new Ledger(store);
  let answer: T;
  try {
    answer = await work(new RegionQueries(ledger));
  } catch (error) {
    if (!(error instanceof DomainError && error.code === 'NOT_FOUND' && error.field === 'regionId')) throw error;
    const known = await ledger.regionIds();
    throw new NotAnswered(
      error.reason,
      known.length > 0 ? `regions in this store: ${known.join(', ')}` : 'this store holds no regions yet',
    );
  }
  if (refresh && !refresh.asOf) await new ReadModels(ledger).refresh(refresh.regionId);
  return answer;
}
