import { DomainError } from '@libs/domain';
import { Ledger } from '@libs/ledger';
import { RegionQueries } from '@libs/queries';
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
  return withStore(
    context,
    storeUrl,
    async (store) => {
      const ledger = new Ledger(store);
      try {
        return await work(new RegionQueries(ledger));
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'NOT_FOUND' && error.field === 'regionId')) throw error;
        const known = await ledger.regionIds();
        throw new NotAnswered(
          error.reason,
          known.length > 0 ? `regions in this store: ${known.join(', ')}` : 'this store holds no regions yet',
        );
      }
    },
    READING,
  );
}
