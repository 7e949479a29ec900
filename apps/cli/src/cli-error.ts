/** Exit codes of interface.md §2, plus one for a store that cannot be used. */
export const ExitCode = {
  ok: 0,
  rejected: 1,
  usage: 2,
  store: 3,
} as const;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
