import { applyCommandFile, Ledger, newCommandId } from '@libs/ledger';
import { readFileSync } from 'node:fs';
import { UsageError } from '../cli-error';
import { CliContext, defaultActor, withStore } from '../cli-context';
import { parseOptions, storeOption } from '../cli-options';
import { exampleCommandFile } from '../example-region';

export const APPLY_USAGE = 'geldstroom apply FILE… | --example [--dry-run] [--actor NAME] [--store URL]';

/**
 * Applies command files in order; stops at the first rejected command (exit 1). `--example` applies
 * the Holland Rijnland example as region `voorbeeld-holland-rijnland`.
 */
export async function applyCommand(context: CliContext): Promise<number> {
  const { values, positionals } = parseOptions(
    context.args,
    { ...storeOption, 'dry-run': { type: 'boolean' }, actor: { type: 'string' }, example: { type: 'boolean' } },
    true,
  );
  if (values.example && positionals.length > 0) throw new UsageError('give command files or --example, not both');
  if (positionals.length === 0 && !values.example) throw new UsageError(`no command file given (${APPLY_USAGE})`);
  const example = values.example ? exampleCommandFile() : undefined;
  const texts = example
    ? [{ file: example.name, text: example.text }]
    : positionals.map((file) => {
        try {
          return { file, text: readFileSync(file, 'utf8') };
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
      for (const { file, text } of texts) {
        const report = await applyCommandFile(ledger, file, text, { actor, correlationId });
        commands += report.commands;
        events += report.events;
      }
      const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
      context.io.err(
        `${dryRun ? 'dry run: would record' : 'recorded'} ${events} event(s) from ${commands} command(s) in ${texts.length} file(s) (${ms} ms, ${store.description})`,
      );
      return 0;
    },
    { create: !dryRun },
  );
}
