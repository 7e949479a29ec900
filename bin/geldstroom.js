#!/usr/bin/env node
'use strict';
// The compiled CLI, bundled into one file; `npm install` / `npm ci` build it (the "prepare" script).
// `serve` runs a bundle of its own: the same CLI with the HTTP stack in it (apps/cli/src/tools/bundle.ts).
const path = require('node:path');
const fs = require('node:fs');
const { isMainThread, parentPort, Worker, workerData } = require('node:worker_threads');

/**
 * The young generation of the thread that runs `apply --batch`, in MiB (V8's default is 48: three
 * semi-spaces of 16). A batch holds a thousand commands' events until the batch before it is durable,
 * so with the default most of them outlive a scavenge and are copied once or twice more: on the
 * national set the scavenges took 2–3 times as long as with 192 (the batched apply's CPU about an
 * eighth less, its resident memory the same within 10 MB). Plain apply commits every hundred commands
 * and gains nothing from it, so it and every other command run on the main thread as before (no
 * thread to start). Killing the process stops the thread with it; nothing else changes for a crash.
 */
const BATCH_YOUNG_GENERATION_MB = 192;

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

/** Runs the CLI in this thread: its exit code, or 3 after printing what it threw. */
function runHere(main, args) {
  const cli = require('./load-compiled').loadCompiled(main);
  return cli.exports.runCli(args).then(
    (code) => {
      // the service's compiled code is kept by the build (bin/load-compiled.js, keepCompiled)
      if (args[0] !== 'serve') cli.afterRun();
      return code;
    },
    (error) => {
      process.stderr.write(`geldstroom: ${String(error)}\n`);
      return 3;
    },
  );
}

/** Runs the CLI on a thread with a larger young generation; the main thread only waits for its code. */
function runOnThread(main, args) {
  const thread = new Worker(__filename, {
    workerData: { main, args },
    resourceLimits: { maxYoungGenerationSizeMb: BATCH_YOUNG_GENERATION_MB },
  });
  let code = 3;
  thread.on('message', (message) => {
    code = message.code;
    // whatever might keep the thread alive after it answered (see exitWhenFlushed); its output is
    // forwarded before 'exit' is emitted
    void thread.terminate();
  });
  thread.on('error', (error) => process.stderr.write(`geldstroom: ${String(error)}\n`));
  thread.on('exit', () => exitWhenFlushed(code));
}

if (!isMainThread) {
  // the thread runOnThread started: the code goes back once its output is handed on
  runHere(workerData.main, workerData.args).then((code) => {
    let pending = 2;
    const done = () => {
      pending -= 1;
      if (pending === 0) parentPort.postMessage({ code });
    };
    process.stdout.write('', done);
    process.stderr.write('', done);
  });
} else {
  const args = process.argv.slice(2);
  const serving = args[0] === 'serve';
  const main = path.join(__dirname, '..', 'dist', 'apps', 'cli', serving ? 'geldstroom-serve.js' : 'geldstroom.js');
  if (!fs.existsSync(main)) {
    process.stderr.write('geldstroom: not built yet; run `npm run build` (npm install does it)\n');
    process.exit(3);
  }
  if (args[0] === 'apply' && args.includes('--batch')) runOnThread(main, args);
  else runHere(main, args).then(exitWhenFlushed);
}
