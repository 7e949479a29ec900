import { LRUCache } from 'lru-cache';

/** A statement as sent: its bytes, their media type and the strong ETag that names them. */
export interface RenderedStatement {
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
}

/** What names one rendering: the region, the year, the form, and the history it was folded from. */
export interface StatementKey {
  readonly regionId: string;
  readonly year: number;
  /** `json`, or `csv-nl` / `csv-en` */
  readonly form: string;
  /** the moment asked about, if any (`asOf`) */
  readonly asOf?: Date;
  /** the ledger hash: the head of the region's hash chain, which every recorded event changes */
  readonly ledgerHash: string;
}

export interface StatementCacheLimits {
  readonly maxEntries: number;
  readonly maxBytes: number;
}

/**
 * A few hundred statements of 10–20 kB each: every region's recent years (the national set's
 * largest is 19 kB). The bytes are held outside the JavaScript heap, so they count in full
 * towards the service's resident memory: 8 MiB, not more.
 */
export const DEFAULT_STATEMENT_CACHE: StatementCacheLimits = { maxEntries: 1000, maxBytes: 8 * 1024 * 1024 };

/**
 * The rendered statements the service has sent, so that asking again for the same statement of the
 * same history costs no fold, no JSON and no CSV. Keyed by the ledger hash, which the ledger reads
 * from the store on every request (catching up with what another process recorded): a new event makes
 * a new key, so nothing here is ever stale; old keys fall out as the least recently used. Bounded by
 * count and by bytes.
 */
export class StatementCache {
  private readonly entries: LRUCache<string, RenderedStatement>;

  constructor(limits: StatementCacheLimits = DEFAULT_STATEMENT_CACHE) {
    this.entries = new LRUCache<string, RenderedStatement>({
      max: limits.maxEntries,
      maxSize: limits.maxBytes,
      sizeCalculation: (entry) => Math.max(1, entry.body.length),
    });
  }

  /** The rendering named by `key`, rendered now if it is not kept (or too large to keep). */
  get(key: StatementKey, render: () => { readonly body: Buffer; readonly type: string }): RenderedStatement {
    const id = idOf(key);
    const kept = this.entries.get(id);
    if (kept) return kept;
    const rendered = { ...render(), etag: etagOf(key) };
    this.entries.set(id, rendered);
    return rendered;
  }

  /** The rendering named by `key` if it is kept, never rendered here (the fast path answers only from what is kept). */
  peek(key: StatementKey): RenderedStatement | undefined {
    return this.entries.get(idOf(key));
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.entries.calculatedSize;
  }
}

const idOf = (key: StatementKey): string =>
  `${key.regionId}\n${key.year}\n${key.form}\n${key.asOf?.toISOString() ?? ''}\n${key.ledgerHash}`;

/**
 * A strong ETag: the same history gives the same bytes for a year and form (the statement is a function
 * of the events), so the ledger hash with the year, the form and the moment names them exactly.
 */
export function etagOf(key: StatementKey): string {
  const asOf = key.asOf ? `-${key.asOf.getTime()}` : '';
  return `"${key.ledgerHash}-${key.year}-${key.form}${asOf}"`;
}
