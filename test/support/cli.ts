import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'geldstroom.js');
export const EXAMPLES = join(ROOT, 'examples');
export const EXPECTED = join(ROOT, 'test', 'fixtures', 'expected');

export interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built `geldstroom` binary as a user would (`npm run build` first). */
export function geldstroom(args: string[], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, GELDSTROOM_STORE: '', ...env },
    timeout: 60_000,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh directory for a test's SQLite store, removed afterwards. */
export function tempDir(prefix = 'geldstroom-'): { dir: string; store: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    store: `sqlite:${join(dir, 'ledger.db')}`,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * A statement without its ledger hash: for comparing what two histories say when the histories
 * themselves differ (a what-if, a re-applied file whose markers were recorded again).
 */
export function withoutLedgerHash<T extends { ledgerHash?: unknown }>(statement: T): Omit<T, 'ledgerHash'> {
  const { ledgerHash: _ledgerHash, ...rest } = statement;
  return rest;
}

/** Compares two statement-shaped JSON values field by field and lists every difference by path. */
export function differences(actual: unknown, expected: unknown, path = ''): string[] {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    if (actual === null || typeof actual !== 'object')
      return [`${path || '(root)'}: expected an object, got ${JSON.stringify(actual)}`];
    return Object.entries(expected).flatMap(([key, value]) =>
      differences((actual as Record<string, unknown>)[key], value, path ? `${path}.${key}` : key),
    );
  }
  return JSON.stringify(actual) === JSON.stringify(expected)
    ? []
    : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}
