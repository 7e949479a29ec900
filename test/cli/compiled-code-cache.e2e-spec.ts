import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES, geldstroom, ROOT, tempDir } from '../support/cli';
import { start, waitFor } from '../support/processes';

/**
 * The CLI keeps V8's compiled code of its bundle between runs (bin/load-compiled.js; on Node 22.1+ Node
 * does it itself). What a command prints must not depend on it: with no cache, a cache of this very
 * bundle, or a damaged one, the answer is the same, and a cache that is not the bundle's is replaced.
 */
const nodeKeepsItsOwn = Number(process.versions.node.split('.')[0]) >= 22;

(nodeKeepsItsOwn ? describe.skip : describe)(
  'the compiled code kept between runs (Node 20; skipped on Node 22.1+, which keeps its own)',
  () => {
    const temp = tempDir('geldstroom-code-cache-');
    const bundle = join(ROOT, 'dist', 'apps', 'cli', 'geldstroom.js');
    const cache = `${bundle}.v8-cache`;
    const ask = () => geldstroom(['balances', '--region', 'holland-rijnland', '--year', '2024', '--store', temp.store]);
    beforeAll(() => {
      expect(geldstroom(['apply', join(EXAMPLES, 'holland-rijnland.jsonl'), '--store', temp.store]).status).toBe(0);
    });
    afterAll(() => temp.cleanup());

    it('is written by a run without one, names the bundle it was made of, and changes no answer', () => {
      rmSync(cache, { force: true });
      const first = ask();
      expect(first.status).toBe(0);
      const { size, mtimeMs } = statSync(bundle);
      const written = readFileSync(cache);
      expect(written.subarray(0, 100).toString('latin1')).toMatch(
        new RegExp(`^${process.versions.v8.replace(/\./g, '\\.')} ${size} ${mtimeMs}\n`),
      );
      expect(written.length).toBeGreaterThan(10_000);
      expect(ask()).toEqual(first);

      // a damaged cache: V8 refuses it, the bundle is compiled again and the cache written anew
      const key = written.subarray(0, written.indexOf(0x0a) + 1);
      writeFileSync(cache, Buffer.concat([key, Buffer.alloc(5000, 7)]));
      expect(ask()).toEqual(first);
      expect(readFileSync(cache).length).toBeGreaterThan(10_000);

      // a cache made of another bundle (another size or time) is not used, and is replaced
      writeFileSync(cache, Buffer.concat([Buffer.from(`${process.versions.v8} 1 1\n`), written.subarray(key.length)]));
      expect(ask()).toEqual(first);
      expect(readFileSync(cache).subarray(0, key.length)).toEqual(key);
    });

    describe("the service's bundle", () => {
      const serviceBundle = join(ROOT, 'dist', 'apps', 'cli', 'geldstroom-serve.js');
      const serviceCache = `${serviceBundle}.v8-cache`;

      /** Whether V8, run with these flags, refuses the kept code (as bin/load-compiled.js hands it over). */
      function refusedUnder(flags: string[]): string {
        const check = [
          "const fs = require('node:fs'), vm = require('node:vm'), Module = require('node:module');",
          `const cache = fs.readFileSync(${JSON.stringify(serviceCache)});`,
          `const source = Module.wrap(fs.readFileSync(${JSON.stringify(serviceBundle)}, 'utf8'));`,
          `const script = new vm.Script(source, { filename: ${JSON.stringify(serviceBundle)}, cachedData: cache.subarray(cache.indexOf(10) + 1) });`,
          'process.stdout.write(String(script.cachedDataRejected));',
        ].join('\n');
        return spawnSync(process.execPath, [...flags, '-e', check], { encoding: 'utf8' }).stdout;
      }

      it('comes with the compiled code of its start from the build, made under the flags the service is launched with', () => {
        const { size, mtimeMs } = statSync(serviceBundle);
        const kept = readFileSync(serviceCache);
        expect(kept.subarray(0, 100).toString('latin1')).toMatch(
          new RegExp(`^${process.versions.v8.replace(/\./g, '\\.')} ${size} ${mtimeMs}\n`),
        );
        // the code of Nest, Express, class-validator… evaluated at start, not only the bundle's top level
        expect(kept.length).toBeGreaterThan(1_000_000);
        // V8 checks its flags: npm start, the container and the bench launch the service with these
        expect(refusedUnder(['--max-semi-space-size=4'])).toBe('false');
        expect(refusedUnder([])).toBe('true');
      });

      it('is left as the build made it by a run of the service (which changes a V8 flag as it starts)', async () => {
        const before = readFileSync(serviceCache);
        const service = start([
          'serve',
          '--port',
          '0',
          '--store',
          temp.store,
          '--tokens',
          join(temp.dir, 'tokens.json'),
        ]);
        await waitFor(service, /API on http/);
        service.child.kill('SIGTERM');
        expect((await service.ended).code).toBe(0);
        expect(readFileSync(serviceCache)).toEqual(before);
      });
    });
  },
);
