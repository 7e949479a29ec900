import { EventStore, SqliteBatchWriter, SqliteEventStore } from '@libs/event-store';
import { IntakeError, IntakeFile } from '@libs/intake';
import { applyCommandFile, commandFileText, Ledger, newCommandId } from '@libs/ledger';
import { readFileSync } from 'node:fs';
import { ExitCode, UsageError } from '../cli-error';
import { CliContext, defaultActor, withStore } from '../cli-context';
import { optionalParameterOption, parseOptions, storeOption } from '../cli-options';
import { regionIdParameter } from '@libs/queries';
import { exampleCommandFile } from '../example-region';
import { applySpreadsheets, intakeErrorLines, isSpreadsheet } from './apply-spreadsheets';
import { APPLY_USAGE } from './usage';

function applyOptions(args: string[]) {
  const { values, positionals } = parseOptions(
    args,
    {
      ...storeOption,
      'dry-run': { type: 'boolean' },
      batch: { type: 'boolean' },
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
  return { ...values, region, files: positionals, dryRun: values['dry-run'] === true };
}

function readInputs(files: readonly string[], example: boolean): IntakeFile[] {
  if (example) {
    const { name, text } = exampleCommandFile();
    return [{ file: name, data: Buffer.from(text, 'utf8') }];
  }
  return files.map((file) => {
    try {
      return { file, data: readFileSync(file) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    }
  });
}

/** Commands per durable commit with --batch: one fsync for as many, the loss on a crash bounded by it. */
const BATCH_SIZE = 1000;
/**
 * Commands per durable commit without --batch. The CLI acknowledges nothing before the run ends, so
 * committing a few decided commands together breaks no promise: each is still whole (one transaction
 * holds whole commands only), what is recorded is always the file's first commands, a rejected line
 * stops the run with the commands before it committed, and a crash loses only commands nobody was told
 * of — a re-run records them, the recorded ones recording nothing again. It spares an fsync per command.
 */
const GROUP_SIZE = 100;

/** Runs the files in order on one ledger; undefined once a spreadsheet batch was refused (it printed why). */
async function applyAll(
  inputs: readonly IntakeFile[],
  run: {
    ledger: Ledger;
    region?: string;
    actor: string;
    correlationId: string;
    context: CliContext;
    batchSize: number;
    writer?: SqliteBatchWriter;
  },
): Promise<{ commands: number; events: number } | undefined> {
  let commands = 0;
  let events = 0;
  for (const batch of batches(inputs)) {
    if (batch.spreadsheets) {
      try {
        const report = await applySpreadsheets(batch.files, {
          ledger: run.ledger,
          regionId: run.region,
          actor: run.actor,
          correlationId: run.correlationId,
          io: run.context.io,
        });
        commands += report.commands;
        events += report.events;
      } catch (error) {
        if (!(error instanceof IntakeError)) throw error;
        run.context.io.err(intakeErrorLines(error));
        return undefined;
      }
      continue;
    }
    for (const { file, data } of batch.files) {
      const report = await applyCommandFile(
        run.ledger,
        file,
        commandFileText(file, data),
        { actor: run.actor, correlationId: run.correlationId },
        { batchSize: run.batchSize, ...(run.writer ? { writer: run.writer } : {}) },
      );
      commands += report.commands;
      events += report.events;
    }
  }
  return { commands, events };
}

/**
 * Applies command files in order, each line in turn (applyCommandFile); stops at the first rejected
 * command (exit 1), the commands before it staying recorded. Workbooks and CSV sheets (consecutive ones together) are applied whole or
 * not at all. A command file's commands are committed 100 at a time (GROUP_SIZE), with `--batch` 1000 at a
 * time (one fsync each; still each command all or nothing, a crash losing the last group whole), on a
 * SQLite file committed on a thread of their own while the next 1000 are decided. `--example` applies the Holland Rijnland example as region `voorbeeld-holland-rijnland`.
 */
export async function applyCommand(context: CliContext): Promise<number> {
  const options = applyOptions(context.args);
  const inputs = readInputs(options.files, options.example === true);
  const { dryRun } = options;
  return withStore(
    context,
    options.store,
    async (store) => {
      const started = process.hrtime.bigint();
      const run = {
        ledger: new Ledger(store, { dryRun }),
        region: options.region,
        actor: options.actor ?? defaultActor(context.env),
        correlationId: newCommandId(),
        context,
        batchSize: options.batch ? BATCH_SIZE : GROUP_SIZE,
        writer: options.batch && !dryRun ? batchWriterOf(store) : undefined,
      };
      const applied = await applyAll(inputs, run).finally(async () => {
        await run.writer?.close();
        await run.ledger.persist();
      });
      if (!applied) return ExitCode.rejected;
      const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
      context.io.err(
        `${dryRun ? 'dry run: would record' : 'recorded'} ${applied.events} event(s) from ${applied.commands} command(s) in ${inputs.length} file(s) (${ms} ms, ${store.description})`,
      );
      return 0;
    },
    { create: !dryRun, bulk: true },
  );
}

/**
 * With --batch on a SQLite file, the batches are committed on a thread of their own while the next is
 * decided (SqliteBatchWriter); other stores commit each batch before the next is decided.
 */
function batchWriterOf(store: EventStore): SqliteBatchWriter | undefined {
  return store instanceof SqliteEventStore ? store.batchWriter() : undefined;
}

/** Consecutive spreadsheet files form one intake (a set of CSV sheets is one workbook); command files go one by one. */
function batches(inputs: readonly IntakeFile[]): { spreadsheets: boolean; files: IntakeFile[] }[] {
  const result: { spreadsheets: boolean; files: IntakeFile[] }[] = [];
  for (const input of inputs) {
    const spreadsheets = isSpreadsheet(input.file);
    const last = result[result.length - 1];
    if (last?.spreadsheets === spreadsheets) last.files.push(input);
    else result.push({ spreadsheets, files: [input] });
  }
  return result;
}
