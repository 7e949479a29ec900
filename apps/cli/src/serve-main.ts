/**
 * The entry point of the service's bundle (dist/apps/cli/geldstroom-serve.js), which bin/geldstroom.js
 * runs for `serve`: the same CLI, with the HTTP stack bundled in (see tools/bundle.ts).
 */
export { runCli } from './main';

/**
 * Evaluates the modules the service starts with, without starting it: the build runs it to keep their
 * compiled code (bin/load-compiled.js), so that even the first start after an installation does not
 * compile the HTTP stack.
 */
export function loadServeModules(): void {
  /* eslint-disable @typescript-eslint/no-require-imports -- evaluated for their compiled code, not used here */
  require('./commands/serve.command');
  require('@libs/http');
  /* eslint-enable @typescript-eslint/no-require-imports */
}
