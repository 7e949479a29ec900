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

/**
 * A question the store cannot answer (exit 1): `message` is what the HTTP API answers too, `hint` a
 * second line for the terminal.
 */
export class NotAnswered extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'NotAnswered';
  }
}
