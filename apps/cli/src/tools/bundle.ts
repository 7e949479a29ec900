import { build, BuildOptions } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { SERVICE_BUNDLE_PLUGINS } from './bundle-plugins';

/**
 * `npm run build`'s last step: the CLI and its worker thread, each bundled into one file, and the
 * service's bundle. In the CLI's bundle every package stays in node_modules, loaded by the subcommand
 * that needs it (`balances` never loads the HTTP stack). `serve` runs a bundle of its own, with the
 * HTTP stack in it: loaded from node_modules, its ~1,300 files took half of the service's start
 * (resolving, reading and compiling each), and a bundle's compiled code is kept between runs
 * (bin/load-compiled.js).
 */
const DIST = 'dist/apps/cli';

const common: BuildOptions = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning' };

/**
 * The packages the service's bundle leaves in node_modules: what reads files beside its own code or
 * runs some in a worker thread, what a request or another store loads only when it needs it (kept out
 * of the file the service compiles at start), and what Nest requires only if it is installed (it is
 * not: no microservices or websockets here).
 */
const SERVICE_EXTERNAL = [
  // a native addon
  'better-sqlite3',
  // Swagger UI's files, served from its folder
  'swagger-ui-dist',
  // its transports run files of its own in worker threads
  'pino',
  // loaded when a workbook, PDF, chart, upload or KurrentDB store is asked for (pdfkit reads its font metrics beside its code)
  'exceljs',
  'pdfkit',
  'echarts',
  'yauzl',
  'csv-stringify',
  '@eventstore/db-client',
  // every character set's tables, of which a request body in UTF-8 loads none
  'iconv-lite',
  // optional in Nest, not installed
  '@nestjs/microservices',
  '@nestjs/websockets',
  'class-transformer/storage',
];

async function main(): Promise<void> {
  await Promise.all([
    build({
      ...common,
      packages: 'external',
      entryPoints: ['dist/apps/cli/src/main.js'],
      outfile: `${DIST}/geldstroom.js`,
    }),
    build({
      ...common,
      packages: 'external',
      entryPoints: ['dist/libs/event-store/src/sqlite/sqlite-batch-writer.worker.js'],
      outfile: `${DIST}/sqlite-batch-writer.worker.js`,
    }),
    serviceBundle(`${DIST}/geldstroom-serve.js`),
  ]);
}

/**
 * The service's bundle, which V8 holds in memory for the life of the service as one string: without
 * comments or indentation, and in ASCII (see asciiOnly), 3.6 MB instead of 10.5; what its packages do at
 * their start only for what the service does not use is done when first used (bundle-plugins.ts).
 */
async function serviceBundle(outfile: string): Promise<void> {
  await build({
    ...common,
    external: SERVICE_EXTERNAL.flatMap((name) => [name, `${name}/*`]),
    entryPoints: ['dist/apps/cli/src/serve-main.js'],
    minifyWhitespace: true,
    // Nest names its loggers' contexts and its errors after classes, which a bundle would rename on a clash
    keepNames: true,
    plugins: SERVICE_BUNDLE_PLUGINS,
    outfile,
  });
  writeFileSync(outfile, asciiOnly(readFileSync(outfile, 'utf8')));
}

/**
 * The code with every character beyond ASCII written as a \u escape. esbuild escapes them in strings
 * but not in regular expressions (class-validator's alphabets), and one such character makes V8 keep
 * the whole source at two bytes a character. An escape means the same character in a string, a regular
 * expression or a name; after a backslash it would not, so that stops the build.
 */
function asciiOnly(code: string): string {
  return code.replace(/[\u0080-\uffff]/g, (character, offset: number) => {
    if (code[offset - 1] === '\\') throw new Error(`a character beyond ASCII after a backslash at ${offset}`);
    return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`bundle: ${String(error)}\n`);
  process.exitCode = 1;
});
