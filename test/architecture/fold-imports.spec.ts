import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');

/** The aliases of tsconfig.json, as module paths. */
const ALIASES: Record<string, string> = Object.fromEntries(
  Object.entries(
    (
      ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile).config as {
        compilerOptions: { paths: Record<string, string[]> };
      }
    ).compilerOptions.paths,
  ).map(([alias, [target]]) => [alias, join(ROOT, target)]),
);

/**
 * What a module loads when it runs: the `require`s of its JavaScript, as TypeScript emits it — an
 * import used only for its types is not among them.
 */
function runtimeImports(file: string): string[] {
  const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, experimentalDecorators: true },
  });
  return [...outputText.matchAll(/require\("([^"]+)"\)/g)].flatMap((match) => {
    const specifier = match[1];
    if (ALIASES[specifier]) return [ALIASES[specifier]];
    if (!specifier.startsWith('.')) return [];
    const base = resolve(dirname(file), specifier);
    return [`${base}.ts`, join(base, 'index.ts')].filter((candidate) => existsSync(candidate)).slice(0, 1);
  });
}

/** Every module reachable from `start` at run time, each with the path that reaches it. */
function reachable(start: string): Map<string, string[]> {
  const paths = new Map<string, string[]>([[start, [start]]]);
  const queue = [start];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const next of runtimeImports(file)) {
      if (paths.has(next)) continue;
      paths.set(next, [...(paths.get(file) ?? []), next]);
      queue.push(next);
    }
  }
  return paths;
}

/** The command side: the parsers of command input and what describes them. */
const COMMAND_PARSERS = [
  'parse-command.ts',
  'fields.ts',
  'command.shapes.ts',
  'command.types.ts',
  'field-schema.ts',
  'command.schema.ts',
  'command.catalogue.ts',
].map((name) => join(ROOT, 'libs/domain/src/commands', name));

function parserPaths(start: string): string[] {
  const paths = reachable(join(ROOT, start));
  return COMMAND_PARSERS.filter((parser) => paths.has(parser)).map((parser) =>
    (paths.get(parser) ?? []).map((file) => relative(ROOT, file)).join(' → '),
  );
}

describe('no fold or replay path reaches a command parser (history is never parsed as input)', () => {
  it.each([
    ['the fold', 'libs/domain/src/state/evolve.ts'],
    ['reading a stored event', 'libs/domain/src/events/stored-event.ts'],
    ['the domain model entry point', 'libs/domain/src/model.ts'],
    ['the ledger (catch-up, decide, append)', 'libs/ledger/src/ledger.ts'],
    ['the replay', 'libs/projections/src/replay.ts'],
    ['every read model', 'libs/projections/src/index.ts'],
  ])('%s (%s)', (_what, start) => {
    expect(parserPaths(start)).toEqual([]);
  });

  it('would notice one: the full domain entry point, which the edges use, does reach the parsers', () => {
    expect(parserPaths('libs/domain/src/index.ts')).toContain(
      'libs/domain/src/index.ts → libs/domain/src/commands/parse-command.ts',
    );
  });
});
