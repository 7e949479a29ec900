import { ExitCode } from './cli-error';
import { CliContext, defaultOpenStore } from './cli-context';
import { CliIo, processIo } from './cli-io';
import * as USAGE from './commands/usage';
import { didYouMean } from './did-you-mean';
import { packageVersion } from './package-root';

/** One subcommand: how it is called, and its code, loaded when it runs. */
interface Subcommand {
  readonly usage: string;
  readonly summary: string;
  readonly help?: string;
  /**
   * Loads the subcommand's module, and with it only the libraries it needs: `balances` never loads
   * exceljs, pdfkit or the HTTP stack, `--help` not even the store (a test checks which modules load).
   */
  readonly load: () => (context: CliContext) => Promise<number>;
}

/* eslint-disable @typescript-eslint/no-require-imports -- each subcommand is loaded when it runs (typed by typeof import) */
const SUBCOMMANDS: Record<string, Subcommand> = {
  apply: {
    usage: USAGE.APPLY_USAGE,
    summary: 'apply command files (JSON Lines), workbooks (.xlsx) and CSV sheets in order',
    load: () => (require('./commands/apply.command') as typeof import('./commands/apply.command')).applyCommand,
  },
  init: {
    usage: USAGE.INIT_USAGE,
    summary: 'set up a region from a members file (code;naam[;keys])',
    load: () => (require('./commands/init.command') as typeof import('./commands/init.command')).initCommand,
  },
  template: {
    usage: USAGE.TEMPLATE_USAGE,
    summary: 'write the workbook a region fills in for a year',
    load: () =>
      (require('./commands/template.command') as typeof import('./commands/template.command')).templateCommand,
  },
  statement: {
    usage: USAGE.STATEMENT_USAGE,
    summary: 'the year statement of a region',
    load: () =>
      (require('./commands/statement.command') as typeof import('./commands/statement.command')).statementCommand,
  },
  balances: {
    usage: USAGE.BALANCES_USAGE,
    summary: 'balances per account for a region and year',
    load: () =>
      (require('./commands/balances.command') as typeof import('./commands/balances.command')).balancesCommand,
  },
  explain: {
    usage: USAGE.EXPLAIN_USAGE,
    summary: 'every posting on an account, with its rule, key and arithmetic',
    load: () => (require('./commands/explain.command') as typeof import('./commands/explain.command')).explainCommand,
  },
  trace: {
    usage: USAGE.TRACE_USAGE,
    summary: 'where the money of a Rijk payment went',
    load: () => (require('./commands/trace.command') as typeof import('./commands/trace.command')).traceCommand,
  },
  replay: {
    usage: USAGE.REPLAY_USAGE,
    summary: 'what if: replay the history with revised keys or agreements',
    load: () => (require('./commands/replay.command') as typeof import('./commands/replay.command')).replayCommand,
  },
  letters: {
    usage: USAGE.LETTERS_USAGE,
    summary: 'a settlement letter (PDF) per municipality: what it receives or pays',
    load: () => (require('./commands/letters.command') as typeof import('./commands/letters.command')).lettersCommand,
  },
  'compare-keys': {
    usage: USAGE.COMPARE_KEYS_USAGE,
    summary: 'compare the AEF key options and their stability',
    load: () =>
      (require('./commands/compare-keys.command') as typeof import('./commands/compare-keys.command'))
        .compareKeysCommand,
  },
  export: {
    usage: USAGE.EXPORT_USAGE,
    summary: 'export every event (jsonl backup) or a region (hledger journal, journal CSV for a financial system)',
    help: USAGE.EXPORT_HELP,
    load: () => (require('./commands/export.command') as typeof import('./commands/export.command')).exportCommand,
  },
  import: {
    usage: USAGE.IMPORT_USAGE,
    summary: 'restore a jsonl backup into an empty store',
    load: () => (require('./commands/import.command') as typeof import('./commands/import.command')).importCommand,
  },
  migrate: {
    usage: USAGE.MIGRATE_USAGE,
    summary: 'copy every event to an empty store and verify both agree',
    load: () => (require('./commands/migrate.command') as typeof import('./commands/migrate.command')).migrateCommand,
  },
  verify: {
    usage: USAGE.VERIFY_USAGE,
    summary: "check every region's hash chain, revisions and balanced postings",
    load: () => (require('./commands/verify.command') as typeof import('./commands/verify.command')).verifyCommand,
  },
  regions: {
    usage: USAGE.REGIONS_USAGE,
    summary: 'the regions in the store, their years (open, closed, reopened) and events',
    load: () => (require('./commands/regions.command') as typeof import('./commands/regions.command')).regionsCommand,
  },
  serve: {
    usage: USAGE.SERVE_USAGE,
    summary: 'run the HTTP API (OpenAPI at /docs)',
    load: () => (require('./commands/serve.command') as typeof import('./commands/serve.command')).serveCommand,
  },
  token: {
    usage: USAGE.TOKEN_USAGE,
    summary: 'create, list or revoke API tokens',
    load: () => (require('./commands/token.command') as typeof import('./commands/token.command')).tokenCommand,
  },
  generate: {
    usage: USAGE.GENERATE_USAGE,
    summary: 'write a synthetic command file (by default the national set, for benchmarks)',
    load: () =>
      (require('./commands/generate.command') as typeof import('./commands/generate.command')).generateCommand,
  },
};
/* eslint-enable @typescript-eslint/no-require-imports */

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
    return await subcommand.load()({ args, io, env, openStore });
  } catch (error) {
    // loaded on failure only: it knows the errors of every library
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand (typed by typeof import)
    const { reportError } = require('./report-error') as typeof import('./report-error');
    return reportError(error, io, subcommand.usage);
  }
}

export function version(): string {
  return `geldstroom ${packageVersion()} (Node.js ${process.versions.node})`;
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`geldstroom: ${String(error)}\n`);
      process.exitCode = ExitCode.store;
    },
  );
}
