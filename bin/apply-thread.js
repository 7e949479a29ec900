'use strict';
// `apply --batch` runs the CLI on a thread of its own, started here (bin/geldstroom.js asks for it).
const { isMainThread, parentPort, Worker, workerData } = require('node:worker_threads');
const { runCompiled } = require('./load-compiled');

/**
 * The young generation of the thread that runs `apply --batch`, in MiB (V8's default is 48: three
 * semi-spaces of 16). A batch holds a thousand commands' events until the batch before it is durable,
 * so with the default most of them outlive a scavenge and are copied once or twice more: on the
 * national set the scavenges took 2–3 times as long as with 192, the run's CPU about an eighth more
 * (its resident memory the same within 10–100 MB). Plain apply commits every hundred commands and
 * gains nothing from it, so it and every other command run on the main thread as before, without this
 * module. Killing the process stops the thread with it: nothing changes for a crash.
 */
const BATCH_YOUNG_GENERATION_MB = 192;

/** Runs the CLI bundle `main` on a thread with a larger young generation, then calls `exit` with its code. */
function runOnThread(main, args, exit) {
  const thread = new Worker(__filename, {
    workerData: { main, args },
    resourceLimits: { maxYoungGenerationSizeMb: BATCH_YOUNG_GENERATION_MB },
  });
  let code = 3;
  thread.on('message', (message) => {
    code = message.code;
    // whatever might keep the thread alive after it answered goes (see exitWhenFlushed); its output
    // is handed on before 'exit' is emitted
    void thread.terminate();
  });
  thread.on('error', (error) => process.stderr.write(`geldstroom: ${String(error)}\n`));
  thread.on('exit', () => exit(code));
}

if (!isMainThread) {
  // the thread runOnThread started: its code goes back once its output is handed on
  runCompiled(workerData.main, workerData.args).then((code) => {
    let pending = 2;
    const done = () => {
      pending -= 1;
      if (pending === 0) parentPort.postMessage({ code });
    };
    process.stdout.write('', done);
    process.stderr.write('', done);
  });
}

module.exports = { runOnThread };
