import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { EventStore } from '@libs/event-store';
import { Ledger } from '@libs/ledger';
import { EVENT_STORE } from '../service.tokens';

/**
 * The bytes of folded states the service keeps (estimated, see the ledger's cacheBytes): less than the
 * ledger's default, as the service's whole resident memory is held under 150 MiB. The national set
 * (44 regions over ten years) takes about 25 MB, so it is held whole and a burst of commands that goes
 * round every region never loads one again; a larger history keeps the regions used last.
 */
export const SERVICE_CACHE_BYTES = 40 * 1024 * 1024;

/**
 * The one Ledger of the service, over its store. Counts appends in flight so that a shutdown waits
 * for them before the store is closed (Nest calls onApplicationShutdown after the HTTP server has
 * stopped accepting requests).
 */
@Injectable()
export class LedgerService implements OnApplicationShutdown {
  readonly ledger: Ledger;
  private inFlight = 0;
  private drained: (() => void) | undefined;

  constructor(@Inject(EVENT_STORE) readonly store: EventStore) {
    this.ledger = new Ledger(store, { cacheBytes: SERVICE_CACHE_BYTES });
  }

  /** A ledger over the same store that records nothing: for previews (an import's dry run). */
  dryRunLedger(): Ledger {
    return new Ledger(this.store, { dryRun: true });
  }

  async track<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight += 1;
    try {
      return await work();
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) this.drained?.();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.inFlight > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    await this.store.close();
  }
}
