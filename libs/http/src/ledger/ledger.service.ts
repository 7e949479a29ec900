import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { EventStore } from '@libs/event-store';
import { Ledger } from '@libs/ledger';
import { EVENT_STORE } from '../service.tokens';

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
    this.ledger = new Ledger(store);
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
