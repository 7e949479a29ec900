import {
  IntakeError,
  IntakeFile,
  IntakeReport,
  MAX_ISSUES,
  REASONS,
  renderIntakeReport,
  runIntake,
} from '@libs/intake';
import { Ledger } from '@libs/ledger';
import { CliIo } from '../cli-io';

export const isSpreadsheet = (file: string): boolean => /\.(xlsx|csv)$/i.test(file);

/** Issues printed on stderr when rows are rejected; the dry-run preview lists the first MAX_ISSUES. */
const MAX_PRINTED_ISSUES = 20;

/**
 * Applies workbooks and CSV sheets, checked whole before anything is recorded (with --dry-run on the
 * run's own ledger, so the files before them in the same run count). Prints the preview per sheet;
 * a rejected row prints `FILE:SHEET:ROW: column: reason` and records nothing.
 */
export async function applySpreadsheets(
  files: readonly IntakeFile[],
  options: {
    /** the run's ledger: a dry-run one for --dry-run */
    ledger: Ledger;
    regionId?: string;
    actor: string;
    correlationId: string;
    io: CliIo;
  },
): Promise<IntakeReport> {
  try {
    const report = await runIntake(files, {
      regionId: options.regionId,
      actor: options.actor,
      correlationId: options.correlationId,
      source: ({ file, sheet, row }) => `${file}:${sheet}:${row}`,
      ledger: options.ledger,
    });
    options.io.out(renderIntakeReport(report));
    return report;
  } catch (error) {
    if (error instanceof IntakeError && error.report && options.ledger.dryRun)
      options.io.out(renderIntakeReport(error.report as IntakeReport));
    throw error;
  }
}

/** The lines a rejected intake prints on stderr: the first rejected row first, then how many more. */
export function intakeErrorLines(error: IntakeError, nothing = 'uit deze bestanden is niets vastgelegd'): string {
  const shown = error.issues.slice(0, MAX_PRINTED_ISSUES).map((found) => found.message);
  const listedNotShown = error.issues.length - shown.length;
  const more = listedNotShown + error.moreIssues;
  const hint = listedNotShown > 0 ? ` (geldstroom apply --dry-run toont de eerste ${MAX_ISSUES})` : '';
  return [...shown, ...(more > 0 ? [`${REASONS.moreIssues(more)}${hint}`] : []), nothing].join('\n');
}
