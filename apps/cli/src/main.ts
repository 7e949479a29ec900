import { DomainError, InvariantViolation } from '@libs/domain';
import { EventStoreError } from '@libs/event-store';
import {
  CommandFileError,
  EventLineError,
  HistoryBrokenError,
  TargetNotEmptyError,
  UnreadableEventError,
} from '@libs/ledger';
import { JournalMappingError } from '@libs/reports';
import { ExitCode, NotAnswered, UsageError } from './cli-error';
import { CliContext, defaultOpenStore } from './cli-context';
import { CliIo, processIo } from './cli-io';
import { APPLY_USAGE, applyCommand } from './commands/apply.command';
import { BALANCES_USAGE, balancesCommand } from './commands/balances.command';
import { STATEMENT_USAGE, statementCommand } from './commands/statement.command';
import { EXPLAIN_USAGE, explainCommand } from './commands/explain.command';
import { TRACE_USAGE, traceCommand } from './commands/trace.command';
import { REPLAY_USAGE, replayCommand } from './commands/replay.command';
import { COMPARE_KEYS_USAGE, compareKeysCommand } from './commands/compare-keys.command';
import { EXPORT_HELP, EXPORT_USAGE, exportCommand } from './commands/export.command';
import { SERVE_USAGE, serveCommand } from './commands/serve.command';
import { IMPORT_USAGE, importCommand } from './commands/import.command';
import { MIGRATE_USAGE, migrateCommand } from './commands/migrate.command';
import { TOKEN_USAGE, tokenCommand } from './commands/token.command';
import { VERIFY_USAGE, verifyCommand } from './commands/verify.command';
import { REGIONS_USAGE, regionsCommand } from './commands/regions.command';
import { GENERATE_USAGE, generateCommand } from './commands/generate.command';
import { didYouMean } from './did-you-mean';
import { packageVersion } from './package-root';
import { TEMPLATE_USAGE, templateCommand } from './commands/template.command';
import { INIT_USAGE, initCommand } from './commands/init.command';
import { LETTERS_USAGE, lettersCommand } from './commands/letters.command';

type Subcommand = { run: (context: CliContext) => Promise<number>; usage: string; summary: string; help?: string };

const SUBCOMMANDS: Record<string, Subcommand> = {
  apply: {
    run: applyCommand,
    usage: APPLY_USAGE,
    summary: 'apply command files (JSON Lines), workbooks (.xlsx) and CSV sheets in order',
  },
  init: { run: initCommand, usage: INIT_USAGE, summary: 'set up a region from a members file (code;naam[;keys])' },
  template: { run: templateCommand, usage: TEMPLATE_USAGE, summary: 'write the workbook a region fills in for a year' },
  statement: { run: statementCommand, usage: STATEMENT_USAGE, summary: 'the year statement of a region' },
  balances: { run: balancesCommand, usage: BALANCES_USAGE, summary: 'balances per account for a region and year' },
  explain: {
    run: explainCommand,
    usage: EXPLAIN_USAGE,
    summary: 'every posting on an account, with its rule, key and arithmetic',
  },
  trace: { run: traceCommand, usage: TRACE_USAGE, summary: 'where the money of a Rijk payment went' },
  replay: {
    run: replayCommand,
    usage: REPLAY_USAGE,
    summary: 'what if: replay the history with revised keys or agreements',
  },
  letters: {
    run: lettersCommand,
    usage: LETTERS_USAGE,
    summary: 'a settlement letter (PDF) per municipality: what it receives or pays',
  },
  'compare-keys': {
    run: compareKeysCommand,
    usage: COMPARE_KEYS_USAGE,
    summary: 'compare the AEF key options and their stability',
  },
  export: {
    run: exportCommand,
    usage: EXPORT_USAGE,
    summary: 'export every event (jsonl backup) or a region (hledger journal, journal CSV for a financial system)',
    help: EXPORT_HELP,
  },
  import: { run: importCommand, usage: IMPORT_USAGE, summary: 'restore a jsonl backup into an empty store' },
  migrate: {
    run: migrateCommand,
    usage: MIGRATE_USAGE,
    summary: 'copy every event to an empty store and verify both agree',
  },
  verify: {
    run: verifyCommand,
    usage: VERIFY_USAGE,
    summary: "check every region's hash chain, revisions and balanced postings",
  },
  regions: {
    run: regionsCommand,
    usage: REGIONS_USAGE,
    summary: 'the regions in the store, their years (open, closed, reopened) and events',
  },
  serve: { run: serveCommand, usage: SERVE_USAGE, summary: 'run the HTTP API (OpenAPI at /docs)' },
  token: { run: tokenCommand, usage: TOKEN_USAGE, summary: 'create, list or revoke API tokens' },
  generate: {
    run: generateCommand,
    usage: GENERATE_USAGE,
    summary: 'write a synthetic command file (by default the national set, for benchmarks)',
  },
};

export function usage(): string {
  const width = Math.max(...Object.keys(SUBCOMMANDS).map((name) => name.length));
  return [
    'geldstroom — event-sourced ledger of regional BW/MO money flows',
    '',
    'Usage:',
    ...Object.values(SUBCOMMANDS).map((command) => `  ${command.usage}`),
    '',
    'Commands:',
    ...Object.entries(SUBCOMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`),
    '',
    'Store: --store URL or GELDSTROOM_STORE (sqlite:PATH, default sqlite:./data/geldstroom.db; kurrentdb://host:2113?tls=false).',
    'Exit codes: 0 success, 1 rejected command or input, 2 usage error, 3 store unavailable or failed, 70 internal error (a bug).',
  ].join('\n');
}

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function runCli(
  argv: string[],
  io: CliIo = processIo,
  env: NodeJS.ProcessEnv = process.env,
  openStore = defaultOpenStore,
): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (name === '--version' || name === '-v') {
    io.out(version());
    return ExitCode.ok;
  }
  const subcommand = SUBCOMMANDS[name];
  if (!subcommand) {
    const suggestion = didYouMean(name, [...Object.keys(SUBCOMMANDS), 'help', '--help', '--version']);
    io.err(
      `geldstroom: unknown command "${name}"${suggestion}\n\n${suggestion ? 'All commands: geldstroom --help' : usage()}`,
    );
    return ExitCode.usage;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.out(`Usage: ${subcommand.usage}${subcommand.help ? `\n\n${subcommand.help}` : ''}`);
    return ExitCode.ok;
  }
  try {
    return await subcommand.run({ args, io, env, openStore });
  } catch (error) {
    return reportError(error, io, subcommand.usage);
  }
}

export function version(): string {
  return `geldstroom ${packageVersion()} (Node.js ${process.versions.node})`;
}

/** Lines of a command file named at most, the first rejected line first. */
const MAX_PRINTED_LINES = 20;

/** A rejected command file: every line that is no command (as many as fit), and that nothing of it was recorded. */
function commandFileLines(error: CommandFileError): string {
  if (error.more.length === 0) return error.message;
  const all = [error, ...error.more];
  const shown = all.slice(0, MAX_PRINTED_LINES).map((found) => found.message);
  const hidden = all.length - shown.length;
  return [
    ...shown,
    ...(hidden > 0 ? [`… and ${hidden} more`] : []),
    `${all.length} lines are no command; nothing of ${error.file} was recorded`,
  ].join('\n');
}

export function reportError(error: unknown, io: CliIo, usageText: string): number {
  if (error instanceof UsageError) {
    io.err(`geldstroom: ${error.message}\nUsage: ${usageText}`);
    return ExitCode.usage;
  }
  if (error instanceof CommandFileError) {
    io.err(commandFileLines(error));
    return ExitCode.rejected;
  }
  if (error instanceof EventLineError || error instanceof TargetNotEmptyError || error instanceof JournalMappingError) {
    io.err(error.message);
    return ExitCode.rejected;
  }
  if (error instanceof NotAnswered) {
    io.err(`geldstroom: ${error.message}${error.hint ? `\n${error.hint}` : ''}`);
    return ExitCode.rejected;
  }
  // what is not found names itself ("region … has nothing recorded for 2031"), as over HTTP
  if (error instanceof DomainError && error.code === 'NOT_FOUND') {
    io.err(`geldstroom: ${error.reason}`);
    return ExitCode.rejected;
  }
  if (error instanceof DomainError || error instanceof HistoryBrokenError) {
    io.err(`geldstroom: ${error.message}`);
    return ExitCode.rejected;
  }
  // the store holds an event this version cannot read: like a store that fails, said in one line
  if (error instanceof EventStoreError || error instanceof UnreadableEventError) {
    io.err(`geldstroom: ${error.message}`);
    return ExitCode.store;
  }
  if (error instanceof InvariantViolation) {
    io.err(
      `geldstroom: internal error, nothing was recorded (a bug in Geldstroom; please report it): ${oneLine(error.message)}`,
    );
    return ExitCode.internal;
  }
  io.err(`geldstroom: unexpected error: ${(error as Error)?.stack ?? String(error)}`);
  return ExitCode.store;
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ');

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`geldstroom: ${String(error)}\n`);
      process.exitCode = ExitCode.store;
    },
  );
}
