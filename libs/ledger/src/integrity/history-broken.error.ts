import { ChainFault, ChainProblem } from './chain-check';
import { regionOfStream } from './verify-chain';

/**
 * A region whose stored history fails its check (verify's finding) — the ledger refuses to build on
 * it or to answer from it, and import and migrate refuse to copy it.
 */
export class HistoryBrokenError extends Error {
  readonly code = 'HISTORY_BROKEN';
  readonly regionId: string;
  readonly revision: bigint;
  readonly fault: ChainFault;

  constructor(
    readonly problem: ChainProblem,
    consequence = 'it accepts no new events until its history is restored from a backup (see geldstroom verify)',
  ) {
    super(`${describeProblem(problem)}; ${consequence}`);
    this.name = 'HistoryBrokenError';
    this.regionId = regionOfStream(problem.streamId);
    this.revision = problem.revision;
    this.fault = problem.fault;
  }
}

/** `region R: revision N edited: …` — the line verify prints for a broken history. */
export function describeProblem(problem: ChainProblem): string {
  return `region ${regionOfStream(problem.streamId)}: revision ${problem.revision} ${problem.fault}: ${problem.detail}`;
}
