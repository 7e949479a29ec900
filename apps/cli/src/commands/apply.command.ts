import { IntakeError, IntakeFile } from '@libs/intake';
import { applyCommandFile, Ledger, newCommandId } from '@libs/ledger';
import { readFileSync } from 'node:fs';
import { ExitCode, UsageError } from '../cli-error';
import { CliContext, defaultActor, withStore } from '../cli-context';
import { optionalParameterOption, parseOptions, storeOption } from '../cli-options';
import { regionIdParameter } from '@libs/queries';
import { exampleCommandFile } from '../example-region';
import { applySpreadsheets, intakeErrorLines, isSpreadsheet } from './apply-spreadsheets';

export const APPLY_USAGE =
  'geldstroom apply FILE… | --example [--region R] [--dry-run] [--actor NAME] [--store URL]   (FILE: .jsonl commands, .xlsx workbook, .csv sheet)';

/**
 * Applies command files in order; stops at the first rejected command (exit 1). Workbooks and CSV
 * sheets (consecutive ones together) are applied whole or not at all. `--example` applies the Holland
 * Rijnland example as region `voorbeeld-holland-rijnland`.
 */
export async function applyCommand(context: CliContext): Promise<number> {
  const { values, positionals } = parseOptions(
    context.args,
    {
      ...storeOption,
      'dry-run': { type: 'boolean' },
      actor: { type: 'string' },
      region: { type: 'string' },
      example: { type: 'boolean' },
    },
    true,
  );
  if (values.example && positionals.length > 0) throw new UsageError('give command files or --example, not both');
  if (positionals.length === 0 && !values.example) throw new UsageError(`no command file given (${APPLY_USAGE})`);
  const region = optionalParameterOption(values.region, 'region', regionIdParameter);
  if (region !== undefined && !positionals.some(isSpreadsheet))
    throw new UsageError('--region is for workbooks (.xlsx) and CSV sheets; a command file names its region itself');
  const otherWorkbook = positionals.find((file) => /\.(xls|xlsm|xlsb|ods|numbers)$/i.test(file));
  if (otherWorkbook)
    throw new UsageError(`${otherWorkbook}: save the workbook as .xlsx (Excel-werkmap) or its sheets as CSV UTF-8`);
  const example = values.example ? exampleCommandFile() : undefined;
  const inputs: IntakeFile[] = example
    ? [{ file: example.name, data: Buffer.from(example.text, 'utf8') }]
    : positionals.map((file) => {
        try {
          return { file, data: readFileSync(file) };
        } catch (error) {
          throw new UsageError(
            `cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
          );
        }
      });
  const dryRun = values['dry-run'] === true;
  return withStore(
    context,
    values.store,
    async (store) => {
      const ledger = new Ledger(store, { dryRun });
      const actor = values.actor ?? defaultActor(context.env);
      const correlationId = newCommandId();
      const started = process.hrtime.bigint();
      let commands = 0;
      let events = 0;
      for (const batch of batches(inputs)) {
        if (batch.spreadsheets) {
          try {
            const report = await applySpreadsheets(batch.files, {
              ledger,
              regionId: region,
              actor,
              correlationId,
              io: context.io,
            });
            commands += report.commands;
            events += report.events;
          } catch (error) {
            if (!(error instanceof IntakeError)) throw error;
            context.io.err(intakeErrorLines(error));
            return ExitCode.rejected;
          }
          continue;
        }
        for (const { file, data } of batch.files) {
          const report = await applyCommandFile(ledger, file, data.toString('utf8'), { actor, correlationId });
          commands += report.commands;
          events += report.events;
        }
      }
      const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
      context.io.err(
        `${dryRun ? 'dry run: would record' : 'recorded'} ${events} event(s) from ${commands} command(s) in ${inputs.length} file(s) (${ms} ms, ${store.description})`,
      );
      return 0;
    },
    { create: !dryRun },
  );
}

/** Consecutive spreadsheet files form one intake (a set of CSV sheets is one workbook); command files go one by one. */
function batches(inputs: readonly IntakeFile[]): { spreadsheets: boolean; files: IntakeFile[] }[] {
  const result: { spreadsheets: boolean; files: IntakeFile[] }[] = [];
  for (const input of inputs) {
    const spreadsheets = isSpreadsheet(input.file);
    const last = result[result.length - 1];
    if (last && last.spreadsheets === spreadsheets) last.files.push(input);
    else result.push({ spreadsheets, files: [input] });
  }
  return result;
}
