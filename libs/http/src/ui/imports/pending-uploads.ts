import { randomBytes } from 'node:crypto';
import { makeRoom } from '../make-room';

/** A spreadsheet that was previewed and waits for "Vastleggen". */
export interface PendingUpload {
  readonly id: string;
  /** who previewed it: only that token may record it */
  readonly tokenId: string;
  readonly regionId: string;
  readonly file: string;
  readonly data: Buffer;
  readonly at: number;
}

/**
 * Without client-side JavaScript a browser cannot send a file twice, so the previewed file waits here
 * (in memory, for a while) until it is recorded. Recording runs the whole check again on what is
 * recorded then, so a file that waited while others recorded cannot slip past a rule.
 */
export class PendingUploads {
  private readonly uploads = new Map<string, PendingUpload>();

  constructor(
    private readonly limits = { ttlMs: 30 * 60 * 1000, max: 50 },
    private readonly now: () => number = Date.now,
  ) {}

  keep(upload: Omit<PendingUpload, 'id' | 'at'>): PendingUpload {
    this.expire();
    makeRoom(this.uploads, this.limits.max);
    const kept = { ...upload, id: randomBytes(24).toString('base64url'), at: this.now() };
    this.uploads.set(kept.id, kept);
    return kept;
  }

  /** The upload this token previewed for this region, taken out (it is recorded once). */
  take(id: unknown, tokenId: string, regionId: string): PendingUpload | undefined {
    this.expire();
    const found = typeof id === 'string' ? this.uploads.get(id) : undefined;
    if (found?.tokenId !== tokenId || found.regionId !== regionId) return undefined;
    this.uploads.delete(found.id);
    return found;
  }

  private expire(): void {
    const oldest = this.now() - this.limits.ttlMs;
    for (const [id, upload] of this.uploads) if (upload.at < oldest) this.uploads.delete(id);
  }
}
