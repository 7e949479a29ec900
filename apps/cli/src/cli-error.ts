/**
 * Exit codes of interface.md §2, plus one for a store that cannot be used and sysexits' EX_SOFTWARE
 * for a broken invariant (a bug in Geldstroom, not a refused command).
 */
export const ExitCode = {
  ok: 0,
  rejected: 1,
  usage: 2,
  store: 3,
  internal: 70,
} as const;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
