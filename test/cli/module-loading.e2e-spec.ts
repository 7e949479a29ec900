import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { BIN, geldstroom, ROOT, tempDir } from '../support/cli';

/**
 * Which modules a subcommand loads. A short command should cost little more than starting Node, so it
 * loads only what it needs: the libraries that take long to load (the HTTP stack, the workbook, PDF
 * and chart libraries, the EventStoreDB client, rxjs) are loaded by the subcommands that use them.
 * Checked by what Node loaded, not by a timing: the figures are in `npm run bench` (cli-trivial).
 * `geldstroom` runs the CLI bundled into one file, which evaluates each module of ours when it is first
 * required, as Node does: which of our modules a subcommand evaluates is read from the unbundled build
 * (the files the bundle is made of), which packages it loads from the bundle itself.
 */
describe('the CLI loads only what a subcommand needs', () => {
  const temp = tempDir('geldstroom-modules-');
  const recorder = join(temp.dir, 'record-modules.js');
  const region = ['--region', 'voorbeeld-holland-rijnland', '--year', '2024', '--store', temp.store];

  /** The unbundled CLI: the files the bundle is made of, one module each. */
  const UNBUNDLED = join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');

  /** Every package (node_modules) and every file of ours (dist/…) one run loaded, after it exited 0. */
  function loaded(args: string[], entry = BIN): { packages: Set<string>; own: string[] } {
    const list = join(temp.dir, `modules-${args[0]}.json`);
    const run = spawnSync(process.execPath, ['--require', recorder, entry, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, GELDSTROOM_STORE: '', RECORD_MODULES_TO: list },
      timeout: 60_000,
    });
    if (run.status !== 0) throw new Error(`geldstroom ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
    return byOrigin(JSON.parse(readFileSync(list, 'utf8')) as string[]);
  }

  /** What `geldstroom serve` loaded by the time it answered a request, after it stopped on SIGTERM. */
  async function loadedByService(): Promise<{ packages: Set<string>; own: string[] }> {
    const list = join(temp.dir, 'modules-serve.json');
    const args = ['serve', '--port', '0', '--store', temp.store, '--tokens', join(temp.dir, 'tokens.json')];
    const child = spawn(process.execPath, ['--require', recorder, BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, GELDSTROOM_STORE: '', RECORD_MODULES_TO: list },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    const ended = new Promise<number | null>((resolve) => child.on('close', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const banner = /API on (http:\/\/\S+) /.exec(stderr);
        if (banner) resolve(banner[1]);
      });
      void ended.then(() => reject(new Error(`serve stopped: ${stderr}`)));
    });
    expect((await fetch(`${url}/health`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await ended).toBe(0);
    return byOrigin(JSON.parse(readFileSync(list, 'utf8')) as string[]);
  }

  /** The packages (node_modules) and the files of ours (dist/…) among the files a run loaded. */
  function byOrigin(files: string[]): { packages: Set<string>; own: string[] } {
    const packages = new Set(
      files.flatMap((file) => /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file)?.[1].replace('\\', '/') ?? []),
    );
    const own = files
      .filter((file) => !file.includes(`node_modules${sep}`) && file.startsWith(join(ROOT, 'dist')))
      .map((file) => relative(join(ROOT, 'dist'), file).split(sep).join('/'));
    return { packages, own };
  }

  const HEAVY = [
    '@nestjs/core',
    '@nestjs/common',
    '@nestjs/swagger',
    'express',
    'helmet',
    'pino',
    'class-validator',
    'class-transformer',
    'exceljs',
    'pdfkit',
    'echarts',
    '@eventstore/db-client',
    '@grpc/grpc-js',
    'rxjs',
  ];

  beforeAll(() => {
    writeFileSync(
      recorder,
      "process.on('exit', () => require('node:fs').writeFileSync(process.env.RECORD_MODULES_TO, JSON.stringify(Object.keys(require.cache))));\n",
    );
    const setUp = geldstroom(['apply', '--example', '--store', temp.store]);
    expect(setUp.status).toBe(0);
  });
  afterAll(() => temp.cleanup());

  it('geldstroom runs the bundle: one file of ours', () => {
    expect(loaded(['balances', ...region]).own).toEqual(['apps/cli/geldstroom.js']);
  });

  it('balances loads the domain, the SQLite store and the queries, and none of the heavy libraries', () => {
    const { packages } = loaded(['balances', ...region]);
    expect(HEAVY.filter((name) => packages.has(name))).toEqual([]);
    expect(packages.has('better-sqlite3')).toBe(true);
    const { packages: unbundled, own } = loaded(['balances', ...region], UNBUNDLED);
    expect(unbundled).toEqual(packages);
    expect(own.filter((file) => /^libs\/(http|intake|access)\//.test(file))).toEqual([]);
    // one subcommand's module, not all of them
    expect(own.filter((file) => file.startsWith('apps/cli/src/commands/') && file.endsWith('.command.js'))).toEqual([
      'apps/cli/src/commands/balances.command.js',
    ]);
  });

  it('a statement as JSON loads none of them either', () => {
    const { packages } = loaded(['statement', ...region]);
    expect(HEAVY.filter((name) => packages.has(name))).toEqual([]);
  });

  it('--help loads no library and no store', () => {
    expect([...loaded(['--help']).packages]).toEqual([]);
    const { packages, own } = loaded(['--help'], UNBUNDLED);
    expect([...packages]).toEqual([]);
    expect(own.filter((file) => file.startsWith('libs/'))).toEqual([]);
  });

  it('serve runs a bundle of its own, with the HTTP stack in it: no file of Nest, Express or class-validator is read from node_modules', async () => {
    const { packages, own } = await loadedByService();
    expect(own).toEqual(['apps/cli/geldstroom-serve.js']);
    const bundled = ['@nestjs/core', '@nestjs/common', '@nestjs/platform-express', '@nestjs/swagger', 'express'];
    expect([...bundled, 'class-validator', 'class-transformer', 'rxjs'].filter((name) => packages.has(name))).toEqual(
      [],
    );
    // what the bundle leaves where it is: the SQLite binding, Swagger UI's files, the logger
    expect(['better-sqlite3', 'swagger-ui-dist', 'pino'].filter((name) => packages.has(name))).toHaveLength(3);
    // and what no start needs stays unloaded there too
    expect(['exceljs', 'pdfkit', 'echarts', '@eventstore/db-client'].filter((name) => packages.has(name))).toEqual([]);
    // nor the phone number metadata class-validator requires for a rule no request uses (tools/bundle-plugins.ts)
    expect(packages.has('libphonenumber-js')).toBe(false);
  });

  it("the service's bundle is ASCII, so that V8 keeps its source at one byte a character", () => {
    const code = readFileSync(join(ROOT, 'dist', 'apps', 'cli', 'geldstroom-serve.js'), 'latin1');
    expect(code.length).toBeGreaterThan(1_000_000);
    expect(/[\u0080-\uffff]/.exec(code)?.index).toBeUndefined();
  });

  it('the workbook library is loaded when a workbook is written (so the record above would show it)', () => {
    const { packages } = loaded(['statement', ...region, '--format', 'xlsx', '--out', join(temp.dir, 'hr.xlsx')]);
    expect(packages.has('exceljs')).toBe(true);
    expect(packages.has('pdfkit')).toBe(false);
  });
});
