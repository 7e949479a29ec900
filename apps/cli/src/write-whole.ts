import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Writable } from 'node:stream';

/** The suffix of the name a file is written under before it is renamed onto its path. */
export const PARTIAL = '.partial';

/**
 * Files an --out names are written whole: under `PATH.partial` first and renamed onto the path when
 * complete, so an interrupted run never leaves half a file in place of one. When the write or the rename
 * fails — the path is a folder, the disk is full — the partial file goes too: it would be taken for output.
 */
export function writeWhole(path: string, data: string | Uint8Array): void {
  const partial = `${path}${PARTIAL}`;
  try {
    writeFileSync(partial, data);
    renameSync(partial, path);
  } catch (error) {
    removePartial(partial);
    throw error;
  }
}

/** The same for output written as a stream: `write` writes it all to the stream given, which is then closed. */
export async function streamWhole(path: string, write: (out: Writable) => Promise<void>): Promise<void> {
  const partial = `${path}${PARTIAL}`;
  const out = createWriteStream(partial);
  // a path that cannot be opened (a folder that is not there) is said by reportError, naming `path`
  await once(out, 'open');
  try {
    await write(out);
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    renameSync(partial, path);
  } catch (error) {
    out.destroy();
    removePartial(partial);
    throw error;
  }
}

/** Removes a partial file if it is there (a folder of that name is not ours to remove). */
function removePartial(partial: string): void {
  try {
    rmSync(partial, { force: true });
  } catch {
    // a folder named PATH.partial, or one we may not write in: nothing of ours to clean up
  }
}
