'use strict';
// Loads a bundle of the CLI (one file: `npm run build` writes them with esbuild) with V8's compiled code kept
// between runs. Starting Node costs about 50 ms of CPU; compiling the CLI's code again on every run
// cost about 12 ms more (measured on `balances`), a quarter of what a short command adds to it.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const nodeKeepsItsOwn = typeof Module.enableCompileCache === 'function';

/** The cache file's first line: V8 checks a cache against its own version and flags, but of the source only its length. */
function cacheKey(file) {
  const stat = fs.statSync(file);
  return Buffer.from(`${process.versions.v8} ${stat.size} ${stat.mtimeMs}\n`);
}

/** Compiles and evaluates the bundle as require() would, with the kept code if it is this bundle's. */
function compile(file) {
  const cacheFile = `${file}.v8-cache`;
  const key = cacheKey(file);
  let cachedData;
  try {
    const cache = fs.readFileSync(cacheFile);
    if (cache.subarray(0, key.length).equals(key)) cachedData = cache.subarray(key.length);
  } catch {
    // no cache yet
  }
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
  // whether V8 used it, not the buffer itself, is what is kept for the life of the process
  const usedCache = cachedData !== undefined && !script.cachedDataRejected;
  const compiled = new Module(file, module);
  compiled.filename = file;
  compiled.paths = Module._nodeModulePaths(path.dirname(file));
  // as require() would: a later require of the bundle gets this instance
  require.cache[file] = compiled;
  script
    .runInThisContext()
    .call(compiled.exports, compiled.exports, Module.createRequire(file), compiled, file, path.dirname(file));
  compiled.loaded = true;
  /** Writes the code compiled so far (best effort: an installation that may not be written runs without it). */
  const keep = () => {
    const temporary = `${cacheFile}.${process.pid}`;
    try {
      fs.writeFileSync(temporary, Buffer.concat([key, script.createCachedData()]));
      fs.renameSync(temporary, cacheFile);
    } catch {
      fs.rmSync(temporary, { force: true });
    }
  };
  return { exports: compiled.exports, usedCache, keep };
}

/**
 * Returns the bundle's exports. Node 22.1+ keeps compiled code itself (module.enableCompileCache); on
 * Node 20 the bundle is compiled through vm.Script with the code cache of the last run. The cache file
 * names the bundle's size and modification time, and one that does not match is not used. afterRun
 * writes the cache after a run that compiled without one (one that may not be written runs without
 * it), so that it holds the functions a command runs, not only the top level.
 */
function loadCompiled(file) {
  if (nodeKeepsItsOwn) {
    Module.enableCompileCache();
    return { exports: require(file), afterRun: () => undefined };
  }
  const { exports, usedCache, keep } = compile(file);
  return { exports, afterRun: () => usedCache || keep() };
}

/**
 * The build's step for the service's bundle: evaluates the modules the service starts with (the bundle's
 * export `warm`) and keeps their compiled code. The service does not write its cache after a run: it
 * changes a V8 flag when it starts (service-heap.ts), and V8 refuses code cached under other flags.
 * The cache is made under the flags the service is launched with (package.json "bundle").
 */
function keepCompiled(file, warm) {
  if (nodeKeepsItsOwn) return;
  const cacheFile = `${file}.v8-cache`;
  fs.rmSync(cacheFile, { force: true });
  const { exports, keep } = compile(file);
  exports[warm]();
  keep();
}

/** Runs the CLI bundle in this thread: the exit code of its runCli, or 3 after printing what it threw. */
function runCompiled(file, args) {
  const cli = loadCompiled(file);
  return cli.exports.runCli(args).then(
    (code) => {
      // the service's compiled code is kept by the build (keepCompiled)
      if (args[0] !== 'serve') cli.afterRun();
      return code;
    },
    (error) => {
      process.stderr.write(`geldstroom: ${String(error)}\n`);
      return 3;
    },
  );
}

module.exports = { loadCompiled, keepCompiled, runCompiled };

// node [flags] bin/load-compiled.js BUNDLE EXPORT: keepCompiled, as the build runs it
if (require.main === module) keepCompiled(path.resolve(process.argv[2]), process.argv[3]);
