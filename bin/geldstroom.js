#!/usr/bin/env node
'use strict';
// The compiled CLI, bundled into one file; `npm install` / `npm ci` build it (the "prepare" script).
// `serve` runs a bundle of its own: the same CLI with the HTTP stack in it (apps/cli/src/tools/bundle.ts).
const path = require('node:path');
const fs = require('node:fs');
const args = process.argv.slice(2);
const serving = args[0] === 'serve';
const main = path.join(__dirname, '..', 'dist', 'apps', 'cli', serving ? 'geldstroom-serve.js' : 'geldstroom.js');
if (!fs.existsSync(main)) {
  process.stderr.write('geldstroom: not built yet; run `npm run build` (npm install does it)\n');
  process.exit(3);
}

/**
 * Exits once stdout and stderr are flushed. When the command is done its stores are closed, but a
 * gRPC connection attempt to an unreachable KurrentDB server can keep the process alive for minutes
 * (measured: over 3 minutes against a black-holed address) after the error was already printed.
 */
function exitWhenFlushed(code) {
  process.exitCode = code;
  let pending = 2;
  const done = () => {
    pending -= 1;
    if (pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

// apply --batch decides on a thread with a larger young generation (bin/apply-thread.js)
if (args[0] === 'apply' && args.includes('--batch')) require('./apply-thread').runOnThread(main, args, exitWhenFlushed);
else require('./load-compiled').runCompiled(main, args).then(exitWhenFlushed);
