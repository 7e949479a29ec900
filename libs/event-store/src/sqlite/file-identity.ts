import { statSync } from 'node:fs';

/** Which file a path names: its device and inode, which stay with the file whatever its name. */
export interface FileIdentity {
  readonly dev: bigint;
  readonly ino: bigint;
}

export function identityOf(path: string): FileIdentity {
  const stat = statSync(path, { bigint: true });
  return { dev: stat.dev, ino: stat.ino };
}

/**
 * Why the file at `path` is no longer the file that was opened — deleted, or replaced by another —
 * or undefined while it still is. A process that keeps writing to a deleted or replaced SQLite file
 * writes into a file nobody will ever open again.
 */
export function fileChange(path: string, opened: FileIdentity): string | undefined {
  let now: FileIdentity;
  try {
    now = identityOf(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? 'the file was deleted while it was open'
      : `the file can no longer be examined (${code ?? (error as Error).message})`;
  }
  if (now.dev !== opened.dev || now.ino !== opened.ino) return 'the file was replaced by another while it was open';
  return undefined;
}
