import { CommandContext, Ledger } from './ledger';
import { locate, parseCommandFile } from './command-file';

export interface ApplyReport {
  readonly file: string;
  readonly commands: number;
  readonly events: number;
  readonly unchanged: number;
}

/**
 * Applies a command file in order, each command atomically. Stops at the first rejected line or
 * command with a CommandFileError: the commands before it stay recorded, nothing of it is.
 * `afterLine` skips the lines up to it (a run that resumes where an interrupted one stopped).
 */
export async function applyCommandFile(
  ledger: Ledger,
  file: string,
  text: string,
  context: Omit<CommandContext, 'source'>,
  options: { afterLine?: number } = {},
): Promise<ApplyReport> {
  let commands = 0;
  let events = 0;
  let unchanged = 0;
  for (const { line, command } of parseCommandFile(file, text)) {
    if (line <= (options.afterLine ?? 0)) continue;
    try {
      const outcome = await ledger.execute(command, { ...context, source: `${file}:${line}` });
      commands += 1;
      events += outcome.events.length;
      if (outcome.events.length === 0) unchanged += 1;
    } catch (error) {
      throw locate(error, file, line, command);
    }
  }
  return { file, commands, events, unchanged };
}
