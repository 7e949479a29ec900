'use strict';
// Loads the bundled CLI (one file: `npm run build` writes it with esbuild) with V8's compiled code kept
// between runs. Starting Node costs about 50 ms of CPU; compiling the CLI's code again on every run
// cost about 12 ms more (measured on `balances`), a quarter of what a short command adds to it.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

/**
 * Returns the bundle's exports. Node 22.1+ keeps compiled code itself (module.enableCompileCache); on
 * Node 20 the bundle is compiled through vm.Script with the code cache of the last run. V8 checks the
 * cache against its own version and flags, but of the source only its length: the cache file therefore
 * names the bundle's size and modification time, and one that does not match is not used. The cache is
 * written after the first run that compiled without one (best effort: an installation that may not be
 * written runs without it), so that it holds the functions a command runs, not only the top level.
 */
function loadCompiled(file) {
  if (typeof Module.enableCompileCache === 'function') {
    Module.enableCompileCache();
    return { exports: require(file), afterRun: () => undefined };
  }
  const cacheFile = `${file}.v8-cache`;
  const stat = fs.statSync(file);
  const key = Buffer.from(`${process.versions.v8} ${stat.size} ${stat.mtimeMs}\n`);
  let cachedData;
  try {
    const cache = fs.readFileSync(cacheFile);
    if (cache.subarray(0, key.length).equals(key)) cachedData = cache.subarray(key.length);
  } catch {
    // no cache yet
  }
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
  const compiled = new Module(file, module);
  compiled.filename = file;
  compiled.paths = Module._nodeModulePaths(path.dirname(file));
  // as require() would: a later require of the bundle gets this instance
  require.cache[file] = compiled;
  script
    .runInThisContext()
    .call(compiled.exports, compiled.exports, Module.createRequire(file), compiled, file, path.dirname(file));
  compiled.loaded = true;
  const afterRun = () => {
    if (cachedData !== undefined && !script.cachedDataRejected) return;
    const temporary = `${cacheFile}.${process.pid}`;
    try {
      fs.writeFileSync(temporary, Buffer.concat([key, script.createCachedData()]));
      fs.renameSync(temporary, cacheFile);
    } catch {
      fs.rmSync(temporary, { force: true });
    }
  };
  return { exports: compiled.exports, afterRun };
}

module.exports = { loadCompiled };
