import { IntakeReport, runIntake } from '@libs/intake';
import { mayRecord, Principal } from '@libs/access';
import { basename } from 'node:path';
import { LedgerService } from '../ledger/ledger.service';

/**
 * The one rule for a spreadsheet uploaded over HTTP, for the API's imports route and the web
 * interface's upload page alike: who may upload, what the file is called, and how it is run.
 */

/** The largest upload: a region's year is tens of kilobytes; this leaves room for years of history. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Recorders and admins, for their own region when their token is bound to one. */
export function mayImport(principal: Principal, regionId: string): boolean {
  return (
    (principal.role === 'admin' || principal.role === 'recorder') &&
    (principal.region === undefined || principal.region === regionId)
  );
}

/** The name only: it names the sheet of a CSV file and goes into every event's source. */
export function uploadName(original: string): string {
  return (
    basename(original.replace(/\\/g, '/'))
      // eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
      .replace(/[\u0000-\u001f\u007f]/g, '')
      .slice(0, 200)
  );
}

export const isSpreadsheetName = (file: string) => /\.(xlsx|csv)$/i.test(file);

export interface Upload {
  readonly principal: Principal;
  readonly regionId: string;
  /** the name from uploadName */
  readonly file: string;
  readonly data: Buffer;
  readonly dryRun: boolean;
  readonly correlationId: string;
}

/**
 * Runs the intake over the upload: every row checked first, nothing recorded when one is refused
 * (an IntakeError with the preview), each event's source `upload:FILE:SHEET:ROW`; a dry run only checks.
 */
export function intakeUpload(ledger: LedgerService, upload: Upload): Promise<IntakeReport> {
  const { principal, regionId, file } = upload;
  return ledger.track(() =>
    runIntake([{ file, data: upload.data }], {
      regionId,
      actor: principal.actor,
      correlationId: upload.correlationId,
      source: ({ sheet, row }) => `upload:${file}:${sheet}:${row}`,
      ledger: upload.dryRun ? ledger.dryRunLedger() : ledger.ledger,
      mayRecord: (command) => mayRecord(principal, command.type, command.regionId),
    }),
  );
}
